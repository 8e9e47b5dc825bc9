import { defineVersionedItem } from './versioned-item';
import type { MarketCacheValue } from '../market-data/market-cache';

/**
 * The live market figures worth keeping between background wake-ups: the EWMA vols and
 * correlations from daily candles, reused for the rest of their UTC day
 * (lib/market-data/market-cache.ts). Marks, index prices, funding and option IVs are read on
 * every refresh and not stored. Versioned: a change of shape adds a version and a migration
 * here. The stored value is validated by `parseMarketCache` every time it is read (pass it to
 * `fetchLiveMarket` as `cached`), so a damaged entry is reported and replaced, not trusted.
 *
 * Versions: 1, Binance USDⓈ-M klines only; 2 adds `daily.volSources`, the assets whose figures
 * come from Hyperliquid, Bybit or OKX candles (lib/market-data/candle-venues.ts).
 */
export const marketItem = defineVersionedItem<MarketCacheValue | null>('local:market', {
  fallback: null,
  version: 2,
  migrations: { 2: withVolSources },
});

/**
 * Version 1 → 2: every version-1 figure came from Binance USDⓈ-M klines, so no asset has
 * another source (`volSources: {}`). A value that is not a version-1 cache is passed on as it
 * is, for `parseMarketCache` to report and the next read to replace.
 */
function withVolSources(stored: unknown): unknown {
  if (stored === null || typeof stored !== 'object') return stored;
  const daily = (stored as { daily?: unknown }).daily;
  if (daily === null || typeof daily !== 'object' || 'volSources' in daily) return stored;
  return { ...stored, daily: { ...daily, volSources: {} } };
}
