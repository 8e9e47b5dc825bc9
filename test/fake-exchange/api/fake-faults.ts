import { FakeFaultKind, type FakeApiRequest, type FakeFault, type FakeFaultRule } from './fake-api';

/**
 * The faults a venue read meets in the wild beyond the venues' documented error bodies (those
 * are the error profiles of fake-api.ts): the network, rate limiters and gateways in front of
 * the venue, and answers cut short. Each is one `FakeFault` the fake API applies to one
 * credential's requests (`FakeApiState.faults`), so one account can fail while another on the
 * same venue reads normally.
 *
 * Status codes and headers follow RFC 9110 (https://www.rfc-editor.org/rfc/rfc9110): 429 and
 * `Retry-After` (§10.2.3: a number of seconds, or an HTTP-date) as RFC 6585 §4 defines 429
 * (https://www.rfc-editor.org/rfc/rfc6585#section-4); 500, 502, 503 and 504 (§15.6). The HTML
 * pages are written here in the shape of a CDN's error page (title, status, a ray id); they
 * are not copied from any site.
 */
const TEXT = { 'content-type': 'text/plain; charset=utf-8' } as const;
const HTML = { 'content-type': 'text/html; charset=UTF-8' } as const;

/** An error page as a CDN in front of a venue serves it when the venue's servers fail it. */
function cdnErrorPage(status: number, title: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en-US"><head><meta charset="UTF-8" />',
    `<title>api.example-venue.com | ${status}: ${title}</title>`,
    '</head><body><div id="cf-error-details">',
    `<h1><span>${title}</span> <span>Error code ${status}</span></h1>`,
    '<p>The web server reported an error. Please try again in a few minutes.</p>',
    '<p>Cloudflare Ray ID: <strong>8e5f0c1d2a3b4c5d</strong></p>',
    '</div></body></html>',
  ].join('\n');
}

/** The `Retry-After` the rate-limited fault with a delay sends, in seconds. */
export const FAULT_RETRY_AFTER_SECONDS = 600;

export const FAKE_FAULTS = {
  /** No answer at all: the request is read and left open. */
  timeout: { kind: FakeFaultKind.noAnswer },
  /** The socket is destroyed half-way through the venue's answer. */
  connectionReset: { kind: FakeFaultKind.resetMidAnswer },
  /** Half the venue's answer arrives, then the connection goes silent without closing. */
  stalledBody: { kind: FakeFaultKind.stallMidAnswer },
  /** HTTP 429 with `Retry-After: 600` (seconds), a plain-text body. */
  rateLimitedRetryAfter: {
    kind: FakeFaultKind.replaced,
    response: {
      status: 429,
      headers: { ...TEXT, 'retry-after': String(FAULT_RETRY_AFTER_SECONDS) },
      body: 'Too Many Requests',
    },
  },
  /** HTTP 429 without `Retry-After`, a plain-text body. */
  rateLimitedBare: {
    kind: FakeFaultKind.replaced,
    response: { status: 429, headers: TEXT, body: 'Too Many Requests' },
  },
  /** HTTP 500, a plain-text body. */
  internalServerError: {
    kind: FakeFaultKind.replaced,
    response: { status: 500, headers: TEXT, body: 'Internal Server Error' },
  },
  /** HTTP 503, a plain-text body. */
  serviceUnavailable: {
    kind: FakeFaultKind.replaced,
    response: { status: 503, headers: TEXT, body: 'Service Unavailable' },
  },
  /** HTTP 504, a plain-text body (a gateway gave up waiting for the venue). */
  gatewayTimeout: {
    kind: FakeFaultKind.replaced,
    response: { status: 504, headers: TEXT, body: 'Gateway Timeout' },
  },
  /** A CDN's HTML error page with status 502. */
  htmlBadGateway: {
    kind: FakeFaultKind.replaced,
    response: { status: 502, headers: HTML, body: cdnErrorPage(502, 'Bad gateway') },
  },
  /** The same kind of HTML page with status 200 (a proxy or portal that answers "OK"). */
  htmlWithStatus200: {
    kind: FakeFaultKind.replaced,
    response: { status: 200, headers: HTML, body: cdnErrorPage(502, 'Bad gateway') },
  },
  /** The venue's answer with its JSON cut in half (a complete HTTP answer of the cut length). */
  truncatedJson: { kind: FakeFaultKind.truncatedBody },
} as const satisfies Readonly<Record<string, FakeFault>>;
export type FakeFaultName = keyof typeof FAKE_FAULTS;

/** Every request of the credential meets `fault`. */
export function always(fault: FakeFault): FakeFaultRule {
  return { fault };
}

/**
 * The credential's first `answered` requests are answered by the venue, the rest meet `fault`:
 * a read that fails part-way, after some of its answers arrived.
 */
export function afterRequests(answered: number, fault: FakeFault): FakeFaultRule {
  let seen = 0;
  return {
    fault,
    applies: () => {
      seen += 1;
      return seen > answered;
    },
  };
}

/** Only the requests `picks` selects meet `fault` (e.g. the second page of a list). */
export function onRequests(
  picks: (request: FakeApiRequest) => boolean,
  fault: FakeFault,
): FakeFaultRule {
  return { fault, applies: picks };
}
