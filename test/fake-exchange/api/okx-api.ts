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
  OKX_EMPTY_ACCOUNT,
  OKX_MALFORMED_ACCOUNT,
  okxAccount,
  okxAccountConfig,
  type OkxAccountFixture,
  type OkxAccountLevel,
} from './fixtures/okx/okx-accounts';
import { OKX_DISCOUNT_RATES } from './fixtures/okx/okx-discount-rates';
import { OKX_ERRORS, okxError } from './fixtures/okx/okx-errors';
import { OKX_SWAP_INSTRUMENTS } from './fixtures/okx/okx-instruments';
import {
  OKX_OPTION_INSTRUMENTS,
  OKX_OPTION_POSITION_TIERS,
  okxOptionSummary,
  okxOptionTradeFee,
} from './fixtures/okx/okx-options';
import { OKX_SWAP_POSITION_TIERS } from './fixtures/okx/okx-position-tiers';
import { okxSwapTradeFee } from './fixtures/okx/okx-trade-fee';

/**
 * OKX's v5 REST API as the fake venue serves it (paths under `/api/v5/`, host www.okx.com): the
 * public instrument (swaps and BTC options), position-tier (swaps and options), option-summary and
 * discount-rate endpoints, and the private account configuration,
 * balance, positions and fee rates. Each fixture file names the documentation it follows.
 *
 * Authentication: a private request must carry `OK-ACCESS-KEY`, `OK-ACCESS-SIGN`,
 * `OK-ACCESS-TIMESTAMP` and `OK-ACCESS-PASSPHRASE` (https://www.okx.com/docs-v5/en/#overview-rest-
 * authentication); a missing one gets OKX's "cannot be empty" error (50103/50104/50106/50107).
 * The key picks the profile; signature and passphrase are required but not verified. A key with
 * no profile gets 50111 "Invalid OK-ACCESS-KEY". OKX does not paginate `GET /api/v5/account/
 * positions`, so the `paginated` profile holds the read-only account.
 */
export interface OkxFakeApiOptions {
  /** The account level every read-only profile reports (default 2, single-currency margin). */
  readonly accountLevel?: OkxAccountLevel;
  /** The account the read-only profiles hold instead of the level's default one. */
  readonly account?: OkxAccountFixture;
}

const SERVER_TIME = '1795521600000'; // 2026-11-24T12:00:00Z

export function createOkxFakeApi(options: OkxFakeApiOptions = {}): FakeVenueApi {
  return {
    venue: 'okx',
    respond(request, state) {
      if (!request.path.startsWith('/api/v5/')) return undefined;
      return answerPublic(request) ?? answerPrivate(request, state, options);
    },
    credentialOf: (request) =>
      request.path.startsWith('/api/v5/') ? requestHeader(request, 'ok-access-key') : undefined,
  };
}

/** The default fake OKX (single-currency margin, long/short mode). */
export const okxFakeApi: FakeVenueApi = createOkxFakeApi();

function ok(data: unknown): FakeApiResponse {
  return { status: 200, body: { code: '0', msg: '', data } };
}

function error([status, code, message]: readonly [number, string, string]): FakeApiResponse {
  return okxError(status, code, message);
}

function answerPublic(request: FakeApiRequest): FakeApiResponse | undefined {
  const query = request.query;
  switch (request.path) {
    case '/api/v5/public/time':
      return ok([{ ts: SERVER_TIME }]);
    case '/api/v5/public/instruments': {
      const type = query.get('instType');
      if (type === 'SWAP') return ok(OKX_SWAP_INSTRUMENTS);
      if (type === 'OPTION') {
        const family = query.get('instFamily') ?? query.get('uly');
        if (family === null)
          return error([400, '51000', 'Parameter uly or instFamily is required for OPTION']);
        return ok(OKX_OPTION_INSTRUMENTS[family] ?? []);
      }
      if (type === 'FUTURES') return ok([]);
      return error([400, '51000', 'Parameter instType error']);
    }
    case '/api/v5/public/position-tiers': {
      const family = query.get('instFamily') ?? query.get('uly') ?? '';
      const mode = query.get('tdMode');
      const type = query.get('instType');
      if ((type !== 'SWAP' && type !== 'OPTION') || (mode !== 'cross' && mode !== 'isolated'))
        return error([400, '51000', 'Parameter instType or tdMode error']);
      return ok(
        (type === 'OPTION' ? OKX_OPTION_POSITION_TIERS : OKX_SWAP_POSITION_TIERS)[family] ?? [],
      );
    }
    case '/api/v5/public/opt-summary': {
      const family = query.get('instFamily') ?? query.get('uly');
      if (family === null) return error([400, '51000', 'Parameter instFamily error']);
      return ok(okxOptionSummary(family));
    }
    case '/api/v5/public/discount-rate-interest-free-quota': {
      const currency = query.get('ccy');
      const rates = currency === null ? undefined : OKX_DISCOUNT_RATES[currency];
      if (currency === null) return ok(Object.values(OKX_DISCOUNT_RATES));
      return rates === undefined ? error([400, '51000', 'Parameter ccy error']) : ok([rates]);
    }
    default:
      return undefined;
  }
}

function answerPrivate(
  request: FakeApiRequest,
  state: FakeApiState,
  options: OkxFakeApiOptions,
): FakeApiResponse {
  const apiKey = requestHeader(request, 'ok-access-key');
  if (apiKey === undefined) return error(OKX_ERRORS.keyHeaderMissing);
  if (requestHeader(request, 'ok-access-passphrase') === undefined)
    return error(OKX_ERRORS.passphraseHeaderMissing);
  if (requestHeader(request, 'ok-access-sign') === undefined)
    return error(OKX_ERRORS.signHeaderMissing);
  if (requestHeader(request, 'ok-access-timestamp') === undefined)
    return error(OKX_ERRORS.timestampHeaderMissing);
  const profile = state.profiles[apiKey];
  if (profile === undefined) return error(OKX_ERRORS.invalidKey);
  const failure = errorProfileAnswer(profile, OKX_ERRORS);
  if (failure) return error(failure);
  const level = options.accountLevel ?? '2';
  const account = accountOf(profile, level, options.account);
  switch (request.path) {
    case '/api/v5/account/config':
      return ok([okxAccountConfig(permOf(profile), level)]);
    case '/api/v5/account/balance':
      return ok([account.balance]);
    case '/api/v5/account/positions': {
      const type = request.query.get('instType');
      return ok(
        type === null
          ? account.positions
          : account.positions.filter((row) => row.instType === type),
      );
    }
    case '/api/v5/account/trade-fee': {
      const family = request.query.get('instFamily');
      const type = request.query.get('instType');
      if ((type !== 'SWAP' && type !== 'OPTION') || family === null)
        return error([400, '51000', 'Parameter instType or instFamily error']);
      return ok([type === 'OPTION' ? okxOptionTradeFee(family) : okxSwapTradeFee(family)]);
    }
    default:
      return { status: 404, body: `fake okx: no route for ${request.method} ${request.path}` };
  }
}

function permOf(profile: FakeProfile): string {
  if (profile === FakeProfile.tradeEnabled) return 'read_only,trade';
  if (profile === FakeProfile.withdrawEnabled) return 'read_only,withdraw';
  return 'read_only';
}

function accountOf(
  profile: FakeProfile,
  level: OkxAccountLevel,
  account: OkxAccountFixture | undefined,
): OkxAccountFixture {
  if (profile === FakeProfile.empty) return OKX_EMPTY_ACCOUNT;
  if (profile === FakeProfile.malformed) return OKX_MALFORMED_ACCOUNT;
  return account ?? okxAccount(level);
}
