import type { ExchangeStateStore } from '../storage/exchange-state-items';
import type { CcxtExchange, Credentials, VenueId } from '../venues/api/venue-api-types';
import { withStoredState } from './stored-exchange-state';

/**
 * One ccxt exchange per venue and credentials, so that its markets (loaded once by
 * `loadMarkets`) and its rate limiter carry over from one refresh to the next instead of every
 * read reloading the venue's instrument lists. In the worker's memory only: nothing here is
 * stored; an instance holds its key, so the cache is cleared whenever the vault locks, and a
 * failed connect drops the instance it opened (connection-service.ts `connectNow`). An
 * instance older than `maxAgeMs` (1 h) is replaced, and one whose read failed is dropped, so a
 * newly listed instrument (venues list options daily) is found at the next read.
 *
 * With a `stored` state (session storage in the worker), each new instance also takes its
 * venue's markets and rate-limiter level from where the last worker's instance left them
 * (stored-exchange-state.ts), within the same hour; `forget` drops the venue's stored markets.
 */
export interface ExchangeCache {
  open(venue: VenueId, credentials: Credentials | undefined): CcxtExchange;
  /** Drops one instance (after a failed read: its markets may lack a new instrument). */
  forget(venue: VenueId, credentials: Credentials | undefined): void;
  /** Drops every instance, and the keys they hold (on lock, idle lock, vault deletion). */
  clear(): void;
}

export function cachedExchanges(
  open: (venue: VenueId, credentials: Credentials | undefined) => CcxtExchange,
  now: () => number,
  maxAgeMs = 60 * 60 * 1000,
  stored?: ExchangeStateStore,
): ExchangeCache {
  const cache = new Map<string, { exchange: CcxtExchange; createdAt: number }>();
  const keyOf = (venue: VenueId, credentials: Credentials | undefined) =>
    JSON.stringify([venue, credentials ?? null]);
  return {
    open(venue, credentials) {
      const key = keyOf(venue, credentials);
      const cached = cache.get(key);
      if (cached && now() - cached.createdAt < maxAgeMs) return cached.exchange;
      for (const [other, entry] of cache)
        if (now() - entry.createdAt >= maxAgeMs) cache.delete(other);
      const made = open(venue, credentials);
      const exchange =
        stored === undefined ? made : withStoredState(made, venue, stored, { now, maxAgeMs });
      cache.set(key, { exchange, createdAt: now() });
      return exchange;
    },
    forget(venue, credentials) {
      cache.delete(keyOf(venue, credentials));
      void stored?.forgetMarkets(venue).catch(() => undefined);
    },
    clear() {
      cache.clear();
    },
  };
}
