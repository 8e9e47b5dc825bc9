import { AuthenticationError, InvalidNonce } from 'ccxt-src/base/errors.js';

/**
 * Tells a stale request timestamp apart from a wrong key on Deribit.
 *
 * Deribit signs requests with a timestamp "valid for 60 seconds since generation, after that
 * time any request with an old timestamp will be rejected"
 * (https://docs.deribit.com/articles/authentication), but its error codes
 * (https://docs.deribit.com/articles/errors) have no code for that: the rejection is the same
 * 13009 "unauthorized" as a bad signature. Every answer carries `usIn`, the time the server
 * received the request in microseconds (https://docs.deribit.com/articles/json-rpc-overview,
 * "Response Fields"). When that differs from this computer's clock by more than the 60-second
 * validity, the clock is the problem: the 13009 is replaced by ccxt's `InvalidNonce` (reported
 * as clock skew), whose message keeps no part of the response.
 */
export const DERIBIT_TIMESTAMP_VALIDITY_MS = 60_000;

export function deribitClockSkewError(
  error: unknown,
  localTimeMs: number,
): InvalidNonce | undefined {
  if (!(error instanceof AuthenticationError)) return undefined;
  const start = error.message.indexOf('{');
  if (start < 0) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(error.message.slice(start));
  } catch {
    return undefined;
  }
  if (body === null || typeof body !== 'object') return undefined;
  const { error: rpcError, usIn } = body as { error?: { code?: unknown }; usIn?: unknown };
  if (rpcError?.code !== 13009 || typeof usIn !== 'number') return undefined;
  const skewMs = usIn / 1000 - localTimeMs;
  if (Math.abs(skewMs) <= DERIBIT_TIMESTAMP_VALIDITY_MS) return undefined;
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  return new InvalidNonce(
    `deribit rejected the request as unauthorized, and its clock is ${seconds} s ${skewMs > 0 ? 'ahead of' : 'behind'} this computer's (requests are valid for 60 s)`,
  );
}
