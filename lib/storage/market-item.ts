import { storage } from 'wxt/utils/storage';
import type { MarketCacheValue } from '../market-data/market-cache';

/**
 * The live market figures worth keeping between background wake-ups: the EWMA vols and
 * correlations from daily candles, reused for the rest of their UTC day
 * (lib/market-data/market-cache.ts). Marks, index prices, funding and option IVs are read on
 * every refresh and not stored. Versioned: a change of shape adds a version and a migration
 * here. The stored value is validated by `parseMarketCache` every time it is read (pass it to
 * `fetchLiveMarket` as `cached`), so a damaged entry is reported and replaced, not trusted.
 */
export const marketItem = storage.defineItem<MarketCacheValue | null>('local:market', {
  fallback: null,
  version: 1,
  // An (empty) migrations map makes WXT record the version beside the value (`market$`), so
  // that a later shape change has a version to migrate from.
  migrations: {},
});
