import {
  AuthenticationError,
  BadResponse,
  DDoSProtection,
  ExchangeNotAvailable,
  InvalidNonce,
  NetworkError,
  NotSupported,
  OnMaintenance,
  PermissionDenied,
  RateLimitExceeded,
  RequestTimeout,
} from 'ccxt-src/base/errors.js';
import { VENUE_NAMES } from '../venue-descriptors';
import { VENUE_ERROR_CODES } from './venue-error-codes';
import { retryAfterMsOf } from './venue-fetch';
import type { VenueId } from './venue-api-types';

/**
 * What went wrong talking to a venue, in words a trader understands, with what to do next.
 * Venue error codes (venue-error-codes.ts) are read first, since ccxt folds several of them into
 * one class (Binance −2015 "Invalid API-key, IP, or permissions" is one AuthenticationError);
 * ccxt's error class decides otherwise.
 */
export const ProblemKind = {
  wrongKey: 'wrongKey',
  expiredKey: 'expiredKey',
  ipNotAllowed: 'ipNotAllowed',
  clockSkew: 'clockSkew',
  permissionDenied: 'permissionDenied',
  /** The browser has not let the extension reach the venue's API hosts. */
  hostAccessDenied: 'hostAccessDenied',
  tradeCapableKey: 'tradeCapableKey',
  rateLimited: 'rateLimited',
  venueDown: 'venueDown',
  network: 'network',
  malformedResponse: 'malformedResponse',
  /** Read fine, but the engine cannot compute the account yet (an unsupported product or mode). */
  unsupportedAccount: 'unsupportedAccount',
  unknown: 'unknown',
} as const;
export type ProblemKind = (typeof ProblemKind)[keyof typeof ProblemKind];

export interface ConnectionProblem {
  readonly kind: ProblemKind;
  readonly venue: VenueId;
  /** What happened, naming the venue (and its error code when it sent one). */
  readonly message: string;
  /** What the trader can do about it. */
  readonly whatToDo: string;
  /** True when trying again later can succeed without the trader doing anything. */
  readonly retryable: boolean;
  readonly venueCode?: string;
  /** How long the venue asked to wait before the next request (its `Retry-After`), in ms. */
  readonly retryAfterMs?: number;
}

const ADVICE: Readonly<Record<ProblemKind, { what: string; todo: string; retryable: boolean }>> = {
  wrongKey: {
    what: 'rejected the API key or its secret',
    todo: 'Check that the key and secret (and passphrase, if the venue has one) were copied whole, then connect again.',
    retryable: false,
  },
  expiredKey: {
    what: 'says the API key has expired',
    todo: "Create a new read-only key on the venue's API management page and connect it here.",
    retryable: false,
  },
  ipNotAllowed: {
    what: 'refused the request because the key does not allow this IP address',
    todo: "Add your current IP address to the key's allow-list on the venue, or use a key without an IP restriction (read-only).",
    retryable: false,
  },
  clockSkew: {
    what: "rejected the request's timestamp: this computer's clock is off",
    todo: "Set your computer's clock to synchronise automatically, then refresh.",
    retryable: false,
  },
  permissionDenied: {
    what: 'says the key may not read this data',
    todo: 'Give the key read permission for futures/derivatives accounts, and any other read permission the message names (nothing that trades or withdraws), then connect again.',
    retryable: false,
  },
  hostAccessDenied: {
    what: "cannot be reached: the browser has not allowed Margin Lens to use the venue's API",
    todo: "Connect again and allow access when the browser asks (or allow the venue's API host under the extension's site access). Margin Lens asks only for the hosts of the venues you connect.",
    retryable: false,
  },
  tradeCapableKey: {
    what: 'reports that this key can trade or withdraw',
    todo: 'Margin Lens accepts read-only keys only. Create a key with read permission alone and connect that one.',
    retryable: false,
  },
  rateLimited: {
    what: 'is rate-limiting requests',
    todo: 'Nothing to do: Margin Lens backs off and tries again. A longer refresh interval avoids it.',
    retryable: true,
  },
  venueDown: {
    what: 'is unavailable or in maintenance',
    todo: "Margin Lens keeps trying; the venue's figures are shown as stale until it answers.",
    retryable: true,
  },
  network: {
    what: 'could not be reached',
    todo: 'Check your internet connection; Margin Lens tries again on the next refresh.',
    retryable: true,
  },
  malformedResponse: {
    what: 'sent a response Margin Lens could not read',
    todo: 'Try again later; if it persists, report it with the venue and the time.',
    retryable: true,
  },
  unsupportedAccount: {
    what: 'has an account Margin Lens cannot compute yet',
    todo: 'The message says what is not supported. Until it is, enter those positions in a portfolio file (with their tier in force) and import it.',
    retryable: false,
  },
  unknown: {
    what: 'returned an error',
    todo: 'Try again; if it persists, report it with the message shown.',
    retryable: true,
  },
};

export function connectionProblem(
  venue: VenueId,
  kind: ProblemKind,
  detail?: string,
  venueCode?: string,
): ConnectionProblem {
  const advice = ADVICE[kind];
  const code = venueCode === undefined ? '' : ` (code ${venueCode})`;
  return {
    kind,
    venue,
    message: `${VENUE_NAMES[venue]} ${advice.what}${code}.${detail === undefined ? '' : ` ${detail}`}`,
    whatToDo: advice.todo,
    retryable: advice.retryable,
    ...(venueCode !== undefined && { venueCode }),
  };
}

/**
 * Classifies anything an adapter call threw. Never includes request URLs (they carry keys'
 * signatures). A wait the venue asked for (`Retry-After`, venue-fetch.ts) is kept and said.
 */
export function classifyConnectionError(venue: VenueId, error: unknown): ConnectionProblem {
  const venueCode = venueErrorCode(error);
  const known = venueCode === undefined ? undefined : VENUE_ERROR_CODES[venue][venueCode];
  const kind = known ?? kindOfCcxtError(error);
  const retryAfterMs = retryAfterMsOf(error);
  const detail = [
    errorDetail(error, kind),
    retryAfterMs === undefined
      ? undefined
      : `It asked to wait ${waitInWords(retryAfterMs)} before the next request.`,
  ].filter((part) => part !== undefined);
  const problem = connectionProblem(
    venue,
    kind,
    detail.length === 0 ? undefined : detail.join(' '),
    venueCode,
  );
  return retryAfterMs === undefined ? problem : { ...problem, retryAfterMs };
}

/** "45 seconds", "10 minutes", "3 hours": whole units, rounded up. */
function waitInWords(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 120) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `${minutes} minutes`;
  return `${Math.ceil(minutes / 60)} hours`;
}

/**
 * What the venue (or our reading of its answer) said, for the trader: the venue's own error
 * text when its body has one (`msg`, `retMsg`, `error.message`, Gate's `message` or `detail`), else, for
 * answers we could not read or do not support, our own message (it names the endpoint and
 * field), and so for a permission refusal an adapter raised itself from the venue's permission
 * answer (it quotes that answer; a venue's error body without a text is never echoed). URLs are
 * cut out: signed requests carry signatures in their query strings.
 */
function errorDetail(error: unknown, kind: ProblemKind): string | undefined {
  const said = venueErrorText(error);
  if (said !== undefined) return `The venue said: "${withoutAddresses(said).slice(0, 200)}".`;
  // ccxt's own timer ran out (a venue's gateway timing out is a 504, read as the venue down).
  if (error instanceof RequestTimeout && kind === ProblemKind.network)
    return 'No answer came within the time limit.';
  if (
    error instanceof Error &&
    (kind === ProblemKind.malformedResponse ||
      kind === ProblemKind.unsupportedAccount ||
      kind === ProblemKind.unknown ||
      (kind === ProblemKind.permissionDenied && errorBody(error) === undefined))
  ) {
    const text = withoutAddresses(
      error.message.replace(/\b(?:https?|wss?):\/\/\S+/g, '<url>'),
    ).trim();
    return text === '' ? undefined : text.slice(0, 300);
  }
  return undefined;
}

/**
 * Venue texts may quote the caller's IP address (Binance −2015 "request ip: …", OKX 50110);
 * problems are kept in storage, so the address is cut out.
 */
export function withoutAddresses(text: string): string {
  return (
    text
      .replace(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g, '<your IP>')
      // IPv6: a compressed form (with "::") or the full eight groups; clock times such as
      // 12:30:45 are neither.
      .replace(
        /(?<![\w:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4})*::(?:[0-9a-f]{0,4}:)*[0-9a-f]{1,4}\b/gi,
        '<your IP>',
      )
      .replace(/\b[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){7}\b/gi, '<your IP>')
  );
}

function venueErrorText(error: unknown): string | undefined {
  const body = errorBody(error);
  if (body === undefined) return undefined;
  const nested = body.error;
  const candidates = [
    body.retMsg,
    body.msg,
    // Gate: `{"label": …, "message": …}`, or `{"label": …, "detail": …}` (USER_NOT_FOUND,
    // ccxt/ccxt#13249; INVALID_ARGUMENT, as ccxt 4.5.84's gate.js handleErrors quotes it).
    typeof body.label === 'string' ? body.message : undefined,
    typeof body.label === 'string' ? body.detail : undefined,
    nested !== null && typeof nested === 'object'
      ? (nested as Record<string, unknown>).message
      : undefined,
  ];
  return candidates.find(
    (text): text is string => typeof text === 'string' && text !== '' && text !== 'OK',
  );
}

function kindOfCcxtError(error: unknown): ProblemKind {
  // Most specific classes first: PermissionDenied extends AuthenticationError, RateLimitExceeded
  // extends DDoSProtection extends NetworkError, OnMaintenance extends ExchangeNotAvailable.
  if (error instanceof PermissionDenied) return ProblemKind.permissionDenied;
  if (error instanceof AuthenticationError) return ProblemKind.wrongKey;
  if (error instanceof InvalidNonce) return ProblemKind.clockSkew;
  if (error instanceof RateLimitExceeded || error instanceof DDoSProtection)
    return ProblemKind.rateLimited;
  if (error instanceof OnMaintenance || error instanceof ExchangeNotAvailable)
    return ProblemKind.venueDown;
  if (error instanceof BadResponse) return ProblemKind.malformedResponse;
  // Adapters refuse account types they cannot represent with ccxt's NotSupported.
  if (error instanceof NotSupported) return ProblemKind.unsupportedAccount;
  if (error instanceof RequestTimeout || error instanceof NetworkError) return ProblemKind.network;
  return ProblemKind.unknown;
}

/**
 * The venue's own error code, read from a ccxt error message (`<id> <response body>`): Binance
 * and OKX `code`, Bybit `retCode`, Deribit `error.code`.
 */
export function venueErrorCode(error: unknown): string | undefined {
  const record = errorBody(error);
  if (record === undefined) return undefined;
  const nested = record.error;
  const candidates = [
    record.retCode,
    record.code,
    // Gate names its errors by `label` (e.g. "INVALID_KEY").
    record.label,
    nested !== null && typeof nested === 'object'
      ? (nested as Record<string, unknown>).code
      : undefined,
  ];
  for (const candidate of candidates) {
    if (typeof candidate === 'number' && candidate !== 0) return String(candidate);
    if (typeof candidate === 'string' && candidate !== '0' && candidate !== '') return candidate;
  }
  return undefined;
}

/** The JSON body a ccxt error message ends with (`<id> <body>`), when it has one. */
function errorBody(error: unknown): Record<string, unknown> | undefined {
  if (!(error instanceof Error)) return undefined;
  const start = error.message.indexOf('{');
  if (start < 0) return undefined;
  try {
    const body: unknown = JSON.parse(error.message.slice(start));
    return body !== null && typeof body === 'object' && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
