/**
 * Where a new ccxt instance's rate limiter starts, from the level the previous service worker's
 * instance stored (stored-exchange-state.ts), or a refusal naming what is wrong with the stored
 * value, in which case the instance keeps the state ccxt gave it (issue 13, review finding d).
 *
 * ccxt's leaky bucket (ccxt `js/src/base/functions/throttle.js`, `leakyBucketLoop`): a request
 * waits while `tokens < 0`, then takes its `cost` in tokens; the bucket refills at `refillRate`
 * tokens per millisecond, never above `capacity`. So a level ccxt leaves is at most `capacity`,
 * and a debt (negative level) is paid off in −tokens / refillRate milliseconds.
 *
 * Accepted: `{ tokens, at }` with `at` a time (milliseconds since the epoch) not after `nowMs`,
 * and `tokens` a finite number from −refillRate × MAX_RESTORED_WAIT_MS to `capacity`. The level
 * is refilled for the time since `at` and never starts above the fresh instance's:
 * min(fresh, tokens + refillRate × (nowMs − at)).
 *
 * Refused, each by name: a value of the wrong shape or type, a non-finite or out-of-range
 * `tokens` (a huge debt would hold every request of the restarted worker for hours; a level above
 * `capacity` is none ccxt makes), and an `at` in the future (a clock set back, or damage: how
 * much has refilled since cannot be known).
 *
 * The bound on the debt: one minute, the shortest refresh interval (refresh-settings-item.ts) and
 * the window of the venues' documented request-weight limits (Binance USDⓈ-M, "IP Limits":
 * 2,400 request weight per minute, https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info).
 * No request the adapters make costs a minute's weight, so a longer debt is not one ccxt left.
 *
 * Units: tokens are ccxt's cost units; refillRate is tokens per millisecond; times are
 * milliseconds since the epoch. Cost: O(1).
 */
export const MAX_RESTORED_WAIT_MS = 60_000;

export interface LeakyBucket {
  /** The fresh instance's level. */
  readonly tokens: number;
  /** Tokens per millisecond. */
  readonly refillRate: number;
  readonly capacity: number;
}

export type RestoredRateLimiter =
  { readonly ok: true; readonly tokens: number } | { readonly ok: false; readonly refusal: string };

export function restoredRateLimiter(
  stored: unknown,
  bucket: LeakyBucket,
  nowMs: number,
): RestoredRateLimiter {
  const refuse = (refusal: string): RestoredRateLimiter => ({
    ok: false,
    refusal: `the stored rate limiter ${refusal}; the limiter starts fresh`,
  });
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored))
    return refuse('is not an object of tokens and time');
  const { tokens, at } = stored as Record<string, unknown>;
  if (typeof tokens !== 'number' || !Number.isFinite(tokens))
    return refuse('tokens must be a finite number');
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0)
    return refuse('time must be milliseconds since the epoch');
  if (at > nowMs) return refuse('time is in the future');
  const mostDebt = -bucket.refillRate * MAX_RESTORED_WAIT_MS;
  if (tokens < mostDebt)
    return refuse(
      `tokens must be at least ${mostDebt} (a wait of ${MAX_RESTORED_WAIT_MS / 1000} s), got ${tokens}`,
    );
  if (tokens > bucket.capacity)
    return refuse(`tokens must be at most the capacity ${bucket.capacity}, got ${tokens}`);
  const refilled = tokens + bucket.refillRate * (nowMs - at);
  return { ok: true, tokens: Math.min(bucket.tokens, refilled) };
}
