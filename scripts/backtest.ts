/**
 * `npm run backtest [-- path/to/market-dir]`: a rolling one-day 99% VaR backtest on real daily
 * history (../shared/data/market), 2018-01-01 to the end of the data, for two BTC/ETH books:
 * long $1M BTC + long $1M ETH, and long $1M BTC + short $1M ETH.
 *
 * Each day t, the model sees only returns up to t−1: EWMA (λ = 0.94, seeded with the first 30
 * days; lib/engine/market/ewma-covariance.ts) vols and correlation, then
 *   - Monte Carlo Student-t (ν = 4, the calibrated tail index) with 10,000 scenarios (the engine),
 *   - Monte Carlo normal, 10,000 scenarios (the engine),
 *   - filtered historical simulation over every earlier day's devolatilised returns,
 * and the day's realised P&L, revalued in full, is compared with the VaR. Exceptions are counted
 * and tested with Kupiec's proportion-of-failures test. Writes docs/var-backtest.json.
 * (ν = 4 is fitted on the whole history, a mild look-ahead stated here.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  EWMA_SEED_DAYS,
  RISKMETRICS_DAILY_LAMBDA as LAMBDA,
  ewmaSeed,
  ewmaStep,
  volsAndCorrelations,
} from '../lib/engine/market/ewma-covariance';
import { createRng } from '../lib/engine/math/rng';
import { expectedShortfall } from '../lib/engine/risk/expected-shortfall';
import { kupiecTest, type KupiecResult } from '../lib/engine/risk/kupiec-test';
import { monteCarloLogReturns } from '../lib/engine/risk/monte-carlo-log-returns';
import { scenarioPnlMatrix } from '../lib/engine/risk/scenario-pnl-matrix';

const CONFIDENCE = 0.99;
const SCENARIOS = 10_000;
const START = '2018-01-01';
const dataDir = path.resolve(
  process.argv[2] ?? path.join(import.meta.dirname, '..', '..', 'shared', 'data', 'market'),
);

function closes(asset: string): Map<string, number> {
  const rows = readFileSync(path.join(dataDir, `${asset}-1d.csv`), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  return new Map(
    rows.map((row) => row.split(',')).map(([date, close]) => [date ?? '', Number(close)]),
  );
}
const btc = closes('BTC');
const eth = closes('ETH');
const dates = [...btc.keys()].filter((date) => eth.has(date));
const returns = dates.slice(1).map((date, index) => {
  const previous = dates[index] ?? '';
  return {
    date,
    r: [
      Math.log((btc.get(date) ?? 0) / (btc.get(previous) ?? 1)),
      Math.log((eth.get(date) ?? 0) / (eth.get(previous) ?? 1)),
    ] as const,
  };
});

const books = [
  { name: 'long $1M BTC + long $1M ETH', weights: [1_000_000, 1_000_000] },
  { name: 'long $1M BTC + short $1M ETH', weights: [1_000_000, -1_000_000] },
] as const;
const methods = ['montecarlo-student-t', 'montecarlo-normal', 'filtered-historical'] as const;
const exceptions: Record<string, number> = {};
let observations = 0;

// EWMA covariance (row-major 2×2: BTC, ETH), seeded with the first 30 days.
const covariance = ewmaSeed(returns.map((day) => day.r));
const residuals: [number, number][] = [];
const rng = createRng(2018);
for (const [index, day] of returns.entries()) {
  const varBtc = covariance[0] ?? 0;
  const varEth = covariance[3] ?? 0;
  if (index >= EWMA_SEED_DAYS && day.date >= START) {
    observations++;
    const { annualVols, correlationMatrix } = volsAndCorrelations(covariance, 2, ['BTC', 'ETH']);
    const vols = [...annualVols];
    for (const book of books) {
      const exposures = book.weights.map((weight, asset) => ({
        kind: 'delta-one' as const,
        assetIndex: asset,
        quantity: weight,
        price: 1,
        usdPerSettle: 1,
      }));
      const realisedLoss = -book.weights.reduce(
        (sum, weight, asset) => sum + weight * Math.expm1(day.r[asset] ?? 0),
        0,
      );
      const sets = {
        'montecarlo-student-t': monteCarloLogReturns(
          {
            assets: ['BTC', 'ETH'],
            annualVols: vols,
            correlationMatrix,
            horizonHours: 24,
            scenarios: SCENARIOS,
            distribution: { type: 'student-t', nu: 4 },
          },
          rng,
        ),
        'montecarlo-normal': monteCarloLogReturns(
          {
            assets: ['BTC', 'ETH'],
            annualVols: vols,
            correlationMatrix,
            horizonHours: 24,
            scenarios: SCENARIOS,
            distribution: { type: 'normal' },
          },
          rng,
        ),
        'filtered-historical': Float64Array.from(
          residuals.flatMap(([zBtc, zEth]) => [zBtc * Math.sqrt(varBtc), zEth * Math.sqrt(varEth)]),
        ),
      };
      for (const method of methods) {
        const logReturns = sets[method];
        const count = logReturns.length / 2;
        const valueAtRisk = expectedShortfall(
          scenarioPnlMatrix({ assetCount: 2, count, logReturns }, exposures, 1 / 365),
          2,
          CONFIDENCE,
        ).valueAtRisk;
        const key = `${book.name}|${method}`;
        if (realisedLoss > valueAtRisk) exceptions[key] = (exceptions[key] ?? 0) + 1;
      }
    }
  }
  if (index >= EWMA_SEED_DAYS)
    residuals.push([day.r[0] / Math.sqrt(varBtc), day.r[1] / Math.sqrt(varEth)]);
  ewmaStep(covariance, day.r, LAMBDA);
}

const results: (KupiecResult & { book: string; method: string })[] = [];
for (const book of books)
  for (const method of methods)
    results.push({
      book: book.name,
      method,
      ...kupiecTest(exceptions[`${book.name}|${method}`] ?? 0, observations, 1 - CONFIDENCE),
    });

console.log(
  `Rolling 1-day 99% VaR backtest, ${START} to ${returns.at(-1)?.date}, ${observations} days (expected ${(observations * (1 - CONFIDENCE)).toFixed(1)} exceptions)\n`,
);
for (const result of results) {
  console.log(
    `${result.book.padEnd(30)} ${result.method.padEnd(22)} exceptions ${String(result.exceptions).padStart(3)}  rate ${((result.exceptions / observations) * 100).toFixed(2)}%  Kupiec LR ${result.likelihoodRatio.toFixed(2)}  p ${result.pValue.toFixed(3)}  ${result.rejectedAt5Percent ? 'REJECTED at 5%' : 'not rejected'}`,
  );
}
const outFile = path.join(import.meta.dirname, '..', 'docs', 'var-backtest.json');
writeFileSync(
  outFile,
  `${JSON.stringify({ description: 'npm run backtest: rolling 1-day 99% VaR, EWMA lambda 0.94, Kupiec POF test', from: START, to: returns.at(-1)?.date, observations, scenarios: SCENARIOS, results }, null, 2)}\n`,
);
console.log(`\nwrote ${path.relative(process.cwd(), outFile)}`);
