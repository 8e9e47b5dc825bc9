import {
  DEFAULT_MARKET,
  ewmaCovarianceFromCloses,
  volForecastLabel,
  type VolForecast,
} from '../engine';
import type { DailyCandle } from './binance-daily-klines';

/**
 * Annualised EWMA vols and correlations (lib/engine ewma-covariance-from-closes.ts, with the
 * product's forecast: the embedded market's fitted vol and correlation decays, vol-forecast.ts)
 * from the complete daily candles of each asset, whichever venue they came from, and the method
 * in words.
 *
 * Every asset's vol is the EWMA of its own history. Correlations come from one joint EWMA over
 * the UTC days on which every asset has a return (the common dates): candles from different
 * venues (Binance USDⓈ-M klines, Hyperliquid, Bybit or OKX candles) all open at 00:00 UTC, so a
 * day's returns pair up; a younger market shortens the window for every pair. The method names
 * the decays, each venue's assets, and the common window whenever it is shorter than the longest
 * history or the venues differ, e.g. "EWMA λ 0.9 (vols), 0.93 (correlations) of 248 daily log-returns to 2025-02-10 (daily candles:
 * Binance USDⓈ-M for BTC; Hyperliquid for SOL); correlations on the 248 days all have in
 * common, 2024-06-08 to 2025-02-10".
 *
 * Each series must hold at least the EWMA seed's 31 closes, on increasing days (the caller keeps
 * to the stricter 76 of fetch-live-market.ts); the engine throws a RangeError naming the asset
 * otherwise. Closes in USDT or USDC are taken as USD. Cost: O(days × assets²).
 */
export interface DailySeries {
  readonly candles: readonly DailyCandle[];
  /** Whose candles, as the method names them, e.g. `Binance USDⓈ-M`, `Hyperliquid`. */
  readonly venue: string;
}

export interface DailyEwmaFigures {
  /** ISO-8601 close time of the last complete daily candle used (`now` when none). */
  readonly asOf: string;
  readonly method: string;
  /** The decays the figures were estimated with: the product's forecast. */
  readonly forecast: VolForecast;
  /** Annualised (365-day) vols by asset, fractions. */
  readonly annualVols: Readonly<Record<string, number>>;
  /** Keyed `A/B`, A before B in sorted order. */
  readonly correlations: Readonly<Record<string, number>>;
}

export function dailyEwmaFigures(
  series: Readonly<Record<string, DailySeries>>,
  now: number,
): DailyEwmaFigures {
  const entries = Object.entries(series).sort(([a], [b]) => a.localeCompare(b));
  const forecast = DEFAULT_MARKET.volForecast;
  const lambda = volForecastLabel(forecast);
  if (entries.length === 0)
    return {
      asOf: new Date(now).toISOString(),
      method: `${lambda}: no asset with enough daily history`,
      forecast,
      annualVols: {},
      correlations: {},
    };
  const lastClose = Math.max(...entries.map(([, { candles }]) => candles.at(-1)?.closeTime ?? 0));
  const lastDay = new Date(lastClose).toISOString().slice(0, 10);
  const days = entries.map(([, { candles }]) => candles.length - 1);
  const fewest = Math.min(...days);
  const most = Math.max(...days);
  const span = `${fewest === most ? most : `${fewest}–${most}`} daily log-returns to ${lastDay}`;
  const figures = ewmaCovarianceFromCloses(
    Object.fromEntries(
      entries.map(([asset, { candles }]) => [
        asset,
        candles.map((candle) => ({ date: candle.date, close: candle.close.toNumber() })),
      ]),
    ),
    { forecast },
  );

  const byVenue = new Map<string, string[]>();
  for (const [asset, { venue }] of entries)
    byVenue.set(venue, [...(byVenue.get(venue) ?? []), asset]);
  const sources =
    byVenue.size === 1
      ? `(${entries[0]?.[1].venue ?? ''} daily candles)`
      : `(daily candles: ${[...byVenue].map(([venue, assets]) => `${venue} for ${assets.join(', ')}`).join('; ')})`;
  const window = figures.correlationWindow;
  const common =
    window !== null && (byVenue.size > 1 || window.days < most)
      ? `; correlations on the ${window.days} days all have in common, ${window.from} to ${window.to}`
      : '';
  return {
    asOf: new Date(lastClose).toISOString(),
    method: `${lambda} of ${span} ${sources}${common}`,
    forecast,
    annualVols: figures.annualVols,
    correlations: figures.correlations,
  };
}
