import { BadResponse, ExchangeNotAvailable, RateLimitExceeded } from 'ccxt-src/base/errors.js';
import type { VenueId } from './venue-api-types';

/**
 * The HTTP client ccxt uses for every venue request (its `fetchImplementation` option, set by
 * create-exchange.ts), over the platform's `fetch`. It does what ccxt 4.5.84's own client leaves
 * undone:
 *
 * 1. The whole answer is read inside ccxt's timeout. ccxt (`Exchange.fetch`) aborts a request
 *    after `timeout` ms only until the headers arrive and reads the body afterwards without a
 *    limit: an answer that stalled half-way held a refresh for as long as the connection stayed
 *    open, and a connection cut half-way failed with the platform's own error (undici's
 *    SocketError in Node, a TypeError in the browser), which ccxt does not wrap. Read here, a
 *    stall ends in ccxt's RequestTimeout and a cut in its NetworkError.
 * 2. Two HTTP statuses are read by their standard meaning, whatever a venue's ccxt class maps
 *    them to: 429 Too Many Requests is a rate limit (RFC 6585 §4,
 *    https://www.rfc-editor.org/rfc/rfc6585#section-4; ccxt 4.5.84 maps OKX's 429 to
 *    ExchangeNotAvailable), and 504 Gateway Timeout is a gateway in front of the venue getting
 *    no timely answer from it (RFC 9110 §15.6.5, https://www.rfc-editor.org/rfc/rfc9110#section-15.6.5;
 *    ccxt maps it to RequestTimeout, which reads as the trader's own network failing).
 * 3. A `Retry-After` on a 429, on Binance's 418 (its IP ban: "A Retry-After header is sent with
 *    a 418 or 429 responses and will give the number of seconds required to wait, in the case of
 *    a 429, to prevent a ban, or, in the case of a 418, until the ban is over",
 *    https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info, LIMITS)
 *    or on a 503 (RFC 9110 §15.6.4) is kept on the error ccxt raises (`retryAfterMsOf`), so that
 *    the backoff waits at least that long (lib/connections/refresh-backoff.ts).
 * 4. An answer larger than VENUE_ANSWER_MAX_BYTES is refused (ccxt's BadResponse) before it is
 *    read whole: a proxy, portal or broken venue sending hundreds of megabytes within the timeout
 *    would otherwise hold them all in the worker's memory. A `Content-Length` above the limit is
 *    refused unread; otherwise the body is counted as it streams and cancelled past the limit.
 *    The largest answer read here, a venue's full instrument list, is a few megabytes.
 * 5. A successful status with an HTML page (`Content-Type: text/html`, RFC 9110 §8.3) is not the
 *    venue's API answering (every venue API read here answers JSON): a proxy, portal or CDN page.
 *    It is refused as such (ccxt's BadResponse), rather than handed on for a payload reader to
 *    quote its first characters.
 *
 * Errors raised here carry the venue's body as ccxt's do (`<venue> HTTP <status> <body>`, no
 * URL: signed URLs carry signatures), so the venue's own code and text are still read from it
 * (connection-problem.ts). Units: milliseconds.
 */
export type FetchImplementation = (url: string, init: RequestInit) => Promise<Response>;

/** The largest venue answer read, in bytes (32 MiB). */
export const VENUE_ANSWER_MAX_BYTES = 32 * 1024 * 1024;

/**
 * The longest wait a venue's `Retry-After` is taken for, in ms: a day. A longer one (or a garbled
 * header) is read as a day, so that it cannot stop a connection for good.
 */
export const RETRY_AFTER_MAX_MS = 24 * 60 * 60_000;

/** Statuses whose answer has no body (the Fetch standard's null body statuses). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export function venueFetch(
  venue: VenueId,
  platformFetch: FetchImplementation = (url, init) => globalThis.fetch(url, init),
): FetchImplementation {
  return async (url, init) => {
    // ccxt also passes node-fetch's `timeout` and `agent` to a client it did not pick; fetch has
    // no use for them. Redirects are refused, as ccxt does with its own client.
    const response = await platformFetch(url, {
      method: init.method ?? 'GET',
      ...(init.headers !== undefined && { headers: init.headers }),
      ...(init.body !== undefined && init.body !== null && { body: init.body }),
      ...(init.signal !== undefined && init.signal !== null && { signal: init.signal }),
      redirect: 'error',
    });
    const text = await boundedText(venue, response);
    const refusal = refusalByStatus(venue, response, text);
    if (refusal !== undefined) throw refusal;
    return new Response(NULL_BODY_STATUSES.has(response.status) ? null : text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/** The answer's body as text, refused past VENUE_ANSWER_MAX_BYTES (see above). */
async function boundedText(venue: VenueId, response: Response): Promise<string> {
  const tooLarge = (size: string) =>
    new BadResponse(
      `${venue} sent an answer of ${size}, more than the ${VENUE_ANSWER_MAX_BYTES / 1024 / 1024} MiB Margin Lens reads from a venue; it was not read.`,
    );
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > VENUE_ANSWER_MAX_BYTES) {
    await response.body?.cancel();
    throw tooLarge(`${declared} bytes`);
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > VENUE_ANSWER_MAX_BYTES) {
      await reader.cancel();
      throw tooLarge(`more than ${VENUE_ANSWER_MAX_BYTES} bytes`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** The wait a venue asked for with its refusal (`Retry-After`), in ms; undefined when none. */
export function retryAfterMsOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('retryAfterMs' in error)) return undefined;
  const value = error.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function refusalByStatus(venue: VenueId, response: Response, text: string): Error | undefined {
  const status = response.status;
  const wait = retryAfterMs(
    response.headers.get('retry-after'),
    response.headers.get('date'),
    Date.now(),
  );
  const message = `${venue} HTTP ${status} ${text.trim().slice(0, 2000)}`;
  const withWait = (error: Error) =>
    wait === undefined ? error : Object.assign(error, { retryAfterMs: wait });
  if (status === 429 || (status === 418 && wait !== undefined))
    return withWait(new RateLimitExceeded(message));
  if (status === 504 || (status === 503 && wait !== undefined))
    return withWait(new ExchangeNotAvailable(message));
  const type = response.headers.get('content-type') ?? '';
  if (status >= 200 && status < 300 && /^\s*text\/html\b/i.test(type))
    return new BadResponse(
      `${venue} answered HTTP ${status} with an HTML page instead of its API's JSON (a proxy's or a maintenance page).`,
    );
  return undefined;
}

/** RFC 9110 §5.6.7's preferred HTTP-date form, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`. */
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * `Retry-After` (RFC 9110 §10.2.3, https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3):
 * `delay-seconds` (digits), or an HTTP-date (its IMF-fixdate form) read against the answer's own
 * `Date` (the venue's clock, not this computer's, which may be off) or, when the answer has none,
 * the time it arrived (`receivedAtMs`, RFC 9110 §6.6.1: a recipient without a Date assigns one).
 * The wait is capped at RETRY_AFTER_MAX_MS, so that what the trader is told is the wait kept.
 * Anything else is no advice. (RFC 9110 also asks recipients to accept the obsolete RFC 850 and
 * asctime date forms; they are not read here — the venues' answers use IMF-fixdate — and so
 * are no advice: the normal backoff applies.)
 */
export function retryAfterMs(
  value: string | null,
  answerDate: string | null,
  receivedAtMs: number,
): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(RETRY_AFTER_MAX_MS, Number(text) * 1000);
  if (!IMF_FIXDATE.test(text)) return undefined;
  const until = Date.parse(text);
  const answeredAt = answerDate === null ? receivedAtMs : Date.parse(answerDate);
  if (!Number.isFinite(until) || !Number.isFinite(answeredAt)) return undefined;
  return Math.min(RETRY_AFTER_MAX_MS, Math.max(0, until - answeredAt));
}
