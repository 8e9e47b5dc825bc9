import {
  errorProfileAnswer,
  requestHeader,
  type FakeApiRequest,
  type FakeApiResponse,
  type FakeApiState,
  type FakeErrorProfile,
  type FakeProfile,
  type FakeVenueApi,
} from './fake-api';
import { API_RESTRICTIONS } from './fixtures/binance/api-restrictions';
import { BINANCE_ERRORS, type BinanceErrorAnswer } from './fixtures/binance/binance-errors';
import { COINM_ACCOUNT, COINM_ACCOUNT_EMPTY } from './fixtures/binance/coinm-account';
import { COINM_EXCHANGE_INFO } from './fixtures/binance/coinm-exchange-info';
import { COINM_LEVERAGE_BRACKETS } from './fixtures/binance/coinm-leverage-brackets';
import {
  COINM_POSITION_RISK,
  COINM_POSITION_RISK_EMPTY,
  COINM_POSITION_RISK_MALFORMED,
} from './fixtures/binance/coinm-position-risk';
import { COINM_POSITION_MODE } from './fixtures/binance/coinm-position-mode';
import { USDM_ACCOUNT, USDM_ACCOUNT_EMPTY } from './fixtures/binance/usdm-account';
import { usdmAccountConfig } from './fixtures/binance/usdm-account-config';
import { FIXTURE_SERVER_TIME, USDM_EXCHANGE_INFO } from './fixtures/binance/usdm-exchange-info';
import { USDM_LEVERAGE_BRACKETS } from './fixtures/binance/usdm-leverage-brackets';
import {
  USDM_POSITION_RISK,
  USDM_POSITION_RISK_MALFORMED,
} from './fixtures/binance/usdm-position-risk';
import { USDM_SYMBOL_CONFIG } from './fixtures/binance/usdm-symbol-config';
import { USDM_ASSET_INDEX } from './fixtures/binance/usdm-asset-index';
import {
  USDM_MULTI_ASSETS_ACCOUNT,
  USDM_MULTI_ASSETS_ACCOUNT_CONFIG,
  USDM_MULTI_ASSETS_POSITION_RISK,
  USDM_MULTI_ASSETS_SYMBOL_CONFIG,
} from './fixtures/binance/usdm-multi-assets';
import {
  PM_ACCOUNT,
  PM_ASSET_INDEX_PRICES,
  PM_BALANCE,
  PM_CM_POSITION_RISK,
  PM_COLLATERAL_RATES,
  PM_UM_LEVERAGE_BRACKETS,
  PM_UM_POSITION_MODE,
  PM_UM_POSITION_RISK,
} from './fixtures/binance/portfolio-margin';

/**
 * The fake Binance API: USDⓈ-M futures (`/fapi`, fapi.binance.com), COIN-M futures (`/dapi`,
 * dapi.binance.com) and the wallet's key-permission endpoint (`/sapi`, api.binance.com), serving
 * the payloads in fixtures/binance/ (each names the documentation page it follows).
 *
 * Authentication, as Binance documents it for SIGNED (USER_DATA) endpoints
 * (https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info, "Endpoint
 * Security Type"): the key in the `X-MBX-APIKEY` header, `timestamp` and `signature` in the query
 * string. The fake requires all three to be present and picks the account by the key; it does not
 * verify the HMAC signature (it has no secrets). A missing header is answered with -2014, a
 * missing parameter with -1102, a key it does not know with -2015. Public endpoints
 * (`exchangeInfo`, `time`, `assetIndex`) need no key, as on Binance.
 *
 * Profiles (fake-api.ts): `readOnly`, `tradeEnabled`, `withdrawEnabled` and `paginated` read the
 * full fixture account (Binance does not paginate positions, balances or brackets: one request
 * each returns everything); `empty` an account with nothing in it; `malformed` a positions payload
 * with a field missing (USDⓈ-M) or not a number (COIN-M); the error profiles answer every signed
 * request with Binance's documented error (binance-errors.ts).
 */
type Route = (profile: FakeProfile) => FakeApiResponse;

const json = (body: unknown): FakeApiResponse => ({ status: 200, body });

const PUBLIC_ROUTES: Readonly<Record<string, () => FakeApiResponse>> = {
  '/fapi/v1/exchangeInfo': () => json(USDM_EXCHANGE_INFO),
  '/fapi/v1/time': () => json({ serverTime: FIXTURE_SERVER_TIME }),
  '/fapi/v1/ping': () => json({}),
  '/fapi/v1/assetIndex': () => json(USDM_ASSET_INDEX),
  '/dapi/v1/exchangeInfo': () => json(COINM_EXCHANGE_INFO),
  '/dapi/v1/time': () => json({ serverTime: FIXTURE_SERVER_TIME }),
  '/dapi/v1/ping': () => json({}),
};

const SIGNED_ROUTES: Readonly<Record<string, Route>> = {
  '/fapi/v3/positionRisk': (profile) =>
    json(
      profile === 'empty'
        ? []
        : profile === 'malformed'
          ? USDM_POSITION_RISK_MALFORMED
          : USDM_POSITION_RISK,
    ),
  '/fapi/v3/account': (profile) => json(profile === 'empty' ? USDM_ACCOUNT_EMPTY : USDM_ACCOUNT),
  '/fapi/v1/leverageBracket': () => json(USDM_LEVERAGE_BRACKETS),
  '/fapi/v1/accountConfig': (profile) => json(usdmAccountConfig(profile !== 'empty')),
  '/fapi/v1/symbolConfig': () => json(USDM_SYMBOL_CONFIG),
  '/dapi/v1/positionRisk': (profile) =>
    json(
      profile === 'empty'
        ? COINM_POSITION_RISK_EMPTY
        : profile === 'malformed'
          ? COINM_POSITION_RISK_MALFORMED
          : COINM_POSITION_RISK,
    ),
  '/dapi/v1/account': (profile) => json(profile === 'empty' ? COINM_ACCOUNT_EMPTY : COINM_ACCOUNT),
  '/dapi/v2/leverageBracket': () => json(COINM_LEVERAGE_BRACKETS),
  '/dapi/v1/positionSide/dual': () => json(COINM_POSITION_MODE),
  // A key without Portfolio Margin is refused by papi with -2015, as Binance does.
  '/papi/v1/account': () => answer(BINANCE_ERRORS.rejectedKey),
  '/sapi/v1/account/apiRestrictions': (profile) =>
    json(
      profile === 'tradeEnabled'
        ? API_RESTRICTIONS.tradeEnabled
        : profile === 'withdrawEnabled'
          ? API_RESTRICTIONS.withdrawEnabled
          : API_RESTRICTIONS.readOnly,
    ),
};

const ERROR_PROFILES: Readonly<Record<FakeErrorProfile, BinanceErrorAnswer>> = {
  ipNotAllowed: BINANCE_ERRORS.rejectedKey,
  expired: BINANCE_ERRORS.rejectedKey,
  clockSkew: BINANCE_ERRORS.clockSkew,
  rateLimited: BINANCE_ERRORS.rateLimited,
  venueDown: BINANCE_ERRORS.venueDown,
};

const answer = ({ status, body }: BinanceErrorAnswer): FakeApiResponse => ({ status, body });

function respond(request: FakeApiRequest, state: FakeApiState): FakeApiResponse | undefined {
  return respondFrom(SIGNED_ROUTES, request, state);
}

function respondFrom(
  signedRoutes: Readonly<Record<string, Route>>,
  request: FakeApiRequest,
  state: FakeApiState,
): FakeApiResponse | undefined {
  if (request.method !== 'GET') return undefined;
  const open = PUBLIC_ROUTES[request.path];
  if (open) return open();
  const route = signedRoutes[request.path];
  if (!route) return undefined;

  const sapi = request.path.startsWith('/sapi/');
  const rejected = sapi ? BINANCE_ERRORS.rejectedKeySapi : BINANCE_ERRORS.rejectedKey;
  const key = requestHeader(request, 'x-mbx-apikey');
  if (key === undefined) return answer(BINANCE_ERRORS.badKeyFormat);
  if (!request.query.get('timestamp')) return answer(BINANCE_ERRORS.missingTimestamp);
  if (!request.query.get('signature')) return answer(BINANCE_ERRORS.missingSignature);
  const profile = state.profiles[key];
  if (profile === undefined) return answer(rejected);
  const failure = errorProfileAnswer(profile, ERROR_PROFILES);
  if (failure) return answer(failure === BINANCE_ERRORS.rejectedKey ? rejected : failure);
  return route(profile);
}

export const binanceApi: FakeVenueApi = {
  venue: 'binance',
  respond,
  credentialOf: signedRequestKey,
};

/** The API key of a signed request (the routes are the same paths in every variant). */
function signedRequestKey(request: FakeApiRequest): string | undefined {
  return SIGNED_ROUTES[request.path] ? requestHeader(request, 'x-mbx-apikey') : undefined;
}

/**
 * The fake Binance API with its USDⓈ-M account in Multi-Assets mode (fixtures/binance/
 * usdm-multi-assets.ts) for every data profile: account config, account, positions and symbol
 * config answer for that account; everything else (brackets, key check, COIN-M, the error
 * profiles, the signature checks) as {@link binanceApi}.
 */
const MULTI_ASSETS_ROUTES: Readonly<Record<string, Route>> = {
  ...SIGNED_ROUTES,
  '/fapi/v1/accountConfig': () => json(USDM_MULTI_ASSETS_ACCOUNT_CONFIG),
  '/fapi/v3/account': () => json(USDM_MULTI_ASSETS_ACCOUNT),
  '/fapi/v3/positionRisk': () => json(USDM_MULTI_ASSETS_POSITION_RISK),
  '/fapi/v1/symbolConfig': () => json(USDM_MULTI_ASSETS_SYMBOL_CONFIG),
};

export const binanceMultiAssetsApi: FakeVenueApi = {
  venue: 'binance',
  respond: (request, state) => respondFrom(MULTI_ASSETS_ROUTES, request, state),
  credentialOf: signedRequestKey,
};

/**
 * The fake Binance API with a Portfolio Margin account (fixtures/binance/portfolio-margin.ts) for
 * every data profile: the papi endpoints and the collateral rates answer for it, and the fapi
 * user-data endpoints refuse the key with -2015, as Binance does once Portfolio Margin is on.
 */
const FAPI_USER_DATA = [
  '/fapi/v3/positionRisk',
  '/fapi/v3/account',
  '/fapi/v1/leverageBracket',
  '/fapi/v1/accountConfig',
  '/fapi/v1/symbolConfig',
];
const PORTFOLIO_MARGIN_ROUTES: Readonly<Record<string, Route>> = {
  ...SIGNED_ROUTES,
  ...Object.fromEntries(
    FAPI_USER_DATA.map((path) => [path, () => answer(BINANCE_ERRORS.rejectedKey)]),
  ),
  '/papi/v1/account': () => json(PM_ACCOUNT),
  '/papi/v1/balance': () => json(PM_BALANCE),
  '/papi/v1/um/positionRisk': () => json(PM_UM_POSITION_RISK),
  '/papi/v1/cm/positionRisk': () => json(PM_CM_POSITION_RISK),
  '/papi/v1/um/positionSide/dual': () => json(PM_UM_POSITION_MODE),
  '/papi/v1/um/leverageBracket': () => json(PM_UM_LEVERAGE_BRACKETS),
  '/sapi/v1/portfolio/collateralRate': () => json(PM_COLLATERAL_RATES),
  '/sapi/v1/portfolio/asset-index-price': () => json(PM_ASSET_INDEX_PRICES),
};

export const binancePortfolioMarginApi: FakeVenueApi = {
  venue: 'binance',
  respond: (request, state) => respondFrom(PORTFOLIO_MARGIN_ROUTES, request, state),
  credentialOf: (request) =>
    PORTFOLIO_MARGIN_ROUTES[request.path] ? requestHeader(request, 'x-mbx-apikey') : undefined,
};
