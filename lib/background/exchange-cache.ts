import type { CcxtExchange, Credentials, VenueId } from '../venues/api/venue-api-types';

/**
 * One ccxt exchange per venue and credentials for the life of the service worker, so that its
 * markets (loaded once by `loadMarkets`) and its rate limiter carry over from one refresh to the
 * next instead of every read reloading the venue's instrument lists. Held in memory only (the
 * worker's): nothing here is stored. Markets older than `maxAgeMs` are reloaded with a new
 * instance (venues list new contracts daily).
 */
export function cachedExchanges(
  open: (venue: VenueId, credentials: Credentials | undefined) => CcxtExchange,
  now: () => number,
  maxAgeMs = 6 * 60 * 60 * 1000,
): (venue: VenueId, credentials: Credentials | undefined) => CcxtExchange {
  const cache = new Map<string, { exchange: CcxtExchange; createdAt: number }>();
  return (venue, credentials) => {
    const key = JSON.stringify([venue, credentials ?? null]);
    const cached = cache.get(key);
    if (cached && now() - cached.createdAt < maxAgeMs) return cached.exchange;
    const exchange = open(venue, credentials);
    cache.set(key, { exchange, createdAt: now() });
    return exchange;
  };
}
