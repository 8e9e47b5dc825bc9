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
  BITGET_ACCOUNT,
  BITGET_AUTHORITIES,
  BITGET_CROSS_ONLY_ACCOUNT,
  BITGET_DOCS_EXAMPLE_ACCOUNT,
  BITGET_EMPTY_ACCOUNT,
  BITGET_MALFORMED_ACCOUNT,
  BITGET_POSITION_MISSING_ACCOUNT,
  bitgetKeyInfo,
  type BitgetAccountFixture,
} from './fixtures/bitget/bitget-accounts';
import { BITGET_USDT_CONTRACTS } from './fixtures/bitget/bitget-contracts';
import { BITGET_ERRORS, bitgetError } from './fixtures/bitget/bitget-errors';
import { BITGET_POSITION_TIERS } from './fixtures/bitget/bitget-position-tiers';

/**
 * Bitget's v2 REST API as the fake venue serves it (host api.bitget.com): the public contract and
 * position-tier endpoints and the private USDT-M positions, account list, key information and
 * trade rate. Each fixture file names the documentation it follows.
 *
 * Paths: only `/api/v2/mix/`, `/api/v2/spot/` and `/api/v2/common/` are Bitget's here (Deribit's
 * fake answers the rest of `/api/v2/`), so in a list of fakes this one goes before Deribit's.
 *
 * Authentication: a private request must carry `ACCESS-KEY`, `ACCESS-SIGN`, `ACCESS-TIMESTAMP` and
 * `ACCESS-PASSPHRASE` (https://www.bitget.com/api-doc/common/signature); a missing one gets
 * Bitget's "cannot be empty" error. The key picks the profile; signature and passphrase are
 * required but not verified. A key with no profile gets 40006 "Invalid ACCESS_KEY". Bitget does
 * not paginate the position list, so the `paginated` profile holds the read-only account.
 */
export interface BitgetFakeApiOptions {
  /** The account holds its cross BTC position alone (every position cross). */
  readonly crossOnly?: boolean;
  /** Every key's account is a Unified Trading Account: the classic private API answers 40085. */
  readonly unifiedAccount?: boolean;
  /**
   * Every key has futures read but not spot read: `GET /api/v2/spot/account/info` answers 40014
   * (bitget-errors.ts `spotReadMissing`).
   */
  readonly futuresOnlyKey?: boolean;
  /** The account holds the "Get All Positions" page's example position alone (Bitget's figures). */
  readonly docsExample?: boolean;
  /** The position list leaves out the ETH short that the account's unrealizedPL still counts. */
  readonly positionMissing?: boolean;
  /**
   * The BTC long's keepMarginRate is 0.4% at 330,000 USDT, the rate of a first tier reaching past
   * the public table's 200,000 (a Special Level's wider tiers).
   */
  readonly specialTierLevel?: boolean;
  /** A position held in this other futures book (answered by all-position for that product type). */
  readonly otherBook?: 'USDC-FUTURES' | 'COIN-FUTURES';
}

const PRODUCT_TYPES = [
  'USDT-FUTURES',
  'COIN-FUTURES',
  'USDC-FUTURES',
  'SUSDT-FUTURES',
  'SCOIN-FUTURES',
  'SUSDC-FUTURES',
];

export function createBitgetFakeApi(options: BitgetFakeApiOptions = {}): FakeVenueApi {
  const ours = (path: string) =>
    path.startsWith('/api/v2/mix/') ||
    path.startsWith('/api/v2/spot/') ||
    path.startsWith('/api/v2/common/');
  return {
    venue: 'bitget',
    respond(request, state) {
      if (!ours(request.path)) return undefined;
      return answerPublic(request) ?? answerPrivate(request, state, options);
    },
    credentialOf: (request) =>
      ours(request.path) ? requestHeader(request, 'access-key') : undefined,
  };
}

/** The default fake Bitget (a classic account in hedge mode, cross and isolated positions). */
export const bitgetFakeApi: FakeVenueApi = createBitgetFakeApi();

function ok(data: unknown): FakeApiResponse {
  return { status: 200, body: { code: '00000', msg: 'success', requestTime: 1795521600000, data } };
}

function error([status, code, message]: readonly [number, string, string]): FakeApiResponse {
  return bitgetError(status, code, message);
}

const PARAMETER_ERROR = [400, '40017', 'Parameter verification failed'] as const;

function answerPublic(request: FakeApiRequest): FakeApiResponse | undefined {
  const query = request.query;
  switch (request.path) {
    case '/api/v2/mix/market/contracts': {
      const type = query.get('productType');
      if (type === null || !PRODUCT_TYPES.includes(type)) return error(PARAMETER_ERROR);
      return ok(type === 'USDT-FUTURES' ? BITGET_USDT_CONTRACTS : []);
    }
    case '/api/v2/mix/market/query-position-lever': {
      const tiers = BITGET_POSITION_TIERS[query.get('symbol') ?? ''];
      if (query.get('productType') !== 'USDT-FUTURES' || tiers === undefined)
        return error(PARAMETER_ERROR);
      return ok(tiers);
    }
    default:
      return undefined;
  }
}

function answerPrivate(
  request: FakeApiRequest,
  state: FakeApiState,
  options: BitgetFakeApiOptions,
): FakeApiResponse {
  const apiKey = requestHeader(request, 'access-key');
  if (apiKey === undefined) return error(BITGET_ERRORS.keyHeaderMissing);
  if (requestHeader(request, 'access-passphrase') === undefined)
    return error(BITGET_ERRORS.passphraseHeaderMissing);
  if (requestHeader(request, 'access-sign') === undefined)
    return error(BITGET_ERRORS.signHeaderMissing);
  if (requestHeader(request, 'access-timestamp') === undefined)
    return error(BITGET_ERRORS.timestampHeaderMissing);
  const profile = state.profiles[apiKey];
  if (profile === undefined) return error(BITGET_ERRORS.invalidKey);
  const failure = errorProfileAnswer(profile, BITGET_ERRORS);
  if (failure) return error(failure);
  if (options.unifiedAccount === true) return error(BITGET_ERRORS.unifiedAccount);
  const account = accountOf(profile, options);
  switch (request.path) {
    case '/api/v2/spot/account/info':
      if (options.futuresOnlyKey === true) return error(BITGET_ERRORS.spotReadMissing);
      return ok(bitgetKeyInfo(authoritiesOf(profile)));
    case '/api/v2/mix/position/all-position': {
      const type = request.query.get('productType');
      if (type === 'USDT-FUTURES')
        return ok(
          options.specialTierLevel === true
            ? account.positions.map((row) =>
                row.symbol === 'BTCUSDT' ? { ...row, keepMarginRate: '0.004' } : row,
              )
            : account.positions,
        );
      if (type === 'USDC-FUTURES' || type === 'COIN-FUTURES')
        return ok(options.otherBook === type ? [otherBookPosition(type)] : []);
      return error(PARAMETER_ERROR);
    }
    case '/api/v2/mix/account/accounts':
      if (request.query.get('productType') !== 'USDT-FUTURES') return error(PARAMETER_ERROR);
      return ok([account.account]);
    case '/api/v2/common/trade-rate': {
      const symbol = request.query.get('symbol');
      if (request.query.get('businessType') !== 'mix' || symbol === null)
        return error(PARAMETER_ERROR);
      return ok({ makerFeeRate: '0.0002', takerFeeRate: '0.0006' });
    }
    default:
      return { status: 404, body: `fake bitget: no route for ${request.method} ${request.path}` };
  }
}

function authoritiesOf(profile: FakeProfile): readonly string[] {
  if (profile === FakeProfile.tradeEnabled) return BITGET_AUTHORITIES.tradeEnabled;
  if (profile === FakeProfile.withdrawEnabled) return BITGET_AUTHORITIES.withdrawEnabled;
  return BITGET_AUTHORITIES.readOnly;
}

function accountOf(profile: FakeProfile, options: BitgetFakeApiOptions): BitgetAccountFixture {
  if (profile === FakeProfile.empty) return BITGET_EMPTY_ACCOUNT;
  if (profile === FakeProfile.malformed) return BITGET_MALFORMED_ACCOUNT;
  if (options.docsExample === true) return BITGET_DOCS_EXAMPLE_ACCOUNT;
  if (options.positionMissing === true) return BITGET_POSITION_MISSING_ACCOUNT;
  return options.crossOnly === true ? BITGET_CROSS_ONLY_ACCOUNT : BITGET_ACCOUNT;
}

/** A position in another futures book: the USDT-M ETH short's row, in that book's coin. */
function otherBookPosition(
  type: 'USDC-FUTURES' | 'COIN-FUTURES',
): Readonly<Record<string, unknown>> {
  return type === 'USDC-FUTURES'
    ? { ...(BITGET_ACCOUNT.positions[1] as object), symbol: 'ETHPERP', marginCoin: 'USDC' }
    : { ...(BITGET_ACCOUNT.positions[1] as object), symbol: 'ETHUSD', marginCoin: 'ETH' };
}
