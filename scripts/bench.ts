/**
 * `npm run bench`: the engine's speed and memory on the reference book (100 positions, 6
 * accounts, 8 assets, 40 options), as medians over repeated runs on one core, with ratios to the
 * targets of issue 3 and to a plain baseline. Figures, never pass/fail: nothing here is a test.
 */
import { calculateRiskReport, DEFAULT_MARKET, parsePortfolio } from '../lib/engine';
import { stressGrid, worstStressLoss } from '../lib/engine/market/stress-grid';
import { createRng } from '../lib/engine/math/rng';
import { expectedShortfall } from '../lib/engine/risk/expected-shortfall';
import type { Exposure } from '../lib/engine/risk/exposure';
import { incrementalExpectedShortfall } from '../lib/engine/risk/incremental-es';
import { HOURS_PER_YEAR, monteCarloLogReturns } from '../lib/engine/risk/monte-carlo-log-returns';
import { scenarioPnlMatrix } from '../lib/engine/risk/scenario-pnl-matrix';
import { plainExpectedShortfall, plainScenarios } from './bench/plain-expected-shortfall';
import { ASSETS, referenceExposures, referencePortfolioFile } from './bench/reference-portfolio';

const SCENARIOS = 20_000;
const HORIZON_HOURS = 24;
const exposures = referenceExposures();
const assets = [...ASSETS];
const annualVols = assets.map((asset) => DEFAULT_MARKET.annualVols[asset] ?? 0.6);
const correlation = new Float64Array(assets.length * assets.length);
assets.forEach((a, i) =>
  assets.forEach((b, j) => {
    correlation[i * assets.length + j] =
      i === j
        ? 1
        : (DEFAULT_MARKET.correlations[`${a}/${b}`] ??
          DEFAULT_MARKET.correlations[`${b}/${a}`] ??
          0);
  }),
);
const spec = (scenarios: number) => ({
  assets,
  annualVols,
  correlationMatrix: correlation,
  horizonHours: HORIZON_HOURS,
  scenarios,
  distribution: { type: 'student-t' as const, nu: DEFAULT_MARKET.studentTNu },
});

function median(runs: number, work: () => void): number {
  for (let i = 0; i < 3; i++) work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

function esEulerAndStress(book: readonly Exposure[], scenarios: number): void {
  const returns = monteCarloLogReturns(spec(scenarios), createRng(1));
  const pnl = scenarioPnlMatrix(
    { assetCount: assets.length, count: scenarios, logReturns: returns },
    book,
    HORIZON_HOURS / HOURS_PER_YEAR,
  );
  expectedShortfall(pnl, book.length, 0.99);
  const grid = stressGrid(assets, annualVols, HORIZON_HOURS, DEFAULT_MARKET.stressDays, 0.02);
  worstStressLoss(grid, scenarioPnlMatrix(grid, book, HORIZON_HOURS / HOURS_PER_YEAR), book.length);
}

const rows: [string, string, string][] = [];
const esMs = median(15, () => esEulerAndStress(exposures, SCENARIOS));
rows.push([
  'ES + Euler + stress grid, 100 positions (40 options), 20,000 scenarios',
  `${esMs.toFixed(1)} ms`,
  `target 25 ms: ${(esMs / 25).toFixed(2)}× of target`,
]);

const linearOnly = exposures.filter((exposure) => exposure.kind === 'delta-one');
const linearMs = median(15, () => esEulerAndStress(linearOnly, SCENARIOS));
rows.push(['  of which without the 40 options (60 delta-one)', `${linearMs.toFixed(1)} ms`, '']);

const file = parsePortfolio(referencePortfolioFile());
const reportMs = median(9, () => calculateRiskReport(file));
rows.push([
  'Full report, 60 linear positions in 6 accounts, incl. liquidation paths (4,000 × 24 h)',
  `${reportMs.toFixed(1)} ms`,
  `target 50 ms: ${(reportMs / 50).toFixed(2)}× of target`,
]);

const returns = monteCarloLogReturns(spec(SCENARIOS), createRng(1));
const scenarioSet = { assetCount: assets.length, count: SCENARIOS, logReturns: returns };
const base = expectedShortfall(
  scenarioPnlMatrix(scenarioSet, exposures, HORIZON_HOURS / HOURS_PER_YEAR),
  exposures.length,
  0.99,
);
const candidate: Exposure = {
  kind: 'delta-one',
  assetIndex: assets.indexOf('BTC'),
  quantity: 0.5,
  price: DEFAULT_MARKET.prices.BTC ?? 95_000,
  usdPerSettle: 1,
};
const incrementalMs = median(51, () =>
  incrementalExpectedShortfall(
    base.losses,
    base.tailIndices,
    scenarioPnlMatrix(scenarioSet, [candidate], HORIZON_HOURS / HOURS_PER_YEAR),
    0.99,
  ),
);
rows.push([
  'Incremental ES of one candidate trade (reuses scenario P&L)',
  `${incrementalMs.toFixed(2)} ms`,
  `target 1 ms: ${incrementalMs.toFixed(2)}× of target`,
]);

const BASELINE_SCENARIOS = 2_000;
const plainInput = plainScenarios(
  monteCarloLogReturns(spec(BASELINE_SCENARIOS), createRng(1)),
  assets.length,
);
const plainMs = median(3, () =>
  plainExpectedShortfall(exposures, plainInput, 0.99, HORIZON_HOURS / HOURS_PER_YEAR),
);
const oursSmallMs = median(15, () => {
  const small = monteCarloLogReturns(spec(BASELINE_SCENARIOS), createRng(1));
  expectedShortfall(
    scenarioPnlMatrix(
      { assetCount: assets.length, count: BASELINE_SCENARIOS, logReturns: small },
      exposures,
      HORIZON_HOURS / HOURS_PER_YEAR,
    ),
    exposures.length,
    0.99,
  );
});
rows.push([
  `Plain baseline (objects, decimal.js, full sort), ES + Euler at ${BASELINE_SCENARIOS.toLocaleString('en-US')} scenarios`,
  `${plainMs.toFixed(1)} ms`,
  `engine at the same size: ${oursSmallMs.toFixed(1)} ms, ${(plainMs / oursSmallMs).toFixed(0)}× faster`,
]);

const plainCheck = plainExpectedShortfall(
  exposures,
  plainInput,
  0.99,
  HORIZON_HOURS / HOURS_PER_YEAR,
).es;
const oursCheck = expectedShortfall(
  scenarioPnlMatrix(
    {
      assetCount: assets.length,
      count: BASELINE_SCENARIOS,
      logReturns: monteCarloLogReturns(spec(BASELINE_SCENARIOS), createRng(1)),
    },
    exposures,
    HORIZON_HOURS / HOURS_PER_YEAR,
  ),
  exposures.length,
  0.99,
).expectedShortfall;

// The option grid's error, measured against full Black-76 repricing on the reference book.
const gridPnl = scenarioPnlMatrix(scenarioSet, exposures, HORIZON_HOURS / HOURS_PER_YEAR);
const fullPnl = scenarioPnlMatrix(
  { ...scenarioSet, volFactors: new Float64Array(SCENARIOS).fill(1) },
  exposures,
  HORIZON_HOURS / HOURS_PER_YEAR,
);
let gridError = 0;
for (let index = 0; index < gridPnl.length; index++)
  gridError = Math.max(gridError, Math.abs((gridPnl[index] ?? 0) - (fullPnl[index] ?? 0)));
const esGrid = expectedShortfall(gridPnl, exposures.length, 0.99).expectedShortfall;
const esFull = expectedShortfall(fullPnl, exposures.length, 0.99).expectedShortfall;
rows.push([
  'Option grid vs full repricing (40 options × 20,000 scenarios)',
  `${gridError.toExponential(1)} USD`,
  `largest cell error; ES ${esGrid.toFixed(2)} vs ${esFull.toFixed(2)} in full`,
]);

const heapBefore = process.memoryUsage().heapUsed;
calculateRiskReport(file);
esEulerAndStress(exposures, SCENARIOS);
const heapAfter = process.memoryUsage().heapUsed;
rows.push([
  'Peak resident memory of this process (all of the above)',
  `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  `heap growth over one full run: ${((heapAfter - heapBefore) / 1048576).toFixed(1)} MB`,
]);

const width = Math.max(...rows.map((row) => row[0].length));
console.log(`Margin Lens engine benchmark — Node ${process.version}, one thread, medians\n`);
for (const [name, figure, note] of rows)
  console.log(`${name.padEnd(width)}  ${figure.padStart(9)}  ${note}`);
console.log(
  `\nSanity: baseline ES ${plainCheck.toFixed(4)} vs engine ES ${oursCheck.toFixed(4)} on the same ${BASELINE_SCENARIOS} scenarios.`,
);
