import type { ConnectionProblem } from '../venues/api/connection-problem';
import { RETRY_AFTER_MAX_MS } from '../venues/api/venue-fetch';

/**
 * When to try a connection again after a failure: exponential backoff for problems that can
 * clear by themselves (rate limits, venue down, network), doubling from 30 s up to 15 minutes;
 * never on its own for problems only the trader can fix (wrong or expired key, IP allow-list,
 * clock skew, a trade-capable key): those wait for the trader to reconnect or press refresh.
 *
 * A wait the venue asked for (`Retry-After`, RFC 9110 §10.2.3,
 * https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3) lengthens the backoff to at least that
 * long: Binance answers a client that keeps asking during a 429 with an IP ban (HTTP 418) that
 * grows with repeats ("Repeatedly violating rate limits and/or failing to back off after
 * receiving 429s will result in an automated IP ban",
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info, LIMITS).
 * A wait longer than a day is read as a day (RETRY_AFTER_MAX_MS, venue-fetch.ts: a garbled header
 * cannot stop a connection for good).
 *
 * Units: milliseconds since the epoch. Returns null for "no automatic retry".
 */
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 15 * 60_000;
export { RETRY_AFTER_MAX_MS };

export function retryNotBefore(
  problem: ConnectionProblem,
  consecutiveFailures: number,
  failedAtMs: number,
): number | null {
  if (!problem.retryable) return null;
  const exponent = Math.max(0, consecutiveFailures - 1);
  const backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(exponent, 20));
  const venueWait = Math.min(RETRY_AFTER_MAX_MS, problem.retryAfterMs ?? 0);
  return failedAtMs + Math.max(backoff, venueWait);
}

/**
 * When the wait the venue itself asked for at `failedAtMs` ends (its Retry-After, capped as
 * above), or null when it asked for none. Not even the trader's refresh asks before then.
 */
export function venueWaitEndsAt(problem: ConnectionProblem, failedAtMs: number): number | null {
  if (problem.retryAfterMs === undefined) return null;
  return failedAtMs + Math.min(RETRY_AFTER_MAX_MS, problem.retryAfterMs);
}
