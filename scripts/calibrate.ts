/**
 * Calibrates the embedded default market snapshot from the daily history in
 * ../shared/data/market/ and writes the derived figures (never the raw history) to
 * lib/engine/market/default-market.json.
 *
 * - EWMA volatility per asset (RiskMetrics, λ = 0.94, seeded with the mean square of the first
 *   30 returns), annualised over 365 days (methodology §6.3), and the EWMA correlation matrix
 *   over the window where every asset trades (positive semi-definite by construction, since it
 *   is one EWMA covariance of a common return vector): lib/engine/market/ewma-covariance*.ts,
 *   the same code that turns live daily candles into market figures.
 * - Student-t tail index ν fitted by maximum likelihood to the EWMA-devolatilised returns of
 *   all assets pooled (unit-variance t; grid over ν ∈ [2.2, 30]).
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
  RISKMETRICS_DAILY_LAMBDA as LAMBDA,
  ewmaSeed,
  ewmaStep,
} from '../lib/engine/market/ewma-covariance';
import { ewmaCovarianceFromCloses } from '../lib/engine/market/ewma-covariance-from-closes';
import { logGamma } from '../lib/engine/math/log-gamma';
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

// EWMA vols (each asset's full history) and correlations (the common window).
const figures = ewmaCovarianceFromCloses(
  Object.fromEntries(
    assets.map((asset) => {
      const data = series[asset] as Series;
      return [asset, data.dates.map((date, index) => ({ date, close: data.closes[index] ?? 0 }))];
    }),
  ),
);
const annualVols = Object.fromEntries(
  assets.map((asset) => [asset, round(figures.annualVols[asset] ?? 0, 6)]),
);
const correlations = Object.fromEntries(
  Object.entries(figures.correlations).map(([pair, value]) => [pair, round(value, 6)]),
);

// Devolatilised residuals z_t = r_t/σ_t with σ_t the EWMA vol known before day t (the same
// seeded recursion as the vols above).
const residuals: number[] = [];
const residualByDate: Record<string, Map<string, number>> = {};
for (const asset of assets) {
  const entries = [...(returns[asset] as Map<string, number>).entries()];
  const byDate = new Map<string, number>();
  const variance = ewmaSeed(entries.map(([, r]) => [r]));
  for (const [index, [date, r]] of entries.entries()) {
    const z = r / Math.sqrt(variance[0] ?? 0);
    if (index >= EWMA_SEED_DAYS) {
      byDate.set(date, z);
      if (asset !== 'USDT' && asset !== 'USDC') residuals.push(z);
    }
    ewmaStep(variance, [r], LAMBDA);
  }
  residualByDate[asset] = byDate;
}
const commonDates = [...(returns.BTC as Map<string, number>).keys()].filter((date) =>
  assets.every((asset) => returns[asset]?.has(date)),
);

// Student-t ν by maximum likelihood on pooled residuals (unit-variance parameterisation).
function studentLogLikelihood(nu: number): number {
  const constant = logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(Math.PI * (nu - 2));
  let sum = 0;
  for (const z of residuals) sum += constant - ((nu + 1) / 2) * Math.log(1 + (z * z) / (nu - 2));
  return sum;
}
let bestNu = 30;
let bestLikelihood = Number.NEGATIVE_INFINITY;
for (let nu = 2.2; nu <= 30.0001; nu += 0.1) {
  const likelihood = studentLogLikelihood(nu);
  if (likelihood > bestLikelihood) {
    bestLikelihood = likelihood;
    bestNu = nu;
  }
}

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
    vol: `EWMA lambda ${LAMBDA}, annualised over ${DAYS_PER_YEAR} days`,
    correlation: `EWMA lambda ${LAMBDA} over the ${commonDates.length} days from ${commonDates[0]} on which every asset trades`,
    tail: `Student-t nu by maximum likelihood on ${residuals.length} pooled EWMA-devolatilised daily returns (stablecoins excluded)`,
    stressDays:
      'the 12 largest absolute BTC daily log-returns since 2017-11-10, each asset\u2019s log-return that day',
  },
  assets,
  prices,
  annualVols,
  correlations,
  studentTNu: round(bestNu, 1),
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
  description: `EWMA (lambda ${LAMBDA}) devolatilised daily log-returns z = r/sigma for filtered historical simulation, the last ${residualDates.length} days on which every asset trades; derived by npm run calibrate.`,
  assets,
  dates: residualDates,
  residuals: residualDates.map((date) =>
    assets.map((asset) => round(residualByDate[asset]?.get(date) ?? 0, 3)),
  ),
};
writeFileSync(residualFile, `${JSON.stringify(residualHistory)}\n`);
console.log(
  `wrote ${path.relative(process.cwd(), outFile)}: ${assets.length} assets, asOf ${output.asOf}, nu ${output.studentTNu}, BTC vol ${annualVols.BTC}, BTC/ETH corr ${correlations['BTC/ETH']}`,
);

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
function significant(value: number, digits: number): number {
  return Number(value.toPrecision(digits));
}
