import type { ExchangeStateStore, StoredMarkets } from '../storage/exchange-state-items';
import type { CcxtExchange, VenueId } from '../venues/api/venue-api-types';
import { restoredRateLimiter } from './restored-rate-limiter';

/**
 * A ccxt exchange instance that picks up where the previous service worker's left off (issue 13,
 * finding 9). The browser stops an idle worker after about 30 s, so with the one-minute refresh
 * alarm most refreshes start in a new worker, whose new instances would reload the venue's
 * instrument lists (Binance `exchangeInfo`, the Bybit, OKX and Deribit instrument lists, paged
 * through option chains) and start their rate limiters as if no request had been made.
 *
 * - Markets: what the instance's `fetchMarkets` returned (and `fetchCurrencies`, which ccxt's
 *   `loadMarkets` also calls on Deribit) is stored per venue with its time; a later instance's
 *   `loadMarkets` takes them from the store while they are younger than `maxAgeMs` (the exchange
 *   cache's hour, after which a newly listed instrument must be found) instead of asking the
 *   venue, and goes through ccxt's own `setMarkets` exactly as after a load. Only calls without
 *   params are served from the store. `forget` drops a venue's stored list (a read failed: the
 *   list may lack a new instrument).
 * - Rate limit: after each request the instance's leaky bucket level (ccxt's `throttler`, tokens
 *   refilled at 1 / rateLimit per ms) is stored per venue with its time; a later instance's first
 *   request starts from that level refilled for the time since (never above where ccxt starts a
 *   new instance), so it waits as long as the stopped worker's instance would have; a stored
 *   level out of range is refused (restored-rate-limiter.ts) and the instance starts fresh. Other ccxt
 *   rate-limit algorithms (none of the six venues uses one) are left alone.
 *
 * An optimisation only: a store that fails to read or write leaves the instance as ccxt made it.
 */
export interface StoredStateOptions {
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** Stored markets older than this are not used (milliseconds). */
  readonly maxAgeMs: number;
}

/** The parts of a ccxt instance this wraps (typed loosely by ccxt itself). */
interface Wrapped {
  fetchMarkets(params?: object): Promise<unknown>;
  fetchCurrencies(params?: object): Promise<unknown>;
  throttle(cost?: number): Promise<unknown>;
  readonly throttler?: {
    readonly config: { tokens: number; refillRate: number; capacity: number; algorithm?: string };
  };
}

export function withStoredState(
  exchange: CcxtExchange,
  venue: VenueId,
  store: ExchangeStateStore,
  options: StoredStateOptions,
): CcxtExchange {
  const target = exchange as unknown as Wrapped;
  const { now, maxAgeMs } = options;
  const quietly = <T>(promise: Promise<T>): Promise<T | undefined> =>
    promise.catch(() => undefined);

  let stored: Promise<StoredMarkets | undefined> | undefined;
  const storedMarkets = () =>
    (stored ??= quietly(store.readMarkets(venue)).then((entry) => {
      const age = entry === undefined ? Number.NaN : now() - entry.savedAt;
      return age >= 0 && age < maxAgeMs ? entry : undefined;
    }));
  const withoutParams = (params: object | undefined) =>
    params === undefined || Object.keys(params).length === 0;

  const fetchCurrencies = target.fetchCurrencies.bind(exchange);
  const fetchMarkets = target.fetchMarkets.bind(exchange);
  let loadedCurrencies: unknown;
  target.fetchCurrencies = async (params) => {
    const entry = withoutParams(params) ? await storedMarkets() : undefined;
    if (entry !== undefined) return entry.currencies;
    loadedCurrencies = await fetchCurrencies(params);
    return loadedCurrencies;
  };
  target.fetchMarkets = async (params) => {
    if (!withoutParams(params)) return fetchMarkets(params);
    const entry = await storedMarkets();
    if (entry !== undefined) return entry.markets;
    const markets = await fetchMarkets(params);
    await quietly(
      store.saveMarkets(venue, {
        savedAt: now(),
        markets,
        ...(loadedCurrencies !== undefined && { currencies: loadedCurrencies }),
      }),
    );
    return markets;
  };

  const bucket = () => {
    const config = target.throttler?.config;
    return config !== undefined && (config.algorithm ?? 'leakyBucket') === 'leakyBucket'
      ? config
      : undefined;
  };
  const throttle = target.throttle.bind(exchange);
  let restored: Promise<void> | undefined;
  const restore = async () => {
    const stored = await quietly(store.readRateLimiter(venue));
    const config = bucket();
    if (stored === undefined || config === undefined) return;
    // A stored level out of range is refused (restored-rate-limiter.ts): the instance keeps the
    // state ccxt gave it, and the level stored after this request replaces the refused one.
    const restored = restoredRateLimiter(stored, config, now());
    if (restored.ok) config.tokens = restored.tokens;
  };
  target.throttle = async (cost) => {
    await (restored ??= restore());
    const result = await throttle(cost);
    const config = bucket();
    if (config !== undefined)
      await quietly(store.saveRateLimiter(venue, { tokens: config.tokens, at: now() }));
    return result;
  };
  return exchange;
}
