import { describe, expect, it } from 'vitest';
import type { PageFeedSnapshot } from './page-feed-snapshot';
import { createSnapshotSender } from './snapshot-sender';

/** A clock and a timer the test moves by hand. */
function manualTime() {
  let now = 0;
  const timers: { at: number; callback: () => void }[] = [];
  return {
    now: () => now,
    setTimer: (callback: () => void, delayMs: number) =>
      timers.push({ at: now + delayMs, callback }),
    advance(ms: number) {
      now += ms;
      for (const timer of timers.splice(0).sort((a, b) => a.at - b.at))
        if (timer.at <= now) timer.callback();
        else timers.push(timer);
    },
  };
}

const snapshot = (pending: string[]): PageFeedSnapshot => ({
  identity: '1',
  accounts: [],
  pending,
  prices: {},
});

describe('snapshot sender', () => {
  it('waits for the load burst, then paces sends and skips repeats until the heartbeat', async () => {
    const time = manualTime();
    let current = snapshot(['a']);
    const sent: PageFeedSnapshot[] = [];
    const sender = createSnapshotSender({
      now: time.now,
      setTimer: time.setTimer,
      build: () => [current],
      send: async (value) => {
        sent.push(value);
      },
      timing: { settleMs: 1_000, minIntervalMs: 5_000, heartbeatMs: 60_000 },
    });
    sender.changed();
    sender.changed();
    time.advance(999);
    expect(sent).toHaveLength(0);
    time.advance(1);
    expect(sent).toEqual([snapshot(['a'])]);
    // Unchanged: not sent again before the heartbeat.
    sender.changed();
    time.advance(5_000);
    expect(sent).toHaveLength(1);
    // Changed: sent on the next paced flush, the latest state.
    current = snapshot(['b']);
    sender.changed();
    time.advance(4_999);
    current = snapshot(['c']);
    sender.changed();
    time.advance(5_000);
    expect(sent.map((item) => item.pending[0])).toEqual(['a', 'c']);
    time.advance(60_000);
    sender.changed();
    time.advance(0);
    expect(sent.map((item) => item.pending[0])).toEqual(['a', 'c', 'c']);
  });

  it('sends nothing empty, and sends again after a failed send', async () => {
    const time = manualTime();
    let current = snapshot([]);
    let attempts = 0;
    const sender = createSnapshotSender({
      now: time.now,
      setTimer: time.setTimer,
      build: () => [current],
      send: () => {
        attempts += 1;
        return Promise.reject(new Error('background restarting'));
      },
    });
    sender.changed();
    time.advance(10_000);
    expect(attempts).toBe(0);
    current = snapshot(['x']);
    sender.changed();
    time.advance(10_000);
    await Promise.resolve();
    sender.changed();
    time.advance(10_000);
    expect(attempts).toBe(2);
  });
});
