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
  GATE_EMPTY_ACCOUNT,
  GATE_INVERSE_POSITION,
  GATE_MALFORMED_ACCOUNT,
  gateAccount,
  gateAccountDetail,
  gateFee,
  type GateAccountFixture,
  type GateKeyMode,
  type GateMarginMode,
} from './fixtures/gate/gate-accounts';
import { GATE_USDT_CONTRACTS } from './fixtures/gate/gate-contracts';
import { GATE_ERRORS, gateError, gateErrorWithDetail } from './fixtures/gate/gate-errors';
import { gateMainKeys } from './fixtures/gate/gate-main-keys';
import { GATE_RISK_LIMIT_TIERS } from './fixtures/gate/gate-risk-limit-tiers';

/**
 * Gate's API v4 as the fake venue serves it (paths under `/api/v4/`, host api.gateio.ws): the
 * public USDT contract list and risk-limit tiers, and the private account detail, the main
 * account's key list, USDT futures account, positions (USDT, BTC-settled and delivery books) and
 * fee rates. Each fixture file names the documentation it follows.
 *
 * Authentication: a private request must carry `KEY`, `SIGN` and `Timestamp`
 * (https://www.gate.com/docs/developers/apiv4/#apiv4-signed-request-requirements); a missing one
 * gets MISSING_REQUIRED_HEADER. The key picks the profile; the signature is required but not
 * verified. A key with no profile gets INVALID_KEY. The key list (`/api/v4/account/main_keys`)
 * holds every profile's key with its profile's permissions (fixtures/gate/gate-main-keys.ts), so
 * the trade- and withdraw-enabled keys are told apart there. Positions are served by `limit` and
 * `offset` as Gate pages them.
 */
export interface GateFakeApiOptions {
  /** `key.mode` of the account detail (default 1, classic). */
  readonly keyMode?: GateKeyMode;
  /** The futures account's `margin_mode` (default 0, classic). */
  readonly marginMode?: GateMarginMode;
  /** Whether the BTC-settled book holds a position (default no). */
  readonly inverseHeld?: boolean;
  /**
   * How the key list answers (default `listed`): `notListed` leaves the requesting key out (a
   * sub-account's key), `forbidden` refuses the list with FORBIDDEN.
   */
  readonly keyList?: 'listed' | 'notListed' | 'forbidden';
  /**
   * How the BTC-settled and delivery books answer (default with their rows): `userNotFound`, no
   * futures account in those currencies (USER_NOT_FOUND, both books); `forbidden`, a key without
   * the Delivery permission (FORBIDDEN on the delivery book).
   */
  readonly otherBooks?: 'rows' | 'userNotFound' | 'forbidden';
  /** The key's taker fee on every contract (default "0.0005"; negative for a rebate). */
  readonly takerFee?: string;
}

export function createGateFakeApi(options: GateFakeApiOptions = {}): FakeVenueApi {
  return {
    venue: 'gate',
    respond(request, state) {
      if (!request.path.startsWith('/api/v4/')) return undefined;
      return answerPublic(request) ?? answerPrivate(request, state, options);
    },
    credentialOf: (request) =>
      request.path.startsWith('/api/v4/') ? requestHeader(request, 'key') : undefined,
  };
}

/** The default fake Gate (a classic account). */
export const gateFakeApi: FakeVenueApi = createGateFakeApi();

function ok(body: unknown): FakeApiResponse {
  return { status: 200, body };
}

function error([status, label, message]: readonly [number, string, string]): FakeApiResponse {
  return gateError(status, label, message);
}

function answerPublic(request: FakeApiRequest): FakeApiResponse | undefined {
  switch (request.path) {
    case '/api/v4/futures/usdt/contracts':
      return ok(GATE_USDT_CONTRACTS);
    case '/api/v4/futures/usdt/risk_limit_tiers': {
      const contract = request.query.get('contract') ?? '';
      return ok(GATE_RISK_LIMIT_TIERS[contract] ?? []);
    }
    default:
      return undefined;
  }
}

function answerPrivate(
  request: FakeApiRequest,
  state: FakeApiState,
  options: GateFakeApiOptions,
): FakeApiResponse {
  const apiKey = requestHeader(request, 'key');
  if (
    apiKey === undefined ||
    requestHeader(request, 'sign') === undefined ||
    requestHeader(request, 'timestamp') === undefined
  )
    return error(GATE_ERRORS.headerMissing);
  const profile = state.profiles[apiKey];
  if (profile === undefined) return error(GATE_ERRORS.invalidKey);
  const failure = errorProfileAnswer(profile, GATE_ERRORS);
  if (failure) return error(failure);
  const account = accountOf(profile, options.marginMode ?? 0);
  switch (request.path) {
    case '/api/v4/account/detail':
      return ok(gateAccountDetail(options.keyMode ?? 1));
    case '/api/v4/account/main_keys': {
      if (options.keyList === 'forbidden') return error(GATE_ERRORS.forbidden);
      const listed = Object.fromEntries(
        Object.entries(state.profiles).filter(
          ([key]) => options.keyList !== 'notListed' || key !== apiKey,
        ),
      );
      return ok(gateMainKeys(listed));
    }
    case '/api/v4/futures/usdt/accounts':
      return ok(account.futuresAccount);
    case '/api/v4/futures/usdt/positions': {
      const limit = Number(request.query.get('limit') ?? '100');
      const offset = Number(request.query.get('offset') ?? '0');
      return ok(account.positions.slice(offset, offset + limit));
    }
    case '/api/v4/futures/btc/positions':
    case '/api/v4/delivery/usdt/positions':
      if (options.otherBooks === 'userNotFound')
        return gateErrorWithDetail(GATE_ERRORS.userNotFound);
      if (options.otherBooks === 'forbidden' && request.path.startsWith('/api/v4/delivery/'))
        return error(GATE_ERRORS.forbidden);
      return ok(
        request.path.includes('/btc/') && options.inverseHeld === true
          ? [GATE_INVERSE_POSITION]
          : [],
      );
    case '/api/v4/futures/usdt/fee': {
      const contract = request.query.get('contract');
      if (contract === null)
        return error([400, 'MISSING_REQUIRED_PARAM', 'Missing required parameter: contract']);
      return ok(gateFee(contract, options.takerFee));
    }
    default:
      return { status: 404, body: `fake gate: no route for ${request.method} ${request.path}` };
  }
}

function accountOf(profile: FakeProfile, marginMode: GateMarginMode): GateAccountFixture {
  if (profile === FakeProfile.empty) return GATE_EMPTY_ACCOUNT;
  if (profile === FakeProfile.malformed) return GATE_MALFORMED_ACCOUNT;
  return gateAccount(marginMode);
}
