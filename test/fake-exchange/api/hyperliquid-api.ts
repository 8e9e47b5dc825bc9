import {
  FakeProfile,
  type FakeApiRequest,
  type FakeApiResponse,
  type FakeApiState,
  type FakeVenueApi,
} from './fake-api';
import {
  HYPERLIQUID_CLEARINGHOUSE_STATE,
  HYPERLIQUID_EMPTY_CLEARINGHOUSE_STATE,
  HYPERLIQUID_MALFORMED_CLEARINGHOUSE_STATE,
} from './fixtures/hyperliquid/hyperliquid-clearinghouse';
import {
  HYPERLIQUID_FLX_CLEARINGHOUSE_STATE,
  HYPERLIQUID_HIP3_ADDRESS,
  HYPERLIQUID_PORTFOLIO_MARGIN_ADDRESS,
  HYPERLIQUID_UNKNOWN_MARKET_ADDRESS,
  HYPERLIQUID_XYZ_CLEARINGHOUSE_STATE,
  HYPERLIQUID_XYZ_UNKNOWN_MARKET_STATE,
} from './fixtures/hyperliquid/hyperliquid-hip3-clearinghouse';
import {
  HYPERLIQUID_FLX_META_AND_ASSET_CTXS,
  HYPERLIQUID_XYZ_META_AND_ASSET_CTXS,
} from './fixtures/hyperliquid/hyperliquid-hip3-meta';
import { HYPERLIQUID_META_AND_ASSET_CTXS } from './fixtures/hyperliquid/hyperliquid-meta';
import {
  HYPERLIQUID_PERP_DEXS,
  HYPERLIQUID_SPOT_META,
} from './fixtures/hyperliquid/hyperliquid-perp-dexs';
import {
  HYPERLIQUID_EMPTY_SPOT_STATE,
  HYPERLIQUID_UNIFIED_ADDRESS,
  HYPERLIQUID_UNIFIED_CASH_ADDRESS,
  HYPERLIQUID_UNIFIED_CASH_SPOT_STATE,
  HYPERLIQUID_UNIFIED_CLEARINGHOUSE_STATES,
  HYPERLIQUID_UNIFIED_SPOT_STATE,
} from './fixtures/hyperliquid/hyperliquid-unified-account';
import {
  capturedEmptyState,
  capturedMetaAndAssetCtxs,
  type HyperliquidUnifiedCapture,
} from './fixtures/hyperliquid/hyperliquid-unified-captures';

/**
 * Hyperliquid's info endpoint, `POST /info` with a JSON body `{type, …}`
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint): the
 * requests the Hyperliquid adapter makes: `userAbstraction`, `perpDexs`, `spotMeta`,
 * `spotClearinghouseState`, and `metaAndAssetCtxs` and `clearinghouseState`, each for the first
 * perp dex (no `dex`, or `""`) or a builder-deployed dex (`dex: "xyz"`, `"flx"`:
 * fixtures/hyperliquid/hyperliquid-perp-dexs.ts).
 * It is public: an account is named by its address (`user`), not by a key, so the key-related
 * profiles (trade/withdraw-enabled, IP, expiry, clock) do not change what it answers.
 *
 * Profiles are looked up by lower-case address. An address without a profile is answered like
 * any address that never traded (zeros, no positions, on every dex), as Hyperliquid does; its
 * `userAbstraction` is "disabled" (standard mode: each dex margined on its own). Three addresses
 * answer by address, not by profile (fixtures/hyperliquid/hyperliquid-hip3-clearinghouse.ts): the
 * HIP-3 account (positions on `xyz` and `flx`, nothing on the first dex), the same with a coin
 * `xyz` does not list, and an account in portfolio margin mode; and two in unified account mode
 * (fixtures/hyperliquid/hyperliquid-unified-account.ts), one with positions on three dexes in
 * two collateral tokens, one with USDC alone. The spot state of any other address holds nothing
 * (`{"balances": []}`). A body that is not a known
 * request, a `dex` that perpDexs does not list (the docs do not say what the venue answers), or a
 * `user` that is not 0x + 40 hex digits, gets HTTP 422 "Failed to deserialize the JSON body into
 * the target type" (text). `rateLimited` gets HTTP 429 (the per-IP weight limit of
 * …/api/rate-limits; the docs give no body), `venueDown` HTTP 503, on every request naming its
 * address. Hyperliquid does not paginate these answers: `paginated` reads like `readOnly`.
 */
const DESERIALIZE_ERROR: FakeApiResponse = {
  status: 422,
  body: 'Failed to deserialize the JSON body into the target type',
};

/** The perp dexes by `dex` name, `""` the first: perpDexs lists `xyz` and `flx`. */
const META_AND_ASSET_CTXS: Readonly<Record<string, unknown>> = {
  '': HYPERLIQUID_META_AND_ASSET_CTXS,
  xyz: HYPERLIQUID_XYZ_META_AND_ASSET_CTXS,
  flx: HYPERLIQUID_FLX_META_AND_ASSET_CTXS,
};
const DEXES = Object.keys(META_AND_ASSET_CTXS);

/** Accounts answered by address, state by dex (absent: nothing on that dex). */
const BY_ADDRESS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  [HYPERLIQUID_HIP3_ADDRESS]: {
    xyz: HYPERLIQUID_XYZ_CLEARINGHOUSE_STATE,
    flx: HYPERLIQUID_FLX_CLEARINGHOUSE_STATE,
  },
  [HYPERLIQUID_UNKNOWN_MARKET_ADDRESS]: { xyz: HYPERLIQUID_XYZ_UNKNOWN_MARKET_STATE },
  [HYPERLIQUID_UNIFIED_ADDRESS]: HYPERLIQUID_UNIFIED_CLEARINGHOUSE_STATES,
  [HYPERLIQUID_UNIFIED_CASH_ADDRESS]: {},
};

/** Account modes answered by address; any other address is "disabled" (standard). */
const MODES: Readonly<Record<string, string>> = {
  [HYPERLIQUID_PORTFOLIO_MARGIN_ADDRESS]: 'portfolioMargin',
  [HYPERLIQUID_UNIFIED_ADDRESS]: 'unifiedAccount',
  [HYPERLIQUID_UNIFIED_CASH_ADDRESS]: 'unifiedAccount',
};

/** Spot states answered by address; any other address holds nothing. */
const SPOT_STATES: Readonly<Record<string, unknown>> = {
  [HYPERLIQUID_UNIFIED_ADDRESS]: HYPERLIQUID_UNIFIED_SPOT_STATE,
  [HYPERLIQUID_UNIFIED_CASH_ADDRESS]: HYPERLIQUID_UNIFIED_CASH_SPOT_STATE,
};

export const hyperliquidApi: FakeVenueApi = {
  venue: 'hyperliquid',
  respond(request: FakeApiRequest, state: FakeApiState): FakeApiResponse | undefined {
    if (request.path !== '/info') return undefined;
    if (request.method !== 'POST') return { status: 405, body: 'Method Not Allowed' };
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      return DESERIALIZE_ERROR;
    }
    const {
      type,
      user,
      dex = '',
    } = (body ?? {}) as {
      type?: unknown;
      user?: unknown;
      dex?: unknown;
    };
    if (typeof dex !== 'string' || !DEXES.includes(dex)) return DESERIALIZE_ERROR;
    if (type === 'perpDexs') return { status: 200, body: HYPERLIQUID_PERP_DEXS };
    if (type === 'spotMeta') return { status: 200, body: HYPERLIQUID_SPOT_META };
    if (type === 'metaAndAssetCtxs') return { status: 200, body: META_AND_ASSET_CTXS[dex] };
    if (
      type !== 'clearinghouseState' &&
      type !== 'userAbstraction' &&
      type !== 'spotClearinghouseState'
    )
      return DESERIALIZE_ERROR;
    if (typeof user !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(user)) return DESERIALIZE_ERROR;
    const address = user.toLowerCase();
    const profile = state.profiles[address];
    if (profile === FakeProfile.rateLimited) return { status: 429, body: 'Too Many Requests' };
    if (profile === FakeProfile.venueDown) return { status: 503, body: 'Service Unavailable' };
    if (type === 'userAbstraction')
      return {
        status: 200,
        // A bare JSON string, as the venue sends it.
        body: JSON.stringify(MODES[address] ?? 'disabled'),
      };
    if (type === 'spotClearinghouseState')
      return { status: 200, body: SPOT_STATES[address] ?? HYPERLIQUID_EMPTY_SPOT_STATE };
    const byAddress = BY_ADDRESS[address];
    if (byAddress !== undefined)
      return { status: 200, body: byAddress[dex] ?? HYPERLIQUID_EMPTY_CLEARINGHOUSE_STATE };
    if (dex !== '') return { status: 200, body: HYPERLIQUID_EMPTY_CLEARINGHOUSE_STATE };
    switch (profile) {
      case FakeProfile.malformed:
        return { status: 200, body: HYPERLIQUID_MALFORMED_CLEARINGHOUSE_STATE };
      case FakeProfile.empty:
      case undefined:
        return { status: 200, body: HYPERLIQUID_EMPTY_CLEARINGHOUSE_STATE };
      default:
        return { status: 200, body: HYPERLIQUID_CLEARINGHOUSE_STATE };
    }
  },
  credentialOf(request) {
    if (request.path !== '/info') return undefined;
    try {
      const { user } = JSON.parse(request.body) as { user?: unknown };
      return typeof user === 'string' ? user.toLowerCase() : undefined;
    } catch {
      return undefined;
    }
  },
};

/**
 * The info endpoint as it answered for one captured mainnet account in unified account mode
 * (fixtures/hyperliquid/hyperliquid-unified-captures.ts), under the capture's address: its mode
 * (`"unifiedAccount"`), each dex's `clearinghouseState` and its `spotClearinghouseState` as
 * captured; `perpDexs` naming the capture's dexes (null, then `{name}` each: the only field the
 * adapter reads); `metaAndAssetCtxs` of each dex that holds a position (allPerpMetas' entries,
 * marks `positionValue / |szi|`); `spotMeta` as {@link hyperliquidApi} answers it (USDC is
 * token 0). Another address, a dex the capture does not list, the meta of a dex holding nothing,
 * or another request gets the 422 of {@link hyperliquidApi}.
 */
export function hyperliquidCaptureApi(capture: HyperliquidUnifiedCapture): FakeVenueApi {
  return {
    venue: 'hyperliquid',
    respond(request: FakeApiRequest): FakeApiResponse | undefined {
      if (request.path !== '/info') return undefined;
      if (request.method !== 'POST') return { status: 405, body: 'Method Not Allowed' };
      let body: unknown;
      try {
        body = JSON.parse(request.body);
      } catch {
        return DESERIALIZE_ERROR;
      }
      const {
        type,
        user,
        dex = '',
      } = (body ?? {}) as { type?: unknown; user?: unknown; dex?: unknown };
      if (typeof dex !== 'string' || !capture.dexNames.includes(dex)) return DESERIALIZE_ERROR;
      if (type === 'perpDexs')
        return {
          status: 200,
          body: [null, ...capture.dexNames.filter((name) => name !== '').map((name) => ({ name }))],
        };
      if (type === 'spotMeta') return { status: 200, body: HYPERLIQUID_SPOT_META };
      if (type === 'metaAndAssetCtxs') {
        const answer = capturedMetaAndAssetCtxs(capture, dex);
        return answer === undefined ? DESERIALIZE_ERROR : { status: 200, body: answer };
      }
      if (typeof user !== 'string' || user.toLowerCase() !== capture.address)
        return DESERIALIZE_ERROR;
      switch (type) {
        case 'userAbstraction':
          return { status: 200, body: JSON.stringify('unifiedAccount') };
        case 'spotClearinghouseState':
          return { status: 200, body: capture.spot };
        case 'clearinghouseState':
          return { status: 200, body: capture.dexes[dex] ?? capturedEmptyState(capture.time) };
        default:
          return DESERIALIZE_ERROR;
      }
    },
    credentialOf: (request) => hyperliquidApi.credentialOf?.(request),
  };
}
