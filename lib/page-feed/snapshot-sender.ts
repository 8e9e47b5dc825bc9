import type { PageFeedSnapshot } from './page-feed-snapshot';

/**
 * When the page-feed content script sends its snapshots to the background: a venue's page pushes
 * account messages many times a second, and each snapshot the background stores makes the risk
 * state recompute on its next request, so the sends are paced.
 *
 * - The first send waits {@link SnapshotSenderTiming.settleMs} after the first message taken, so
 *   that the burst a page receives on load (summaries, positions, marks) lands in one snapshot.
 * - Then at most one send per {@link SnapshotSenderTiming.minIntervalMs}, always of the latest
 *   state (a message in between schedules one trailing send).
 * - A snapshot equal to the last one sent for the same account is sent again only after
 *   {@link SnapshotSenderTiming.heartbeatMs}: the background's "read from the page N s ago" then
 *   says how long ago the page last confirmed it. With no messages, nothing is sent and the
 *   figures age (and go stale) in the background.
 * - Snapshots with neither accounts nor pending notes are not sent.
 * The clock and the timer are passed in (the content script's `ctx.setTimeout`, so nothing runs
 * after the script is invalidated). A failed send is dropped: the next change sends again.
 */
export interface SnapshotSenderTiming {
  readonly settleMs: number;
  readonly minIntervalMs: number;
  readonly heartbeatMs: number;
}

export const SNAPSHOT_SENDER_TIMING: SnapshotSenderTiming = {
  settleMs: 1_500,
  minIntervalMs: 5_000,
  heartbeatMs: 60_000,
};

export interface SnapshotSenderOptions {
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  readonly setTimer: (callback: () => void, delayMs: number) => void;
  /** The snapshots to send now (the feed's, checked against the file schema). */
  readonly build: () => readonly PageFeedSnapshot[];
  readonly send: (snapshot: PageFeedSnapshot) => Promise<unknown>;
  readonly timing?: SnapshotSenderTiming;
}

export interface SnapshotSender {
  /** The feed took a message: schedule a send. */
  changed(): void;
}

export function createSnapshotSender(options: SnapshotSenderOptions): SnapshotSender {
  const timing = options.timing ?? SNAPSHOT_SENDER_TIMING;
  let scheduled = false;
  let lastFlushAt: number | undefined;
  const lastSent = new Map<string, { readonly text: string; readonly at: number }>();

  const flush = () => {
    scheduled = false;
    const now = options.now();
    lastFlushAt = now;
    for (const snapshot of options.build()) {
      if (snapshot.accounts.length === 0 && snapshot.pending.length === 0) continue;
      const key = snapshot.identity ?? '';
      const text = JSON.stringify(snapshot);
      const previous = lastSent.get(key);
      if (previous?.text === text && now - previous.at < timing.heartbeatMs) continue;
      lastSent.set(key, { text, at: now });
      options.send(snapshot).catch(() => {
        // Not sent (the background was busy or restarting): send it again on the next change.
        lastSent.delete(key);
      });
    }
  };

  return {
    changed() {
      if (scheduled) return;
      scheduled = true;
      const now = options.now();
      const delay =
        lastFlushAt === undefined
          ? timing.settleMs
          : Math.max(0, lastFlushAt + timing.minIntervalMs - now);
      options.setTimer(() => {
        try {
          flush();
        } catch {
          // A snapshot that cannot be built now is built again on the next change.
          scheduled = false;
        }
      }, delay);
    },
  };
}
