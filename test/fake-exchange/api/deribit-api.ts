import {
  errorProfileAnswer,
  FakeProfile,
  type FakeApiRequest,
  type FakeApiResponse,
  type FakeApiState,
  type FakeErrorProfile,
  type FakeVenueApi,
} from './fake-api';
import {
  DERIBIT_ACCOUNT_SUMMARIES,
  DERIBIT_EMPTY_ACCOUNT_SUMMARIES,
  DERIBIT_MALFORMED_POSITIONS,
  DERIBIT_OPTION_BOOK_SUMMARIES,
  DERIBIT_POSITIONS,
} from './fixtures/deribit/deribit-account';
import {
  DERIBIT_ERRORS,
  DERIBIT_SCOPES,
  type DeribitErrorAnswer,
} from './fixtures/deribit/deribit-errors';
import { DERIBIT_CURRENCIES, DERIBIT_INSTRUMENTS } from './fixtures/deribit/deribit-instruments';

/**
 * Deribit's JSON-RPC over HTTP API (https://docs.deribit.com/articles/json-rpc-overview), the
 * methods ccxt and the Deribit adapter call, under `/api/v2/`:
 * - public: `get_time`, `get_currencies` and `get_instruments` (ccxt's loadMarkets; no currency
 *   = all),
 *   `get_book_summary_by_currency` (option `mark_iv`), `auth` (the permission check);
 * - private: `get_positions`, `get_account_summaries`.
 *
 * Private methods need ccxt's `Authorization: deri-hmac-sha256 id=…,ts=…,sig=…,nonce=…` header
 * (https://docs.deribit.com/articles/authentication, "Deribit Signature Credentials"): the key
 * is its `id`; a missing or garbled header gets 10000 "authorization_required". The signature is
 * required to be present and hexadecimal but is not verified (the fake holds no secrets).
 * `public/auth` with `client_signature` needs `client_id`, `timestamp`, `nonce` and `signature`.
 * An unknown key gets 13004 "invalid_credentials". Deribit does not paginate positions, so the
 * `paginated` profile reads like `readOnly`.
 */

/** The fake server's clock: 2026-11-24 12:00:00 UTC, in microseconds as `usIn` carries it. */
const SERVER_TIME_MS = Date.UTC(2026, 10, 24, 12);
/** How far ahead of the client's clock the server is for the `clockSkew` profile. */
export const DERIBIT_FAKE_CLOCK_SKEW_MS = 10 * 60 * 1000;

const AUTHORIZATION = /^deri-hmac-sha256 id=([^,\s]+),ts=(\d+),sig=([0-9a-f]+),nonce=([^,\s]+)$/;

export const deribitApi: FakeVenueApi = {
  venue: 'deribit',
  respond(request: FakeApiRequest, state: FakeApiState): FakeApiResponse | undefined {
    if (!request.path.startsWith('/api/v2/')) return undefined;
    const method = request.path.slice('/api/v2/'.length);
    if (method.startsWith('public/')) return publicMethod(method, request, state);
    if (method.startsWith('private/')) return privateMethod(method, request, state);
    return error(DERIBIT_ERRORS.invalidParams, SERVER_TIME_MS);
  },
  credentialOf(request) {
    if (request.path === '/api/v2/public/auth') return request.query.get('client_id') ?? undefined;
    if (!request.path.startsWith('/api/v2/private/')) return undefined;
    const header = request.headers.authorization;
    return (typeof header === 'string' ? AUTHORIZATION.exec(header)?.[1] : undefined) ?? undefined;
  },
};

function publicMethod(
  method: string,
  request: FakeApiRequest,
  state: FakeApiState,
): FakeApiResponse {
  const query = request.query;
  switch (method) {
    case 'public/get_time':
      return ok(SERVER_TIME_MS, SERVER_TIME_MS);
    case 'public/get_currencies':
      return ok(DERIBIT_CURRENCIES, SERVER_TIME_MS);
    case 'public/get_instruments': {
      const currency = query.get('currency');
      const kind = query.get('kind');
      const instruments = DERIBIT_INSTRUMENTS.filter((raw) => {
        const instrument = raw as { base_currency: string; kind: string };
        return (
          (currency === null || currency === 'any' || instrument.base_currency === currency) &&
          (kind === null || instrument.kind === kind)
        );
      });
      return ok(instruments, SERVER_TIME_MS);
    }
    case 'public/get_book_summary_by_currency': {
      const currency = query.get('currency');
      if (currency === null) return error(DERIBIT_ERRORS.invalidParams, SERVER_TIME_MS);
      const kind = query.get('kind');
      const summaries =
        kind === null || kind === 'option' ? DERIBIT_OPTION_BOOK_SUMMARIES[currency] : [];
      return ok(summaries ?? [], SERVER_TIME_MS);
    }
    case 'public/auth':
      return auth(request, state);
    default:
      return methodNotFound();
  }
}

function auth(request: FakeApiRequest, state: FakeApiState): FakeApiResponse {
  const query = request.query;
  const grantType = query.get('grant_type');
  const clientId = query.get('client_id');
  const timestamp = query.get('timestamp');
  if (
    grantType !== 'client_signature' ||
    clientId === null ||
    timestamp === null ||
    !/^\d+$/.test(timestamp) ||
    query.get('nonce') === null ||
    !/^[0-9a-f]+$/.test(query.get('signature') ?? '')
  ) {
    return error(DERIBIT_ERRORS.invalidParams, SERVER_TIME_MS);
  }
  const clientTime = Number(timestamp);
  const profile = state.profiles[clientId];
  if (profile === undefined) return error(DERIBIT_ERRORS.invalidCredentials, clientTime);
  const refused = errorProfileAnswer(profile, ERROR_PROFILES)?.(clientTime);
  if (refused) return refused;
  return ok(
    {
      access_token: '1795003200000.1AbCdEfG.fake-access-token',
      token_type: 'bearer',
      expires_in: 31_536_000,
      refresh_token: '1795003200000.1HiJkLmN.fake-refresh-token',
      scope:
        profile === FakeProfile.tradeEnabled
          ? DERIBIT_SCOPES.tradeEnabled
          : profile === FakeProfile.withdrawEnabled
            ? DERIBIT_SCOPES.withdrawEnabled
            : DERIBIT_SCOPES.readOnly,
      enabled_features: [],
    },
    clientTime,
  );
}

function privateMethod(
  method: string,
  request: FakeApiRequest,
  state: FakeApiState,
): FakeApiResponse {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? AUTHORIZATION.exec(header) : null;
  if (!match) return error(DERIBIT_ERRORS.authorizationRequired, SERVER_TIME_MS);
  const [, keyId = '', timestamp = '0'] = match;
  const clientTime = Number(timestamp);
  const profile = state.profiles[keyId];
  if (profile === undefined) return error(DERIBIT_ERRORS.invalidCredentials, clientTime);
  const refused = errorProfileAnswer(profile, ERROR_PROFILES)?.(clientTime);
  if (refused) return refused;
  const query = request.query;
  switch (method) {
    case 'private/get_positions': {
      const positions =
        profile === FakeProfile.empty
          ? []
          : profile === FakeProfile.malformed
            ? DERIBIT_MALFORMED_POSITIONS
            : DERIBIT_POSITIONS;
      const currency = query.get('currency');
      const kind = query.get('kind');
      return ok(
        positions.filter((raw) => {
          const position = raw as { instrument_name: string; kind: string };
          return (
            (currency === null ||
              currency === 'any' ||
              position.instrument_name.startsWith(`${currency}-`)) &&
            (kind === null || position.kind === kind)
          );
        }),
        clientTime,
      );
    }
    case 'private/get_account_summaries':
      return ok(
        profile === FakeProfile.empty ? DERIBIT_EMPTY_ACCOUNT_SUMMARIES : DERIBIT_ACCOUNT_SUMMARIES,
        clientTime,
      );
    default:
      return methodNotFound();
  }
}

/** The answer each error profile gets instead of data, stamped with the client's time. */
const ERROR_PROFILES: Readonly<Record<FakeErrorProfile, (clientTime: number) => FakeApiResponse>> =
  {
    ipNotAllowed: (clientTime) => error(DERIBIT_ERRORS.unauthorized, clientTime),
    expired: (clientTime) => error(DERIBIT_ERRORS.unauthorized, clientTime),
    // The server's clock is ahead of the client's by more than the 60-second validity.
    clockSkew: (clientTime) =>
      error(DERIBIT_ERRORS.unauthorized, clientTime + DERIBIT_FAKE_CLOCK_SKEW_MS),
    rateLimited: (clientTime) => error(DERIBIT_ERRORS.tooManyRequests, clientTime),
    venueDown: (clientTime) => error(DERIBIT_ERRORS.temporarilyUnavailable, clientTime),
  };

function envelope(serverTimeMs: number): Record<string, unknown> {
  const usIn = serverTimeMs * 1000 + 120;
  return { usIn, usOut: usIn + 310, usDiff: 310, testnet: false };
}

function ok(result: unknown, serverTimeMs: number): FakeApiResponse {
  return { status: 200, body: { jsonrpc: '2.0', result, ...envelope(serverTimeMs) } };
}

function error(answer: DeribitErrorAnswer, serverTimeMs: number): FakeApiResponse {
  return {
    status: answer.status,
    body: {
      jsonrpc: '2.0',
      error: {
        code: answer.code,
        message: answer.message,
        ...(answer.data !== undefined && { data: answer.data }),
      },
      ...envelope(serverTimeMs),
    },
  };
}

function methodNotFound(): FakeApiResponse {
  return {
    status: 400,
    body: {
      jsonrpc: '2.0',
      error: { code: -32601, message: 'Method not found' },
      ...envelope(SERVER_TIME_MS),
    },
  };
}
