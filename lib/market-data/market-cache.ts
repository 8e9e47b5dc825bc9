import { DEFAULT_MARKET, type VolForecast } from '../engine';

/**
 * What the background keeps between live market reads (lib/storage/market-item.ts), and when it
 * may be reused. Pure; the clock is injected.
 *
 * - Vols and correlations come from complete daily candles (Binance USDⓈ-M klines, and the
 *   venues' own candles for assets Binance lists no perpetual for), so they change once a day:
 *   the cached figures serve every call of the UTC day they were computed on and go stale at the
 *   next 00:00 UTC (when the venues close the day's candle), or at once when an asset is held
 *   that they do not cover, or when they were estimated with another forecast than the product's
 *   (an update that refits the decays: figures of the old forecast would meet the new tail,
 *   which was fitted to the new one's σ). An asset whose candles could not be read for a reason that may pass
 *   (network, rate limit, a venue error) is not covered, so the next call reads again.
 * - Marks, index prices, funding rates and option mark IVs move continuously: they are never
 *   cached, every call reads them.
 *
 * The value is plain JSON (numbers are derived figures, not venue money). A stored value is
 * validated before use: a damaged one is reported and replaced, never trusted.
 */
export interface DailyMarketFigures {
  /** ISO-8601 time the candles were read. */
  readonly fetchedAt: string;
  /** ISO-8601 close time of the last complete daily candle the figures use. */
  readonly asOf: string;
  /** How they were estimated, e.g. "EWMA λ 0.89 (vols), 0.94 (correlations) of 249 daily …". */
  readonly method: string;
  /**
   * The forecast's decays they were estimated with (vol-forecast.ts); absent in figures stored
   * before it was kept, which are then read again.
   */
  readonly forecast?: VolForecast;
  /** Assets (base coins, sorted) the candles were read for. */
  readonly assets: readonly string[];
  /** Annualised (365-day) vols by asset, fractions. */
  readonly annualVols: Readonly<Record<string, number>>;
  /** Pairwise log-return correlations keyed `A/B` (A before B in `assets`). */
  readonly correlations: Readonly<Record<string, number>>;
  /** Assets in `assets` without figures, with the reason (e.g. too short a history). */
  readonly missing: Readonly<Record<string, string>>;
  /**
   * Assets whose figures come from another venue's daily candles than Binance USDⓈ-M's, with
   * that source, e.g. `{ SOL: 'Hyperliquid public API (SOL/USDC:USDC daily candles)' }`
   * (stored from version 2 of lib/storage/market-item.ts; version 1 read Binance only).
   */
  readonly volSources: Readonly<Record<string, string>>;
}

export interface MarketCacheValue {
  readonly daily: DailyMarketFigures;
}

export interface MarketCachePolicy {
  /** The cached daily figures if they serve `assets` now; undefined when they must be re-read. */
  usableDaily(
    cache: MarketCacheValue | null,
    assets: readonly string[],
  ): DailyMarketFigures | undefined;
  /** When cached daily figures go stale: the 00:00 UTC after they were read (ms since the epoch). */
  dailyExpiry(daily: DailyMarketFigures): number;
}

const DAY_MS = 86_400_000;

export function createMarketCachePolicy(clock: () => number): MarketCachePolicy {
  const dailyExpiry = (daily: DailyMarketFigures) =>
    (Math.floor(Date.parse(daily.fetchedAt) / DAY_MS) + 1) * DAY_MS;
  return {
    dailyExpiry,
    usableDaily(cache, assets) {
      if (cache === null) return undefined;
      const now = clock();
      const fetchedAt = Date.parse(cache.daily.fetchedAt);
      // Read in the future (the clock went back) or on an earlier UTC day: stale.
      if (!(fetchedAt <= now && now < dailyExpiry(cache.daily))) return undefined;
      if (!sameForecast(cache.daily.forecast, DEFAULT_MARKET.volForecast)) return undefined;
      const covered = new Set(cache.daily.assets);
      return assets.every((asset) => covered.has(asset)) ? cache.daily : undefined;
    },
  };
}

function sameForecast(stored: VolForecast | undefined, current: VolForecast): boolean {
  return (
    stored !== undefined &&
    stored.volLambda === current.volLambda &&
    stored.correlationLambda === current.correlationLambda
  );
}

/** A stored value checked against {@link MarketCacheValue}; `problem` says what was wrong. */
export function parseMarketCache(value: unknown): {
  readonly cache: MarketCacheValue | null;
  readonly problem?: string;
} {
  if (value === null || value === undefined) return { cache: null };
  const problem = (what: string) => ({ cache: null, problem: `stored market cache ${what}` });
  if (typeof value !== 'object') return problem('is not an object');
  const daily = (value as { daily?: unknown }).daily;
  if (daily === null || typeof daily !== 'object') return problem('has no daily figures');
  const record = daily as Record<string, unknown>;
  for (const key of ['fetchedAt', 'asOf'] as const) {
    if (typeof record[key] !== 'string' || Number.isNaN(Date.parse(record[key] as string)))
      return problem(`daily.${key} is not an ISO-8601 time`);
  }
  if (typeof record.method !== 'string') return problem('daily.method is not a string');
  if (!Array.isArray(record.assets) || !record.assets.every((item) => typeof item === 'string'))
    return problem('daily.assets is not a list of assets');
  for (const key of ['annualVols', 'correlations'] as const) {
    const figures = record[key];
    if (figures === null || typeof figures !== 'object' || Array.isArray(figures))
      return problem(`daily.${key} is not an object`);
    for (const [name, figure] of Object.entries(figures))
      if (typeof figure !== 'number' || !Number.isFinite(figure))
        return problem(`daily.${key}.${name} is not a finite number`);
  }
  const isTextMap = (map: unknown) =>
    map !== null &&
    typeof map === 'object' &&
    !Array.isArray(map) &&
    Object.values(map).every((text) => typeof text === 'string');
  if (!isTextMap(record.missing)) return problem('daily.missing is not a map of reasons');
  if (!isTextMap(record.volSources)) return problem('daily.volSources is not a map of sources');
  const forecast = record.forecast as Record<string, unknown> | null | undefined;
  if (
    forecast !== undefined &&
    (forecast === null ||
      typeof forecast !== 'object' ||
      !['volLambda', 'correlationLambda'].every((key) => {
        const lambda = forecast[key];
        return typeof lambda === 'number' && lambda > 0 && lambda < 1;
      }))
  )
    return problem('daily.forecast is not a pair of decays in (0, 1)');
  return { cache: value as MarketCacheValue };
}
