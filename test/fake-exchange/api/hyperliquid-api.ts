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
import { HYPERLIQUID_META_AND_ASSET_CTXS } from './fixtures/hyperliquid/hyperliquid-meta';

/**
 * Hyperliquid's info endpoint, `POST /info` with a JSON body `{type, …}`
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint): the
 * `metaAndAssetCtxs` and `clearinghouseState` requests the Hyperliquid adapter makes. It is
 * public: an account is named by its address (`user`), not by a key, so the key-related
 * profiles (trade/withdraw-enabled, IP, expiry, clock) do not change what it answers.
 *
 * Profiles are looked up by lower-case address. An address without a profile is answered like
 * any address that never traded (zeros, no positions), as Hyperliquid does. A body that is not
 * a known request, or a `user` that is not 0x + 40 hex digits, gets HTTP 422 "Failed to
 * deserialize the JSON body into the target type" (text). `rateLimited` gets HTTP 429 (the
 * per-IP weight limit of …/api/rate-limits; the docs give no body), `venueDown` HTTP 503.
 * Hyperliquid does not paginate `clearinghouseState`: `paginated` reads like `readOnly`.
 */
const DESERIALIZE_ERROR: FakeApiResponse = {
  status: 422,
  body: 'Failed to deserialize the JSON body into the target type',
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
    const { type, user } = (body ?? {}) as { type?: unknown; user?: unknown };
    if (type === 'metaAndAssetCtxs') return { status: 200, body: HYPERLIQUID_META_AND_ASSET_CTXS };
    if (type !== 'clearinghouseState') return DESERIALIZE_ERROR;
    if (typeof user !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(user)) return DESERIALIZE_ERROR;
    switch (state.profiles[user.toLowerCase()]) {
      case FakeProfile.rateLimited:
        return { status: 429, body: 'Too Many Requests' };
      case FakeProfile.venueDown:
        return { status: 503, body: 'Service Unavailable' };
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
