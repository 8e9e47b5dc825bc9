import { DEFAULT_MARKET } from './default-market';
import { ewmaCovariance, volsAndCorrelations, EWMA_SEED_DAYS } from './ewma-covariance';
import type { VolForecast } from './vol-forecast';

/**
 * Annualised EWMA vols and pairwise correlations from daily closes, the way the embedded default
 * is calibrated (scripts/calibrate.ts) and the way live candles are turned into market figures
 * (lib/market-data), with the product's forecast (vol-forecast.ts: the vol decay λ_v and the
 * correlation decay λ_c of the embedded market, fitted by calibrate, unless `forecast` is given):
 *
 * - returns are daily log-returns ln(C_t/C_{t−1}) of consecutive closes, dated by the later day;
 * - each asset's vol is the EWMA with λ_v (ewma-covariance.ts, 30-day seed) over its own whole
 *   history, annualised over 365 days;
 * - correlations come from one joint EWMA covariance with λ_c over the days on which every asset
 *   has a return (the common window), so the matrix is positive semi-definite by construction.
 *
 * Units: closes in any one currency per asset (USD, or USDT taken at its peg); dates are UTC days
 * `YYYY-MM-DD`. Throws a RangeError naming the asset and day for a close that is not a positive
 * finite number, days out of order, or fewer returns than the seed needs.
 */
export interface DailyClose {
  /** UTC day, `YYYY-MM-DD`. */
  readonly date: string;
  readonly close: number;
}

export interface EwmaMarketFigures {
  /** Assets in sorted order (the order of the correlation keys). */
  readonly assets: readonly string[];
  readonly annualVols: Readonly<Record<string, number>>;
  /** Keyed `A/B` with A before B in `assets`. */
  readonly correlations: Readonly<Record<string, number>>;
  /** The days the correlations are estimated on; null with fewer than two assets. */
  readonly correlationWindow: {
    readonly from: string;
    readonly to: string;
    readonly days: number;
  } | null;
  /** The last day of each asset's history (the day its vol is "as of"). */
  readonly lastDates: Readonly<Record<string, string>>;
}

export interface ForecastOptions {
  /** The decays; the embedded market's fitted `volForecast` by default. */
  readonly forecast?: VolForecast;
  /** Returns averaged into the EWMA seed; 30 by default. */
  readonly seedDays?: number;
}

export function ewmaCovarianceFromCloses(
  series: Readonly<Record<string, readonly DailyClose[]>>,
  options: ForecastOptions = {},
): EwmaMarketFigures {
  const forecast = options.forecast ?? DEFAULT_MARKET.volForecast;
  const assets = Object.keys(series).sort();
  if (assets.length === 0) throw new RangeError('ewmaCovarianceFromCloses: no assets given');
  const seedDays = options.seedDays ?? EWMA_SEED_DAYS;
  const returns = new Map(
    assets.map((asset) => [asset, datedLogReturns(asset, series[asset] ?? [], seedDays)]),
  );

  const annualVols: Record<string, number> = {};
  const lastDates: Record<string, string> = {};
  for (const asset of assets) {
    const own = returns.get(asset) as Map<string, number>;
    const covariance = ewmaCovariance(
      [...own.values()].map((r) => [r]),
      { lambda: forecast.volLambda, seedDays },
    );
    annualVols[asset] = volsAndCorrelations(covariance, 1, [asset]).annualVols[0] as number;
    lastDates[asset] = [...own.keys()].at(-1) as string;
  }

  const correlations: Record<string, number> = {};
  if (assets.length < 2)
    return { assets, annualVols, correlations, correlationWindow: null, lastDates };
  const first = returns.get(assets[0] as string) as Map<string, number>;
  const commonDates = [...first.keys()].filter((date) =>
    assets.every((asset) => returns.get(asset)?.has(date)),
  );
  if (commonDates.length < seedDays)
    throw new RangeError(
      `ewmaCovarianceFromCloses: ${assets.join(', ')} have ${commonDates.length} days of returns in common, fewer than the ${seedDays} the EWMA seed needs`,
    );
  const rows = commonDates.map((date) =>
    assets.map((asset) => returns.get(asset)?.get(date) as number),
  );
  const size = assets.length;
  const { correlationMatrix } = volsAndCorrelations(
    ewmaCovariance(rows, { lambda: forecast.correlationLambda, seedDays }),
    size,
    assets,
  );
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++)
      correlations[`${assets[i]}/${assets[j]}`] = correlationMatrix[i * size + j] as number;
  }
  return {
    assets,
    annualVols,
    correlations,
    correlationWindow: {
      from: commonDates[0] as string,
      to: commonDates.at(-1) as string,
      days: commonDates.length,
    },
    lastDates,
  };
}

/** Daily log-returns by the later day, after checking each close and the order of the days. */
function datedLogReturns(
  asset: string,
  closes: readonly DailyClose[],
  seedDays: number,
): Map<string, number> {
  const returns = new Map<string, number>();
  for (const [index, { date, close }] of closes.entries()) {
    if (!(Number.isFinite(close) && close > 0))
      throw new RangeError(`${asset} close on ${date}: ${close} is not a positive finite price`);
    if (index === 0) continue;
    const previous = closes[index - 1] as DailyClose;
    if (!(date > previous.date))
      throw new RangeError(
        `${asset} closes: ${date} follows ${previous.date}; days must be in increasing order`,
      );
    returns.set(date, Math.log(close / previous.close));
  }
  if (returns.size < seedDays)
    throw new RangeError(
      `${asset}: ${returns.size} daily returns are fewer than the ${seedDays} the EWMA seed needs`,
    );
  return returns;
}
