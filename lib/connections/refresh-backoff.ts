import type { ConnectionProblem } from '../venues/api/connection-problem';

/**
 * When to try a connection again after a failure: exponential backoff for problems that can
 * clear by themselves (rate limits, venue down, network), doubling from 30 s up to 15 minutes;
 * never on its own for problems only the trader can fix (wrong or expired key, IP allow-list,
 * clock skew, a trade-capable key): those wait for the trader to reconnect or press refresh.
 *
 * Units: milliseconds since the epoch. Returns null for "no automatic retry".
 */
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 15 * 60_000;

export function retryNotBefore(
  problem: ConnectionProblem,
  consecutiveFailures: number,
  failedAtMs: number,
): number | null {
  if (!problem.retryable) return null;
  const exponent = Math.max(0, consecutiveFailures - 1);
  const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(exponent, 20));
  return failedAtMs + delay;
}
