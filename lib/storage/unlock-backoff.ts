import { defineVersionedItem } from './versioned-item';
import { WrongPassphraseError } from './vault-crypto';

/**
 * Back-off after wrong vault passphrases (issue 13, finding 10): someone at an unlocked-browser
 * machine (or a script driving the options page) cannot try passphrases as fast as PBKDF2 runs.
 *
 * Policy (`unlockWaitMs`): the first UNLOCK_FREE_ATTEMPTS − 1 wrong passphrases in a row cost
 * nothing (typos); from the UNLOCK_FREE_ATTEMPTS-th on, the next try waits 30 s, doubling with
 * each further wrong passphrase, at most one hour. A right passphrase (or a new vault) starts the
 * count again. An attempt made during the wait is refused before the passphrase is tried, and
 * does not count.
 *
 * Units: times are milliseconds since the Unix epoch, passed in (this module never reads the
 * clock). The count and the time of the next allowed try are kept in `local:` storage, so a
 * restarted service worker (or browser) keeps the wait.
 *
 * Clock changes (issue 13, review finding e). The wait is measured from the stored time of the
 * last wrong passphrase (the next allowed try less the wait its count sets):
 * - Set back: a stored failure time later than now (the clock was set back, or the record is
 *   damaged, as is a wait with no time) is refused: the wait starts again from now, in full,
 *   and that time is stored. Setting the clock back never shortens a wait, and cannot lock the
 *   trader out for longer than one full wait (at most an hour): before, a failure stored under
 *   a clock set a year ahead kept the vault shut for that year.
 * - Set forward: within one service worker the wait is also measured on a clock no wall-clock
 *   change moves (`monotonicFailureClock`, performance.now()), so a jump forward gains nothing
 *   while the worker lives. A new worker has only the wall clock: someone who moves the clock
 *   forward and lets the worker stop (30 s without a request in Chromium) between tries skips
 *   the rest of each wait, so tries cost at least that 30 s plus PBKDF2. What that cannot gain:
 *   setting the system clock takes an administrator on Windows, macOS and Linux desktops, and
 *   an administrator can copy the browser profile's vault record and guess offline, where no
 *   back-off applies at all — the clock gives no more than the files already do.
 *
 * Offline guessing of a copied vault record is not slowed by this, only by PBKDF2's 600,000
 * iterations (vault-crypto.ts); the vault record is readable by trusted contexts only on
 * Chromium (README, "Privacy").
 */

export const UNLOCK_FREE_ATTEMPTS = 3;
export const UNLOCK_FIRST_WAIT_MS = 30_000;
export const UNLOCK_LONGEST_WAIT_MS = 60 * 60_000;

/** Consecutive wrong passphrases, and when the next try is allowed (null: at once). */
export interface UnlockFailures {
  readonly failures: number;
  readonly retryNotBefore: number | null;
}

const NO_FAILURES: UnlockFailures = { failures: 0, retryNotBefore: null };

export const unlockFailuresItem = defineVersionedItem<UnlockFailures>('local:vaultUnlockFailures', {
  fallback: NO_FAILURES,
  version: 1,
  // An (empty) migrations map makes WXT record the version beside the value.
  migrations: {},
});

/**
 * How long the next try waits after `failures` wrong passphrases in a row, in milliseconds:
 * 0 below UNLOCK_FREE_ATTEMPTS, then 30 s × 2^(failures − UNLOCK_FREE_ATTEMPTS), at most 1 h.
 */
export function unlockWaitMs(failures: number): number {
  if (!Number.isInteger(failures) || failures < 0)
    throw new Error(`unlockWaitMs: failures must be a whole number ≥ 0, got ${failures}`);
  if (failures < UNLOCK_FREE_ATTEMPTS) return 0;
  // 2^7 × 30 s already passes the hour; the exponent is capped so the product stays finite.
  const doublings = Math.min(failures - UNLOCK_FREE_ATTEMPTS, 32);
  return Math.min(UNLOCK_FIRST_WAIT_MS * 2 ** doublings, UNLOCK_LONGEST_WAIT_MS);
}

/** An unlock refused, or a wrong passphrase that starts a wait: says when to try again. */
export class UnlockBackoffError extends Error {
  override readonly name = 'UnlockBackoffError';
  constructor(
    readonly failures: number,
    readonly retryNotBefore: number,
    nowMs: number,
  ) {
    super(
      `The passphrase was wrong ${failures} times in a row: the vault takes the next try ` +
        `${inWords(retryNotBefore - nowMs)}, at ${new Date(retryNotBefore).toLocaleTimeString()}.`,
    );
  }
}

function inWords(waitMs: number): string {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  if (seconds < 120) return `in ${seconds} seconds`;
  return `in ${Math.ceil(seconds / 60)} minutes`;
}

/** What storage holds, or no failures when it holds something else (never a thrown start). */
async function readFailures(): Promise<UnlockFailures> {
  const stored: unknown = await unlockFailuresItem.getValue();
  if (typeof stored !== 'object' || stored === null) return NO_FAILURES;
  const { failures, retryNotBefore } = stored as Record<string, unknown>;
  if (typeof failures !== 'number' || !Number.isInteger(failures) || failures < 0)
    return NO_FAILURES;
  return {
    failures,
    retryNotBefore:
      typeof retryNotBefore === 'number' && Number.isFinite(retryNotBefore) ? retryNotBefore : null,
  };
}

/**
 * The last wrong passphrase on a clock no wall-clock change moves (performance.now() in the
 * worker), remembered for as long as the worker lives: one per service worker.
 */
export interface MonotonicFailureClock {
  /** Milliseconds since the last counted wrong passphrase; undefined when none in this worker. */
  sinceLastFailureMs(): number | undefined;
  failed(): void;
  unlocked(): void;
}

export function monotonicFailureClock(nowMs: () => number): MonotonicFailureClock {
  let lastFailureAt: number | undefined;
  return {
    sinceLastFailureMs: () => (lastFailureAt === undefined ? undefined : nowMs() - lastFailureAt),
    failed: () => {
      lastFailureAt = nowMs();
    },
    unlocked: () => {
      lastFailureAt = undefined;
    },
  };
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `unlock` unless a back-off runs (then `UnlockBackoffError`, the passphrase untried).
 * A `WrongPassphraseError` is counted; the one that starts a wait is rethrown as an
 * `UnlockBackoffError` saying when to try again. Attempts run one at a time, so two at once
 * cannot both slip through before either is counted. `monotonic`, the worker's clock of the last
 * failure, keeps a wall-clock jump forward from ending the wait while the worker lives.
 */
export function unlockWithBackoff(
  unlock: () => Promise<void>,
  nowMs: number,
  monotonic?: MonotonicFailureClock,
): Promise<void> {
  const attempt = async () => {
    const before = await readFailures();
    const waitMs = unlockWaitMs(before.failures);
    if (waitMs > 0) {
      // The stored failure time: the next allowed try less the wait the count sets.
      const failedAt = before.retryNotBefore === null ? null : before.retryNotBefore - waitMs;
      if (failedAt === null || failedAt > nowMs) {
        const retryNotBefore = nowMs + waitMs;
        await unlockFailuresItem.setValue({ failures: before.failures, retryNotBefore });
        throw new UnlockBackoffError(before.failures, retryNotBefore, nowMs);
      }
      if (nowMs < failedAt + waitMs)
        throw new UnlockBackoffError(before.failures, failedAt + waitMs, nowMs);
      const waited = monotonic?.sinceLastFailureMs();
      if (waited !== undefined && waited < waitMs)
        throw new UnlockBackoffError(before.failures, nowMs + waitMs - waited, nowMs);
    }
    try {
      await unlock();
    } catch (error) {
      if (!(error instanceof WrongPassphraseError)) throw error;
      const failures = before.failures + 1;
      const nextWaitMs = unlockWaitMs(failures);
      const retryNotBefore = nextWaitMs === 0 ? null : nowMs + nextWaitMs;
      await unlockFailuresItem.setValue({ failures, retryNotBefore });
      monotonic?.failed();
      if (retryNotBefore === null) throw error;
      throw new UnlockBackoffError(failures, retryNotBefore, nowMs);
    }
    monotonic?.unlocked();
    if (before.failures > 0) await unlockFailuresItem.removeValue();
  };
  const run = queue.then(attempt, attempt);
  queue = run.catch(() => undefined);
  return run;
}

/** A new vault starts the count again. */
export async function forgetUnlockFailures(): Promise<void> {
  await unlockFailuresItem.removeValue();
}
