/**
 * Calibrates the embedded default market snapshot from the daily history in
 * ../shared/data/market/ and writes the derived figures (never the raw history) to
 * lib/engine/market/default-market.json.
 *
 * - The forecast's decays (lib/engine/market/vol-forecast.ts): the vol decay λ_v and the
 *   correlation decay λ_c, fitted by maximum likelihood (Student-t days, pooled over the
 *   non-stablecoin assets and their pairs; scripts/support/ewma-decay-fit.ts) on the days before
 *   2021 only, so that the VaR/ES backtest's days from 2021 are out of sample.
 * - EWMA volatility per asset (λ_v, seeded with the mean square of the first 30 returns),
 *   annualised over 365 days, and the EWMA correlation matrix (λ_c) over the window where every
 *   asset trades (positive semi-definite by construction, since it is one EWMA covariance of a
 *   common return vector): lib/engine/market/ewma-covariance*.ts, the same code that turns live
 *   daily candles into market figures.
 * - The tail of a day's moves: Student-t index ν and vol scale s (lib/engine/risk/
 *   day-variance-mixture.ts) fitted to how often each day's low and high reached k EWMA σ from
 *   the prior close, k = 1 … 8, all non-stablecoin assets pooled (scripts/support/tail-fit.ts).
 * - Dated historical stress days: the 12 days with the largest absolute BTC log-return since
 *   ETH trades, with every asset's log-return that day (null where an asset did not trade).
 * - Median daily USD volume of the last 30 days per asset (for liquidity add-ons).
 * - The last 1000 days of devolatilised residuals z = r/σ (3 decimals) for filtered historical
 *   simulation, in residual-history.json.
 *
 * Usage: npm run calibrate [-- path/to/market-dir]
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  DAYS_PER_YEAR,
  EWMA_SEED_DAYS,
  ewmaSeed,
  ewmaStep,
} from '../lib/engine/market/ewma-covariance';
import { ewmaCovarianceFromCloses } from '../lib/engine/market/ewma-covariance-from-closes';
import type { VolForecast } from '../lib/engine/market/vol-forecast';
import { dailyAssets, daysInForecastSigma } from './support/daily-extremes';
import { DECAY_FIT_BEFORE, fitCorrelationDecay, fitVolDecay } from './support/ewma-decay-fit';
import { fitTail } from './support/tail-fit';
const dataDir = path.resolve(
  process.argv[2] ?? path.join(import.meta.dirname, '..', '..', 'shared', 'data', 'market'),
);
const outFile = path.join(
  import.meta.dirname,
  '..',
  'lib',
  'engine',
  'market',
  'default-market.json',
);
const residualFile = path.join(
  import.meta.dirname,
  '..',
  'lib',
  'engine',
  'market',
  'residual-history.json',
);
const RESIDUAL_DAYS = 1000;

interface Series {
  dates: string[];
  closes: number[];
  volumes: number[];
}

function readSeries(file: string): Series {
  const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  const series: Series = { dates: [], closes: [], volumes: [] };
  for (const [index, line] of lines.entries()) {
    const [date, close, , , , volume] = line.split(',');
    const closeValue = Number(close);
    if (!date || !Number.isFinite(closeValue) || closeValue <= 0) {
      throw new Error(
        `${file} line ${index + 2}: close ${JSON.stringify(close)} is not a positive number`,
      );
    }
    series.dates.push(date);
    series.closes.push(closeValue);
    series.volumes.push(Number(volume));
  }
  return series;
}

const assets = readdirSync(dataDir)
  .filter((name) => name.endsWith('-1d.csv'))
  .map((name) => name.replace('-1d.csv', ''))
  .sort();
const series = Object.fromEntries(
  assets.map((asset) => [asset, readSeries(path.join(dataDir, `${asset}-1d.csv`))]),
);

function logReturnsByDate(data: Series): Map<string, number> {
  const returns = new Map<string, number>();
  for (let index = 1; index < data.dates.length; index++) {
    returns.set(
      data.dates[index] as string,
      Math.log((data.closes[index] as number) / (data.closes[index - 1] as number)),
    );
  }
  return returns;
}
const returns = Object.fromEntries(
  assets.map((asset) => [asset, logReturnsByDate(series[asset] as Series)]),
);

// The forecast's decays, by maximum likelihood on the days before DECAY_FIT_BEFORE.
const tailAssets = dailyAssets(dataDir);
const earlyReturns = (asset: string) =>
  [...(returns[asset] as Map<string, number>).entries()].filter(
    ([date]) => date < DECAY_FIT_BEFORE,
  );
const volFit = fitVolDecay(
  tailAssets
    .map((asset) => earlyReturns(asset).map(([, r]) => r))
    .filter((series) => series.length > EWMA_SEED_DAYS),
);
const pairRows = tailAssets.flatMap((first, index) =>
  tailAssets.slice(index + 1).map((second) =>
    earlyReturns(first)
      .filter(([date]) => returns[second]?.has(date))
      .map(([date, r]) => [r, returns[second]?.get(date) as number] as [number, number]),
  ),
);
const correlationFit = fitCorrelationDecay(
  pairRows.filter((rows) => rows.length > EWMA_SEED_DAYS),
  volFit,
);
const forecast: VolForecast = {
  volLambda: volFit.volLambda,
  correlationLambda: correlationFit.correlationLambda,
};

// EWMA vols (each asset's full history) and correlations (the common window).
const figures = ewmaCovarianceFromCloses(
  Object.fromEntries(
    assets.map((asset) => {
      const data = series[asset] as Series;
      return [asset, data.dates.map((date, index) => ({ date, close: data.closes[index] ?? 0 }))];
    }),
  ),
  { forecast },
);
const annualVols = Object.fromEntries(
  assets.map((asset) => [asset, round(figures.annualVols[asset] ?? 0, 6)]),
);
const correlations = Object.fromEntries(
  Object.entries(figures.correlations).map(([pair, value]) => [pair, round(value, 6)]),
);

// Devolatilised residuals z_t = r_t/σ_t with σ_t the EWMA (λ_v) vol known before day t (the same
// seeded recursion as the vols above).
const residualByDate: Record<string, Map<string, number>> = {};
for (const asset of assets) {
  const entries = [...(returns[asset] as Map<string, number>).entries()];
  const byDate = new Map<string, number>();
  const variance = ewmaSeed(entries.map(([, r]) => [r]));
  for (const [index, [date, r]] of entries.entries()) {
    const z = r / Math.sqrt(variance[0] ?? 0);
    if (index >= EWMA_SEED_DAYS) byDate.set(date, z);
    ewmaStep(variance, [r], forecast.volLambda);
  }
  residualByDate[asset] = byDate;
}
const commonDates = [...(returns.BTC as Map<string, number>).keys()].filter((date) =>
  assets.every((asset) => returns[asset]?.has(date)),
);

// The tail of the day's moves (ν, s): fitted to how often the days' lows and highs reached k
// forecast σ from the prior close (scripts/support/tail-fit.ts), every non-stablecoin asset pooled.
const tail = fitTail(
  tailAssets.flatMap((asset) => daysInForecastSigma(dataDir, asset, forecast.volLambda)),
);

// Dated stress days: the largest absolute BTC moves since ETH trades.
const btcReturns = returns.BTC as Map<string, number>;
const stressDays = [...btcReturns.entries()]
  .filter(([date]) => returns.ETH?.has(date))
  .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
  .slice(0, 12)
  .sort((a, b) => a[0].localeCompare(b[0]))
  .map(([date]) => ({
    date,
    logReturns: Object.fromEntries(
      assets.map((asset) => [
        asset,
        returns[asset]?.has(date) ? round(returns[asset]?.get(date) ?? 0, 6) : null,
      ]),
    ),
  }));

const prices = Object.fromEntries(
  assets.map((asset) => [asset, significant((series[asset] as Series).closes.at(-1) ?? 0, 8)]),
);
const dailyVolumeUsd = Object.fromEntries(
  assets.map((asset) => {
    const recent = (series[asset] as Series).volumes.slice(-30).sort((a, b) => a - b);
    return [asset, Math.round(recent[Math.floor(recent.length / 2)] ?? 0)];
  }),
);

const output = {
  description:
    'Embedded default market snapshot, derived by `npm run calibrate` from the daily close history in shared/data/market (Yahoo Finance series via budydeveloper/crypto-dataset, commit 7791d62).',
  asOf: (series.BTC as Series).dates.at(-1),
  method: {
    volForecast: `EWMA decays fitted by maximum likelihood (Student-t days) on the days before ${DECAY_FIT_BEFORE}: lambda_v over ${volFit.observations} asset-days of every non-stablecoin asset (nuisance nu ${round(volFit.nu, 2)}, scale ${round(volFit.scale, 3)}), lambda_c over ${correlationFit.observations} pair-days of ${pairRows.filter((rows) => rows.length > EWMA_SEED_DAYS).length} pairs`,
    vol: `EWMA lambda ${forecast.volLambda}, annualised over ${DAYS_PER_YEAR} days`,
    correlation: `EWMA lambda ${forecast.correlationLambda} over the ${commonDates.length} days from ${commonDates[0]} on which every asset trades`,
    tail: `a day's log-return is s·sigma·T_nu (T_nu a unit-variance Student-t, sigma the EWMA forecast), nu and s fitted by least squares on the log ratio of the predicted and realised shares of days whose low or high reached k sigma from the prior close, k = 1..8, over ${tail.days} asset-days of every non-stablecoin asset`,
    stressDays:
      'the 12 largest absolute BTC daily log-returns since 2017-11-10, each asset\u2019s log-return that day',
  },
  assets,
  prices,
  annualVols,
  correlations,
  volForecast: forecast,
  studentTNu: tail.nu,
  forecastVolScale: tail.volScale,
  dailyVolumeUsd,
  stressDays,
};
writeFileSync(outFile, `${JSON.stringify(output, null, 2)}\n`);

// Residual history for filtered historical simulation: the last RESIDUAL_DAYS days on which every
// asset has a residual, z-scores rounded to 3 decimals.
const residualDates = commonDates
  .filter((date) => assets.every((asset) => residualByDate[asset]?.has(date)))
  .slice(-RESIDUAL_DAYS);
const residualHistory = {
  description: `EWMA (lambda ${forecast.volLambda}) devolatilised daily log-returns z = r/sigma for filtered historical simulation, the last ${residualDates.length} days on which every asset trades; derived by npm run calibrate.`,
  assets,
  dates: residualDates,
  residuals: residualDates.map((date) =>
    assets.map((asset) => round(residualByDate[asset]?.get(date) ?? 0, 3)),
  ),
};
writeFileSync(residualFile, `${JSON.stringify(residualHistory)}\n`);
console.log(
  `wrote ${path.relative(process.cwd(), outFile)}: ${assets.length} assets, asOf ${output.asOf}, vol decay ${forecast.volLambda} (profile ${volFit.profile.map((value) => value.toFixed(1)).join(' ')}), correlation decay ${forecast.correlationLambda} (profile ${correlationFit.profile.map((value) => value.toFixed(1)).join(' ')}), nu ${output.studentTNu}, vol scale ${output.forecastVolScale}, BTC vol ${annualVols.BTC}, BTC/ETH corr ${correlations['BTC/ETH']}`,
);

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
function significant(value: number, digits: number): number {
  return Number(value.toPrecision(digits));
}
