/**
 * How far each day's close, low and high moved from the prior close, in the EWMA forecast σ known
 * the evening before: the evidence the tail model is fitted to (scripts/calibrate.ts) and judged
 * against (scripts/backtest/touch-calibration.ts).
 *
 * Per asset, from `<ASSET>-1d.csv` (Date,Close,High,Low,Open,Volume): r_t = ln(C_t/C_{t−1}), the
 * EWMA variance of the daily log returns (the product's vol decay λ_v, the embedded market's
 * `volForecast.volLambda` unless given; seeded with the mean square of the first 30 returns;
 * lib/engine/market/ewma-covariance.ts, vol-forecast.ts), and for every day after the seed
 *   close = r_t/σ_t,  low = ln(L_t/C_{t−1})/σ_t,  high = ln(H_t/C_{t−1})/σ_t,
 * σ_t being the forecast from returns up to t−1. Days with a non-positive or missing price are
 * refused by line; stablecoins are not read (their moves are not what the model is for).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_MARKET } from '../../lib/engine/market/default-market';
import { EWMA_SEED_DAYS, ewmaSeed, ewmaStep } from '../../lib/engine/market/ewma-covariance';

export interface DayInForecastSigma {
  readonly asset: string;
  readonly date: string;
  /** The forecast daily σ (log-return units) the evening before. */
  readonly sigma: number;
  readonly close: number;
  readonly low: number;
  readonly high: number;
}

export const STABLECOINS: readonly string[] = ['USDT', 'USDC'];

/** The non-stablecoin assets with a daily file in `dataDir`, sorted. */
export function dailyAssets(dataDir: string): string[] {
  return readdirSync(dataDir)
    .filter((name) => name.endsWith('-1d.csv'))
    .map((name) => name.replace('-1d.csv', ''))
    .filter((asset) => !STABLECOINS.includes(asset))
    .sort();
}

export function daysInForecastSigma(
  dataDir: string,
  asset: string,
  volLambda: number = DEFAULT_MARKET.volForecast.volLambda,
): DayInForecastSigma[] {
  const file = path.join(dataDir, `${asset}-1d.csv`);
  const rows = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  const parsed = rows.map((line, index) => {
    const [date, close, high, low] = line.split(',');
    const values = [Number(close), Number(high), Number(low)];
    if (!date || values.some((value) => !Number.isFinite(value) || value <= 0))
      throw new Error(`${file} line ${index + 2}: close, high and low must be positive numbers`);
    return {
      date,
      close: values[0] as number,
      high: values[1] as number,
      low: values[2] as number,
    };
  });
  const returns = parsed
    .slice(1)
    .map((day, index) => Math.log(day.close / (parsed[index] as { close: number }).close));
  const variance = ewmaSeed(returns.map((r) => [r]));
  const days: DayInForecastSigma[] = [];
  for (const [index, r] of returns.entries()) {
    const sigma = Math.sqrt(variance[0] as number);
    if (index >= EWMA_SEED_DAYS && sigma > 0) {
      const previous = (parsed[index] as { close: number }).close;
      const day = parsed[index + 1] as (typeof parsed)[number];
      days.push({
        asset,
        date: day.date,
        sigma,
        close: r / sigma,
        low: Math.log(day.low / previous) / sigma,
        high: Math.log(day.high / previous) / sigma,
      });
    }
    ewmaStep(variance, [r], volLambda);
  }
  return days;
}
