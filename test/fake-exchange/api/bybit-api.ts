import {
  errorProfileAnswer,
  FakeProfile,
  requestHeader,
  type FakeApiRequest,
  type FakeApiResponse,
  type FakeApiState,
  type FakeVenueApi,
} from './fake-api';
import {
  BYBIT_CROSS_ACCOUNT,
  BYBIT_EMPTY_ACCOUNT,
  BYBIT_ISOLATED_HEDGE_ACCOUNT,
  BYBIT_MALFORMED_ACCOUNT,
  BYBIT_OPTION_TICKERS,
  bybitApiKeyInfo,
  type BybitAccountFixture,
} from './fixtures/bybit/bybit-accounts';
import { BYBIT_ERRORS, bybitError } from './fixtures/bybit/bybit-errors';
import { bybitFeeRates } from './fixtures/bybit/bybit-fee-rates';
import {
  BYBIT_INVERSE_INSTRUMENTS,
  BYBIT_LINEAR_INSTRUMENTS,
  BYBIT_OPTION_INSTRUMENTS,
} from './fixtures/bybit/bybit-instruments';
import { BYBIT_RISK_LIMITS } from './fixtures/bybit/bybit-risk-limits';
import {
  BYBIT_COLLATERAL_RATIOS,
  BYBIT_INDEX_TICKERS,
} from './fixtures/bybit/bybit-unified-accounts';

/**
 * Bybit's v5 REST API as the fake venue serves it (paths under `/v5/`, host api.bybit.com):
 * the public instrument, risk-limit, ticker and tiered-collateral-ratio endpoints ccxt's
 * `loadMarkets` and the adapter call, and the private key-info, account-info, wallet-balance,
 * position-list and fee-rate endpoints.
 * Each fixture file names the documentation page it follows.
 *
 * Authentication: a private request must carry Bybit's v5 headers `X-BAPI-API-KEY`,
 * `X-BAPI-SIGN` and `X-BAPI-TIMESTAMP` (https://bybit-exchange.github.io/docs/v5/guide); the key
 * picks the profile. The signature is required to be present but is not verified. A key with
 * no profile gets Bybit's invalid-key answer (HTTP 401, retCode 10003).
 *
 * Pagination: `GET /v5/position/list` honours `limit` (documented default 20, maximum 200) and
 * answers `nextPageCursor` ("" on the last page) the way the documentation describes.
 */
export interface BybitFakeApiOptions {
  /** Overrides of `GET /v5/account/info` for every profile (e.g. another margin mode). */
  readonly accountInfo?: Readonly<Record<string, unknown>>;
  /**
   * The account a profile's key reads instead of its default (e.g. the readOnly key on a
   * cross-collateral UTA of fixtures/bybit/bybit-unified-accounts.ts).
   */
  readonly accounts?: Partial<Readonly<Record<FakeProfile, BybitAccountFixture>>>;
}

const SERVER_TIME = 1795521600000; // 2026-11-24T12:00:00Z
const DEFAULT_POSITION_LIMIT = 20;
const MAX_POSITION_LIMIT = 200;

export function createBybitFakeApi(options: BybitFakeApiOptions = {}): FakeVenueApi {
  return {
    venue: 'bybit',
    respond(request, state) {
      if (!request.path.startsWith('/v5/')) return undefined;
      const publicAnswer = answerPublic(request);
      if (publicAnswer) return publicAnswer;
      return answerPrivate(request, state, options);
    },
    credentialOf: (request) =>
      request.path.startsWith('/v5/') ? requestHeader(request, 'x-bapi-api-key') : undefined,
  };
}

/** The default fake Bybit (UTA 2.0, profiles as in fixtures/bybit/bybit-accounts.ts). */
export const bybitFakeApi: FakeVenueApi = createBybitFakeApi();

function ok(result: unknown): FakeApiResponse {
  return {
    status: 200,
    body: { retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: SERVER_TIME },
  };
}

function error([status, code, message]: readonly [number, number, string]): FakeApiResponse {
  return bybitError(status, code, message, SERVER_TIME);
}

function answerPublic(request: FakeApiRequest): FakeApiResponse | undefined {
  const query = request.query;
  switch (request.path) {
    case '/v5/market/time':
      return ok({ timeSecond: String(SERVER_TIME / 1000), timeNano: `${SERVER_TIME}000000` });
    case '/v5/market/instruments-info': {
      const category = query.get('category');
      // Pre-market contracts (status=PreLaunch): none listed in these fixtures.
      const list =
        query.get('status') === 'PreLaunch'
          ? []
          : category === 'linear'
            ? BYBIT_LINEAR_INSTRUMENTS
            : category === 'inverse'
              ? BYBIT_INVERSE_INSTRUMENTS
              : category === 'option'
                ? BYBIT_OPTION_INSTRUMENTS.filter(
                    (instrument) => instrument.baseCoin === (query.get('baseCoin') ?? 'BTC'),
                  )
                : undefined;
      if (list === undefined) return error([200, 10001, 'params error: category is invalid']);
      return ok({ category, list, nextPageCursor: '' });
    }
    case '/v5/market/risk-limit': {
      const category = query.get('category');
      const symbol = query.get('symbol');
      const tables = Object.entries(BYBIT_RISK_LIMITS).filter(
        ([id, table]) => table.category === category && (symbol === null || id === symbol),
      );
      if (symbol !== null && tables.length === 0)
        return error([200, 10001, 'params error: symbol invalid']);
      return ok({ category, list: tables.flatMap(([, table]) => table.rows), nextPageCursor: '' });
    }
    case '/v5/market/tickers': {
      const symbol = query.get('symbol') ?? '';
      const category = query.get('category') ?? '';
      const ticker =
        category === 'option'
          ? BYBIT_OPTION_TICKERS[symbol]
          : BYBIT_INDEX_TICKERS[category]?.[symbol];
      if (ticker === undefined) return error([200, 10001, 'params error: symbol invalid']);
      return ok({ category, list: [ticker] });
    }
    case '/v5/spot-margin-trade/collateral': {
      // "Get Tiered Collateral Ratio": every coin without `currency`, else that coin's.
      const currency = query.get('currency');
      const list = Object.entries(BYBIT_COLLATERAL_RATIOS)
        .filter(([coin]) => currency === null || coin === currency)
        .map(([coin, collateralRatioList]) => ({ currency: coin, collateralRatioList }));
      return ok({ list });
    }
    default:
      return undefined;
  }
}

function answerPrivate(
  request: FakeApiRequest,
  state: FakeApiState,
  options: BybitFakeApiOptions,
): FakeApiResponse {
  const apiKey = requestHeader(request, 'x-bapi-api-key');
  if (
    apiKey === undefined ||
    requestHeader(request, 'x-bapi-sign') === undefined ||
    requestHeader(request, 'x-bapi-timestamp') === undefined
  )
    return error(BYBIT_ERRORS.invalidKey);
  const profile = state.profiles[apiKey];
  if (profile === undefined) return error(BYBIT_ERRORS.invalidKey);
  const failure = errorProfileAnswer(profile, BYBIT_ERRORS);
  if (failure) return error(failure);
  const account = options.accounts?.[profile] ?? accountOf(profile);

  switch (request.path) {
    case '/v5/user/query-api':
      return ok(
        bybitApiKeyInfo(
          apiKey,
          profile === FakeProfile.tradeEnabled
            ? 'trade'
            : profile === FakeProfile.withdrawEnabled
              ? 'withdraw'
              : 'readOnly',
        ),
      );
    case '/v5/account/info':
      return ok({ ...account.accountInfo, ...options.accountInfo });
    case '/v5/account/wallet-balance':
      if (request.query.get('accountType') !== 'UNIFIED') return error(BYBIT_ERRORS.badAccountType);
      return ok(account.wallet);
    case '/v5/position/list':
      return positionPage(request, account);
    case '/v5/account/fee-rate': {
      // Derivatives rows carry no `category` field (fee-rate documentation).
      const list = bybitFeeRates(request.query.get('category') ?? '', request.query.get('symbol'));
      if (list === undefined) return error([200, 10001, 'params error: category is invalid']);
      return ok({ list });
    }
    default:
      return { status: 404, body: `fake bybit: no route for ${request.method} ${request.path}` };
  }
}

function accountOf(profile: FakeProfile): BybitAccountFixture {
  switch (profile) {
    case FakeProfile.empty:
      return BYBIT_EMPTY_ACCOUNT;
    case FakeProfile.malformed:
      return BYBIT_MALFORMED_ACCOUNT;
    case FakeProfile.paginated:
      return BYBIT_ISOLATED_HEDGE_ACCOUNT;
    default:
      return BYBIT_CROSS_ACCOUNT;
  }
}

/** One page of `GET /v5/position/list`, filtered as documented (category; settleCoin or symbol for linear). */
function positionPage(request: FakeApiRequest, account: BybitAccountFixture): FakeApiResponse {
  const query = request.query;
  const category = query.get('category');
  const symbol = query.get('symbol');
  const settleCoin = query.get('settleCoin');
  if (category !== 'linear' && category !== 'inverse' && category !== 'option')
    return error([200, 10001, 'params error: category is invalid']);
  if (category === 'linear' && symbol === null && settleCoin === null)
    return error([200, 10001, 'params error: symbol or settleCoin is required']);
  const rows = account.positions
    .filter(
      (position) =>
        position.category === category &&
        (symbol === null || position.row.symbol === symbol) &&
        (settleCoin === null || position.settleCoin === settleCoin) &&
        (query.get('baseCoin') === null ||
          String(position.row.symbol).startsWith(`${query.get('baseCoin')}`)),
    )
    .map((position) => position.row);
  const limit = Math.min(Number(query.get('limit') ?? DEFAULT_POSITION_LIMIT), MAX_POSITION_LIMIT);
  if (!Number.isInteger(limit) || limit < 1)
    return error([200, 10001, 'params error: limit must be within [1, 200]']);
  const cursor = query.get('cursor');
  let offset = 0;
  if (cursor !== null && cursor !== '') {
    const match = /^(\d+):\d+$/.exec(cursor);
    if (!match) return error([200, 10001, 'params error: cursor is invalid']);
    offset = Number(match[1]);
  }
  const page = rows.slice(offset, offset + limit);
  const next = offset + limit < rows.length ? `${offset + limit}%3A${SERVER_TIME}` : '';
  return ok({ category, list: page, nextPageCursor: next });
}
