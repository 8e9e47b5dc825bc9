import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The venues' REST APIs, faked locally with payloads in each venue's documented format (each
 * venue module names the documentation pages it follows). One handler serves every venue,
 * routed by path (`/fapi`, `/dapi`, `/sapi`, `/v5`, `/api/v5`, `/api/v2`, `/info` do not
 * collide), so it answers both behind the browser's host mapping (HTTPS, real host names, see
 * ../server.ts) and in Node adapter tests where ccxt's URLs are rewritten to it (plain HTTP).
 *
 * What an account looks like is chosen per credential: each API key (or Hyperliquid address)
 * is mapped to a profile; a key that is not mapped gets the venue's invalid-key error.
 */
export const FakeProfile = {
  /** A read-only key on an account with positions of every product line the venue supports. */
  readOnly: 'readOnly',
  /** A key that can trade (must be refused). */
  tradeEnabled: 'tradeEnabled',
  /** A key that can withdraw (must be refused). */
  withdrawEnabled: 'withdrawEnabled',
  /** A read-only key on an account with no positions and no balance. */
  empty: 'empty',
  /** A read-only key whose position payload is malformed (fields missing or not numbers). */
  malformed: 'malformed',
  /** The venue says the request came from an IP the key does not allow. */
  ipNotAllowed: 'ipNotAllowed',
  /** The venue says the key has expired. */
  expired: 'expired',
  /** The venue rejects the request's timestamp (clock skew). */
  clockSkew: 'clockSkew',
  /** HTTP 429 with the venue's rate-limit error body. */
  rateLimited: 'rateLimited',
  /** HTTP 503 (venue down or in maintenance). */
  venueDown: 'venueDown',
  /** A read-only key on an account with more positions than one page holds (where the venue paginates). */
  paginated: 'paginated',
} as const;
export type FakeProfile = (typeof FakeProfile)[keyof typeof FakeProfile];

/** The profiles whose private requests the venue refuses with one of its documented errors. */
export const FAKE_ERROR_PROFILES = [
  FakeProfile.ipNotAllowed,
  FakeProfile.expired,
  FakeProfile.clockSkew,
  FakeProfile.rateLimited,
  FakeProfile.venueDown,
] as const;
export type FakeErrorProfile = (typeof FAKE_ERROR_PROFILES)[number];

/**
 * The venue's refusal for an error profile (`answers` holds one per error profile, by profile
 * name), or undefined for a profile that is answered with data.
 */
export function errorProfileAnswer<Answers extends Readonly<Record<FakeErrorProfile, unknown>>>(
  profile: FakeProfile,
  answers: Answers,
): Answers[FakeErrorProfile] | undefined {
  return (FAKE_ERROR_PROFILES as readonly FakeProfile[]).includes(profile)
    ? answers[profile as FakeErrorProfile]
    : undefined;
}

export interface FakeApiRequest {
  readonly method: string;
  readonly host: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A request header's value; undefined when it is missing or empty. */
export function requestHeader(request: FakeApiRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}

export interface FakeApiResponse {
  readonly status: number;
  /** Serialised as JSON unless it is a string. */
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface FakeApiState {
  /** API key (or Hyperliquid address, lower case) → profile. */
  readonly profiles: Readonly<Record<string, FakeProfile>>;
  /**
   * API key (or Hyperliquid address, lower case) → a fault its requests meet instead of (or on
   * the way to) the venue's answer (fake-faults.ts). Public requests carry no credential and
   * are never faulted.
   */
  readonly faults?: Readonly<Record<string, FakeFaultRule>>;
}

/**
 * What can go wrong between the venue and the client, beyond the venue's documented errors
 * (those are profiles): the transport, or an answer that is not the venue's.
 */
export const FakeFaultKind = {
  /** The request is read and never answered: only the client's timeout ends it. */
  noAnswer: 'noAnswer',
  /** The venue's answer starts (status, headers, half the body), then the socket is destroyed. */
  resetMidAnswer: 'resetMidAnswer',
  /** The venue's answer starts (status, headers, half the body), then nothing more is sent. */
  stallMidAnswer: 'stallMidAnswer',
  /** The venue's answer with its body cut in half, sent as a complete HTTP answer. */
  truncatedBody: 'truncatedBody',
  /** Another answer instead of the venue's: a 429, a 5xx, a proxy's HTML page. */
  replaced: 'replaced',
} as const;
export type FakeFaultKind = (typeof FakeFaultKind)[keyof typeof FakeFaultKind];

export type FakeFault =
  | { readonly kind: Exclude<FakeFaultKind, 'replaced'> }
  | { readonly kind: 'replaced'; readonly response: FakeApiResponse };

export interface FakeFaultRule {
  readonly fault: FakeFault;
  /** Which of the credential's requests meet the fault (default: every one). */
  readonly applies?: (request: FakeApiRequest) => boolean;
}

/** One venue's routes. `respond` returns undefined for a path that is not this venue's. */
export interface FakeVenueApi {
  readonly venue: string;
  respond(request: FakeApiRequest, state: FakeApiState): FakeApiResponse | undefined;
  /**
   * The credential a request is made with, the way the venue reads it (an API key header, a
   * signed id, an address in the body); undefined for a public request or another venue's.
   */
  credentialOf?(request: FakeApiRequest): string | undefined;
}

export type FakeApiListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * A request listener that answers from `venues` in order and records each request as
 * `METHOD host path` in `requests`. Unknown paths get a 404 naming the path.
 */
export function fakeApiListener(
  venues: readonly FakeVenueApi[],
  state: FakeApiState,
  requests: string[],
): FakeApiListener {
  return (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://placeholder.invalid');
      const request: FakeApiRequest = {
        method: incoming.method ?? 'GET',
        host: incoming.headers.host ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(`${request.method} ${request.host} ${request.path}`);
      const fault = faultFor(venues, request, state);
      if (fault?.kind === FakeFaultKind.noAnswer) return; // the socket stays open, unanswered
      const answer =
        fault?.kind === FakeFaultKind.replaced
          ? fault.response
          : answerFrom(venues, request, state);
      const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      const half = body.slice(0, Math.floor(body.length / 2));
      outgoing.writeHead(answer.status, {
        'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json',
        // The extension's service worker reaches these hosts with host permissions; pages don't.
        ...answer.headers,
        // A faulted answer states its length, so that a client can tell a cut body from a whole one.
        ...(fault !== undefined && {
          'content-length': String(
            Buffer.byteLength(fault.kind === FakeFaultKind.truncatedBody ? half : body),
          ),
        }),
      });
      switch (fault?.kind) {
        case FakeFaultKind.resetMidAnswer:
          outgoing.write(half, () => outgoing.destroy());
          return;
        case FakeFaultKind.stallMidAnswer:
          outgoing.write(half);
          return;
        case FakeFaultKind.truncatedBody:
          outgoing.end(half);
          return;
        default:
          outgoing.end(body);
      }
    });
  };
}

/** The fault `request` meets: its credential's rule, when the rule applies to it. */
function faultFor(
  venues: readonly FakeVenueApi[],
  request: FakeApiRequest,
  state: FakeApiState,
): FakeFault | undefined {
  if (state.faults === undefined) return undefined;
  for (const venue of venues) {
    const credential = venue.credentialOf?.(request);
    if (credential === undefined) continue;
    const rule = state.faults[credential];
    return rule !== undefined && (rule.applies?.(request) ?? true) ? rule.fault : undefined;
  }
  return undefined;
}

export function answerFrom(
  venues: readonly FakeVenueApi[],
  request: FakeApiRequest,
  state: FakeApiState,
): FakeApiResponse {
  for (const venue of venues) {
    const answer = venue.respond(request, state);
    if (answer) return answer;
  }
  return { status: 404, body: `fake exchange: no route for ${request.method} ${request.path}` };
}

export interface RunningFakeApi {
  /** `http://127.0.0.1:PORT`: rewrite ccxt's API URLs to this (see point-exchange-at.ts). */
  readonly baseUrl: string;
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/** A plain-HTTP fake API on 127.0.0.1 for Node adapter tests. */
export async function startFakeApi(
  venues: readonly FakeVenueApi[],
  state: FakeApiState,
): Promise<RunningFakeApi> {
  const requests: string[] = [];
  const server: Server = createServer(fakeApiListener(venues, state, requests));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
