import { BadResponse, ExchangeNotAvailable, RateLimitExceeded } from 'ccxt-src/base/errors.js';
import { describe, expect, it } from 'vitest';
import {
  retryAfterMs,
  retryAfterMsOf,
  RETRY_AFTER_MAX_MS,
  VENUE_ANSWER_MAX_BYTES,
  venueFetch,
  type FetchImplementation,
} from './venue-fetch';

/** A platform fetch answering `response` (and recording what it was asked). */
function answering(response: () => Response) {
  const asked: RequestInit[] = [];
  const platformFetch: FetchImplementation = async (_url, init) => {
    asked.push(init);
    return response();
  };
  return { asked, platformFetch };
}

async function failureOf(action: Promise<unknown>): Promise<unknown> {
  try {
    await action;
  } catch (error) {
    return error;
  }
  throw new Error('expected the request to fail');
}

describe('retryAfterMs (RFC 9110 §10.2.3)', () => {
  const ARRIVED = Date.parse('Tue, 24 Nov 2026 12:05:00 GMT');

  it('reads delay-seconds, capped at a day so that the wait told is the wait kept', () => {
    expect(retryAfterMs('600', null, ARRIVED)).toBe(600_000);
    expect(retryAfterMs(' 0 ', null, ARRIVED)).toBe(0);
    expect(retryAfterMs('999999999999', null, ARRIVED)).toBe(RETRY_AFTER_MAX_MS);
    expect(retryAfterMs('9999999999999999999999', null, ARRIVED)).toBe(RETRY_AFTER_MAX_MS);
  });

  it("reads an HTTP-date against the answer's own Date, else the time it arrived", () => {
    expect(
      retryAfterMs('Tue, 24 Nov 2026 12:10:00 GMT', 'Tue, 24 Nov 2026 12:00:00 GMT', ARRIVED),
    ).toBe(600_000);
    // A date already past is no wait at all.
    expect(
      retryAfterMs('Tue, 24 Nov 2026 11:00:00 GMT', 'Tue, 24 Nov 2026 12:00:00 GMT', ARRIVED),
    ).toBe(0);
    // No Date on the answer: the time it arrived is the reference (RFC 9110 §6.6.1).
    expect(retryAfterMs('Tue, 24 Nov 2026 12:10:00 GMT', null, ARRIVED)).toBe(300_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 12:00:00 GMT', null, ARRIVED)).toBe(RETRY_AFTER_MAX_MS);
  });

  it('is no advice when it is neither', () => {
    for (const value of ['-5', '1.5', '10 minutes', '1e3', '', 'Tue 24 Nov 2026', null])
      expect(retryAfterMs(value, 'Tue, 24 Nov 2026 12:00:00 GMT', ARRIVED)).toBeUndefined();
  });
});

describe('venueFetch: answers too large to hold', () => {
  it('refuses a declared Content-Length above the limit without reading the body', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const { platformFetch } = answering(
      () =>
        new Response(body, {
          status: 200,
          headers: { 'content-length': String(VENUE_ANSWER_MAX_BYTES + 1) },
        }),
    );
    const error = await failureOf(venueFetch('bybit', platformFetch)('https://x', {}));
    expect(error).toBeInstanceOf(BadResponse);
    expect((error as Error).message).toBe(
      `bybit sent an answer of ${VENUE_ANSWER_MAX_BYTES + 1} bytes, more than the 32 MiB Margin Lens reads from a venue; it was not read.`,
    );
    // The stream may be primed by the platform, but it is not read through.
    expect(pulled).toBeLessThan(4);
  });

  it('stops reading an undeclared body past the limit, holding no more than the limit', async () => {
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const { platformFetch } = answering(() => new Response(body, { status: 200 }));
    const error = await failureOf(venueFetch('okx', platformFetch)('https://x', {}));
    expect(error).toBeInstanceOf(BadResponse);
    expect((error as Error).message).toContain('okx sent an answer of more than 33554432 bytes');
    // 32 MiB read, the 33rd chunk crosses the limit; the stream is cancelled, not drained.
    expect(sent).toBeLessThanOrEqual(VENUE_ANSWER_MAX_BYTES + 3 * chunk.byteLength);
  });

  it('reads an answer within the limit whole, multi-byte characters intact', async () => {
    const { platformFetch } = answering(() => new Response('{"name":"USDⓈ-M ✓"}', { status: 200 }));
    const response = await venueFetch('binanceusdm', platformFetch)('https://x', {});
    expect(await response.text()).toBe('{"name":"USDⓈ-M ✓"}');
  });
});

describe('venueFetch', () => {
  it('returns the answer read whole, with its status and headers, and refuses redirects', async () => {
    const { asked, platformFetch } = answering(
      () => new Response('{"ok":1}', { status: 200, headers: { 'x-mbx-used-weight-1m': '5' } }),
    );
    const signal = new AbortController().signal;
    const response = await venueFetch('binanceusdm', platformFetch)('https://fapi.example/x', {
      method: 'GET',
      headers: { 'X-MBX-APIKEY': 'k' },
      signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-mbx-used-weight-1m')).toBe('5');
    expect(await response.text()).toBe('{"ok":1}');
    expect(asked[0]).toMatchObject({ method: 'GET', redirect: 'error', signal });
  });

  it('fails with the body read error when the answer is cut off', async () => {
    const cut = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"half":'));
        controller.error(new TypeError('terminated'));
      },
    });
    const { platformFetch } = answering(() => new Response(cut, { status: 200 }));
    const error = await failureOf(venueFetch('okx', platformFetch)('https://okx.example/a', {}));
    expect(error).toBeInstanceOf(TypeError);
  });

  it('reads 429 as a rate limit on every venue, keeping the Retry-After and the body', async () => {
    const { platformFetch } = answering(
      () =>
        new Response('{"code":"50011","msg":"Rate limit reached."}', {
          status: 429,
          headers: { 'retry-after': '120' },
        }),
    );
    const error = await failureOf(venueFetch('okx', platformFetch)('https://okx.example/a', {}));
    expect(error).toBeInstanceOf(RateLimitExceeded);
    expect(retryAfterMsOf(error)).toBe(120_000);
    expect((error as Error).message).toBe(
      'okx HTTP 429 {"code":"50011","msg":"Rate limit reached."}',
    );
    const bare = answering(() => new Response('Too Many Requests', { status: 429 }));
    const withoutWait = await failureOf(
      venueFetch('okx', bare.platformFetch)('https://okx.example/a', {}),
    );
    expect(withoutWait).toBeInstanceOf(RateLimitExceeded);
    expect(retryAfterMsOf(withoutWait)).toBeUndefined();
  });

  it("reads Binance's 418 ban and a 503 with Retry-After as waits, and 504 as the venue down", async () => {
    const banned = answering(
      () => new Response('{"code":-1003}', { status: 418, headers: { 'retry-after': '7200' } }),
    );
    const ban = await failureOf(
      venueFetch('binanceusdm', banned.platformFetch)('https://fapi.example/x', {}),
    );
    expect(ban).toBeInstanceOf(RateLimitExceeded);
    expect(retryAfterMsOf(ban)).toBe(7_200_000);

    const down = answering(
      () => new Response('Service Unavailable', { status: 503, headers: { 'retry-after': '60' } }),
    );
    const maintenance = await failureOf(
      venueFetch('bybit', down.platformFetch)('https://bybit.example/x', {}),
    );
    expect(maintenance).toBeInstanceOf(ExchangeNotAvailable);
    expect(retryAfterMsOf(maintenance)).toBe(60_000);

    const gateway = answering(() => new Response('Gateway Timeout', { status: 504 }));
    const timedOut = await failureOf(
      venueFetch('deribit', gateway.platformFetch)('https://deribit.example/x', {}),
    );
    expect(timedOut).toBeInstanceOf(ExchangeNotAvailable);
  });

  it('refuses an HTML page sent with a success status, without quoting it', async () => {
    const { platformFetch } = answering(
      () =>
        new Response('<!DOCTYPE html><html><title>502: Bad gateway</title></html>', {
          status: 200,
          headers: { 'content-type': 'text/html; charset=UTF-8' },
        }),
    );
    const error = await failureOf(venueFetch('bybit', platformFetch)('https://b.example/', {}));
    expect(error).toBeInstanceOf(BadResponse);
    expect((error as Error).message).toBe(
      "bybit answered HTTP 200 with an HTML page instead of its API's JSON (a proxy's or a maintenance page).",
    );
  });

  it('leaves every other status to ccxt', async () => {
    for (const status of [400, 401, 418, 500, 502, 503]) {
      const { platformFetch } = answering(() => new Response('{"code":1}', { status }));
      const response = await venueFetch('binanceusdm', platformFetch)('https://x.example/', {});
      expect(response.status).toBe(status);
    }
    const empty = answering(() => new Response(null, { status: 204 }));
    expect((await venueFetch('okx', empty.platformFetch)('https://x.example/', {})).status).toBe(
      204,
    );
  });
});
