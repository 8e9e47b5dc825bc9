/**
 * `npm run bench`: the engine's speed and memory on two books — the reference book (100
 * positions, 6 accounts, 8 assets, 40 options) and a large one (300 positions, 20 accounts, 100
 * options) — as medians over repeated runs on one thread, with ratios to the targets of issue 3,
 * to 10× the scenarios, to a plain baseline and to a vectorised numpy implementation of the same
 * ES and Euler contributions (scripts/bench/numpy_es_euler.py, run when python3 with numpy is
 * present). Figures, never pass/fail: nothing here is a test.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Decimal from 'decimal.js';
import {
  calculateRiskReport,
  DEFAULT_MARKET,
  evaluateRisk,
  parsePortfolio,
  resolveInputs,
  tradeImpact,
  type CandidateOrder,
} from '../lib/engine';
import { stressGrid, worstStressLoss } from '../lib/engine/market/stress-grid';
import { createRng } from '../lib/engine/math/rng';
import {
  expectedShortfall,
  type ExpectedShortfallResult,
} from '../lib/engine/risk/expected-shortfall';
import type { Exposure } from '../lib/engine/risk/exposure';
import { incrementalExpectedShortfall } from '../lib/engine/risk/incremental-es';
import { HOURS_PER_YEAR, monteCarloLogReturns } from '../lib/engine/risk/monte-carlo-log-returns';
import { scenarioExpectedShortfall } from '../lib/engine/risk/scenario-expected-shortfall';
import { scenarioPnlMatrix, type ScenarioSet } from '../lib/engine/risk/scenario-pnl-matrix';
import { largeExposures, largePortfolioFile } from './bench/large-portfolio';
import { plainExpectedShortfall, plainScenarios } from './bench/plain-expected-shortfall';
import { ASSETS, referenceExposures, referencePortfolioFile } from './bench/reference-portfolio';

const NUMPY_SCRIPT = fileURLToPath(new URL('bench/numpy_es_euler.py', import.meta.url));
const SCENARIOS = 20_000;
const MANY_SCENARIOS = 200_000;
const HORIZON_HOURS = 24;
const HORIZON_YEARS = HORIZON_HOURS / HOURS_PER_YEAR;
const CONFIDENCE = 0.99;
const NU = DEFAULT_MARKET.studentTNu;
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
  distribution: { type: 'student-t' as const, nu: NU },
});
const scenarioSet = (count: number, seed = 1): ScenarioSet => ({
  assetCount: assets.length,
  count,
  logReturns: monteCarloLogReturns(spec(count), createRng(seed)),
});

interface Book {
  readonly name: string;
  readonly exposures: Exposure[];
}
const reference: Book = { name: 'reference book', exposures: referenceExposures() };
const large: Book = { name: 'large book', exposures: largeExposures() };

/** Median wall time in ms of `runs` runs after 3 warm-ups. */
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

/** ES + Euler: scenarios drawn, every position revalued, the 99% tail, the contributions. */
function esEuler(book: readonly Exposure[], scenarios: number, seed = 1): ExpectedShortfallResult {
  const [result] = scenarioExpectedShortfall(scenarioSet(scenarios, seed), book, HORIZON_YEARS, [
    CONFIDENCE,
  ]);
  if (!result) throw new Error('no ES result');
  return result;
}

function stress(book: readonly Exposure[]): void {
  const grid = stressGrid(assets, annualVols, HORIZON_HOURS, DEFAULT_MARKET.stressDays, 3, 0.02);
  worstStressLoss(grid, scenarioPnlMatrix(grid, book, HORIZON_YEARS), book.length);
}

/** The same through the materialised scenario × position matrix, as measure/scenario-measures.ts calls it. */
function esEulerThroughMatrix(book: readonly Exposure[], scenarios: number): void {
  const pnl = scenarioPnlMatrix(scenarioSet(scenarios), book, HORIZON_YEARS);
  expectedShortfall(pnl, book.length, CONFIDENCE);
}

/**
 * Asymptotic standard error of the ES estimator (Yamai & Yoshiba 2002; the formula of
 * expected-shortfall.test.ts): Var ≈ [Var(L | tail) + α·(ES − VaR)²] / (N·(1 − α)).
 */
function shortfallStandardError(result: ExpectedShortfallResult): number {
  let variance = 0;
  for (const index of result.tailIndices)
    variance += ((result.losses[index] ?? 0) - result.expectedShortfall) ** 2;
  variance /= result.tailCount;
  return Math.sqrt(
    (variance + CONFIDENCE * (result.expectedShortfall - result.valueAtRisk) ** 2) /
      (result.scenarios * (1 - CONFIDENCE)),
  );
}

interface NumpyRun {
  readonly scenarios: number;
  readonly seconds: number;
  readonly es: number;
  readonly var: number;
  readonly standardError: number;
}

/** Whether python3 with numpy runs here, and if not, why. */
function numpyAvailable(): { available: boolean; note: string } {
  const probe = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  if (probe.status === 0) return { available: true, note: '' };
  const why = probe.error?.message ?? probe.stderr.trim().split('\n').pop();
  return {
    available: false,
    note: `python3 with numpy is not available (${why ?? 'python3 -c "import numpy" failed'})`,
  };
}

/**
 * scripts/bench/numpy_es_euler.py in --serve mode on one book: it warms up, then answers one
 * timed ES + Euler run per request, so its runs can alternate with the engine's.
 */
class NumpyServer {
  static info = '';

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly lines: AsyncIterator<string>,
    private readonly directory: string,
  ) {}

  static async start(exposures: readonly Exposure[]): Promise<NumpyServer> {
    const directory = mkdtempSync(join(tmpdir(), 'margin-lens-bench-'));
    const input = join(directory, 'book.json');
    writeFileSync(
      input,
      JSON.stringify({
        assets,
        annualVols,
        correlation: Array.from(correlation),
        horizonHours: HORIZON_HOURS,
        nu: NU,
        confidence: CONFIDENCE,
        seed: 1,
        scenarios: [SCENARIOS, MANY_SCENARIOS],
        runs: [1, 1],
        exposures,
      }),
    );
    const child = spawn('python3', [NUMPY_SCRIPT, input, '--serve']);
    child.stderr.pipe(process.stderr);
    const server = new NumpyServer(
      child,
      createInterface({ input: child.stdout })[Symbol.asyncIterator](),
      directory,
    );
    const ready = JSON.parse(await server.next()) as {
      numpy: string;
      python: string;
      chunk: number;
    };
    NumpyServer.info = `numpy ${ready.numpy} (Python ${ready.python}), chunks of ${ready.chunk} scenarios`;
    return server;
  }

  /** One timed run; with a seed, that seed, else the next one. */
  async run(scenarios: number, mode: 'grid' | 'full', seed?: number): Promise<NumpyRun> {
    this.child.stdin.write(`${scenarios} ${mode}${seed === undefined ? '' : ` ${seed}`}\n`);
    return JSON.parse(await this.next()) as NumpyRun;
  }

  close(): void {
    this.child.stdin.end();
    rmSync(this.directory, { recursive: true, force: true });
  }

  private async next(): Promise<string> {
    const line = await this.lines.next();
    if (line.done) throw new Error('scripts/bench/numpy_es_euler.py stopped (see its error above)');
    return line.value;
  }
}

/** Mean and its standard error (sample standard deviation/√n) of independent estimates. */
function meanAndError(values: readonly number[]): { mean: number; error: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance =
    values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(values.length - 1, 1);
  return { mean, error: Math.sqrt(variance / values.length) };
}

/** The median of a list of figures. */
function middle(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const rows: [string, string, string][] = [];
const section = (title: string) => rows.push([title, '', '']);
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const times = (value: number) => `${value.toFixed(2)}×`;

// 1. ES + Euler + stress grid, both books, 20k and 200k scenarios.
section(
  `ES + Euler (${CONFIDENCE * 100}%, ${HORIZON_HOURS} h, Student-t ν=${NU}) + stress grid, 8 assets`,
);
const esTimes = new Map<string, number>();
for (const book of [reference, large]) {
  const options = book.exposures.filter((exposure) => exposure.kind === 'option').length;
  for (const scenarios of [SCENARIOS, MANY_SCENARIOS]) {
    const value = median(scenarios === SCENARIOS ? 15 : 5, () => {
      esEuler(book.exposures, scenarios);
      stress(book.exposures);
    });
    esTimes.set(`${book.name} ${scenarios}`, value);
    const small = esTimes.get(`${book.name} ${SCENARIOS}`) ?? Number.NaN;
    const note =
      scenarios === MANY_SCENARIOS
        ? `${times(value / small)} the time at 10× the scenarios`
        : book === reference
          ? `target 20 ms: ${times(value / 20)} of target`
          : `${times(value / (esTimes.get(`${reference.name} ${SCENARIOS}`) ?? Number.NaN))} the reference book's time at 3× the positions`;
    rows.push([
      `  ${book.name}: ${book.exposures.length} positions (${options} options), ${scenarios.toLocaleString('en-US')} scenarios`,
      ms(value),
      note,
    ]);
  }
}
const linearOnly = reference.exposures.filter((exposure) => exposure.kind === 'delta-one');
rows.push([
  `  reference book without its 40 options (60 delta-one), ${SCENARIOS.toLocaleString('en-US')} scenarios`,
  ms(
    median(15, () => {
      esEuler(linearOnly, SCENARIOS);
      stress(linearOnly);
    }),
  ),
  '',
]);
const throughMatrix = median(15, () => {
  esEulerThroughMatrix(reference.exposures, SCENARIOS);
  stress(reference.exposures);
});
rows.push([
  `  reference book through the materialised N × P matrix (scenarioPnlMatrix + expectedShortfall)`,
  ms(throughMatrix),
  `${times(throughMatrix / (esTimes.get(`${reference.name} ${SCENARIOS}`) ?? Number.NaN))} scenarioExpectedShortfall's time`,
]);

// 2. Marginal cost per 20,000 scenarios, ours and numpy's, in alternating runs, and the
// agreement of their ES.
const MARGINAL =
  '(t(200,000) − t(20,000))/9 of ES + Euler alone (draws, revaluation, tail, contributions; the stress grid does not grow with N)';
section(`Marginal cost per 20,000 scenarios = ${MARGINAL}`);
const ROUNDS = 9;
const numpy = numpyAvailable();
const agreement: [string, string, string][] = [];
for (const book of [reference, large]) {
  const server = numpy.available ? await NumpyServer.start(book.exposures) : undefined;
  for (let i = 0; i < 3; i++) {
    esEuler(book.exposures, SCENARIOS);
    esEuler(book.exposures, MANY_SCENARIOS);
  }
  // Round by round: the engine and numpy at 20,000 then at 200,000, so that both see the same
  // state of the machine; the ratio is the median of the rounds' ratios.
  const ours: number[][] = [[], []];
  const oursEs: number[][] = [[], []];
  const theirs: NumpyRun[][] = [[], []];
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, scenarios] of [SCENARIOS, MANY_SCENARIOS].entries()) {
      // A seed per round: the timings are the same, the ES values independent estimates.
      const start = performance.now();
      const result = esEuler(book.exposures, scenarios, round + 1);
      ours[index]?.push(performance.now() - start);
      oursEs[index]?.push(result.expectedShortfall);
      if (server) theirs[index]?.push(await server.run(scenarios, 'grid'));
    }
    const [oursSmall, oursMany] = ours.map((times) => times[round] ?? Number.NaN);
    const [theirsSmall, theirsMany] = theirs.map(
      (runs) => (runs[round]?.seconds ?? Number.NaN) * 1000,
    );
    ratios.push(((oursMany ?? 0) - (oursSmall ?? 0)) / ((theirsMany ?? 0) - (theirsSmall ?? 0)));
  }
  const oursSmall = middle(ours[0] ?? []);
  const oursMany = middle(ours[1] ?? []);
  let note = `numpy not run: ${numpy.note}`;
  if (server) {
    const theirsSmall = middle((theirs[0] ?? []).map((run) => run.seconds * 1000));
    const theirsMany = middle((theirs[1] ?? []).map((run) => run.seconds * 1000));
    note = `numpy ${ms((theirsMany - theirsSmall) / 9)} (${ms(theirsSmall)} at 20,000, ${ms(theirsMany)} at 200,000): ours/numpy ${times(middle(ratios))} (median of ${ROUNDS} paired rounds), target ≤ 0.5×`;
    for (const [index, scenarios] of [SCENARIOS, MANY_SCENARIOS].entries()) {
      const a = meanAndError(oursEs[index] ?? []);
      const b = meanAndError((theirs[index] ?? []).map((run) => run.es));
      const z = (a.mean - b.mean) / Math.sqrt(a.error ** 2 + b.error ** 2);
      const first = theirs[index]?.[0];
      agreement.push([
        `  ${book.name}, ${scenarios.toLocaleString('en-US')} scenarios, mean of ${ROUNDS} seeds each`,
        `z ${z.toFixed(2)}`,
        `ES ${a.mean.toFixed(0)} ± ${a.error.toFixed(0)} vs numpy ${b.mean.toFixed(0)} ± ${b.error.toFixed(0)} USD` +
          (first
            ? `; one run's asymptotic SE: ours ${shortfallStandardError(esEuler(book.exposures, scenarios)).toFixed(0)}, numpy ${first.standardError.toFixed(0)}`
            : ''),
      ]);
    }
    const full = await server.run(SCENARIOS, 'full', 7);
    const grid = await server.run(SCENARIOS, 'grid', 7);
    agreement.push([
      `  ${book.name}, numpy with every option by Black-76 at every scenario (no grid), 20,000`,
      ms(full.seconds * 1000),
      `on the grid ${ms(grid.seconds * 1000)}; same draws: ES ${full.es.toFixed(2)} in full, ${grid.es.toFixed(2)} on the grid`,
    ]);
    server.close();
  }
  rows.push([
    `  ${book.name}, engine: ${ms(oursSmall)} at 20,000, ${ms(oursMany)} at 200,000`,
    ms((oursMany - oursSmall) / 9),
    note,
  ]);
}
if (agreement.length > 0) {
  section(
    'Engine ES vs numpy ES on the same model, different random streams (xoshiro128**/Ziggurat vs PCG64): independent estimates, which agree within Monte Carlo error when |z| < 4, z = Δ/√(SE₁² + SE₂²), SE = the spread of the seeds’ ES/√seeds (the asymptotic SE of one run, Yamai & Yoshiba 2002, understates it by ~25% for ν = 4 tails)',
  );
  rows.push(...agreement);
}

// 3. The full report.
section('Full report (margins, ES, stress, liquidation paths 4,000 × 24 h, collateral)');
const referenceFile = parsePortfolio(referencePortfolioFile());
const reportMs = median(9, () => calculateRiskReport(referenceFile));
rows.push([
  '  reference book: 60 linear positions in 6 Binance accounts',
  ms(reportMs),
  `target 50 ms: ${times(reportMs / 50)} of target`,
]);
const largeRaw = largePortfolioFile() as { accounts: { venue: string }[] };
const largeLinear = parsePortfolio({
  ...largeRaw,
  accounts: largeRaw.accounts.filter((account) => account.venue !== 'deribit'),
});
rows.push([
  '  large book, its 200 linear positions in 16 Binance accounts',
  ms(median(5, () => calculateRiskReport(largeLinear))),
  '',
]);
const largeFile = parsePortfolio(largeRaw);
rows.push([
  '  large book, all 300 positions: + 100 options in 4 Deribit accounts (non-linear silos)',
  ms(median(2, () => calculateRiskReport(largeFile))),
  'the Deribit accounts’ surplus is evaluated at every path step (margin/deribit-standard.ts)',
]);

// 4. Trade impact, baseline, grid accuracy, memory.
section('Other figures');
const base = scenarioExpectedShortfall(scenarioSet(SCENARIOS), reference.exposures, HORIZON_YEARS, [
  CONFIDENCE,
])[0] as ExpectedShortfallResult;
const candidate: Exposure = {
  kind: 'delta-one',
  assetIndex: assets.indexOf('BTC'),
  quantity: 0.5,
  price: DEFAULT_MARKET.prices.BTC ?? 95_000,
  usdPerSettle: 1,
};
const referenceSet = scenarioSet(SCENARIOS);
const incrementalMs = median(51, () =>
  incrementalExpectedShortfall(
    base.losses,
    base.tailIndices,
    scenarioPnlMatrix(referenceSet, [candidate], HORIZON_YEARS),
    CONFIDENCE,
  ),
);
rows.push([
  'Incremental ES of one candidate trade (reuses scenario P&L)',
  ms(incrementalMs),
  `target 1 ms: ${times(incrementalMs)} of target`,
]);

// The pre-trade check on the reference book's risk state: a BTC order into a cross account
// (venue margin, new liquidation price, fits, ES change on the state's scenarios), and the same
// with the account's liquidation probability before and after (paths of its own underlyings).
const evaluation = evaluateRisk(resolveInputs(referenceFile));
const order: CandidateOrder = {
  accountId: 'account-1',
  symbol: 'BTC/USDT:USDT',
  side: 'buy',
  type: 'market',
  contracts: new Decimal('0.5'),
  leverage: 10,
  reduceOnly: false,
};
const impactMs = median(51, () =>
  tradeImpact(evaluation, order, { liquidationProbability: false }),
);
rows.push([
  'Trade impact of one order: venue margin, new liquidation price, fits, ES change',
  ms(impactMs),
  `target 2 ms: ${times(impactMs / 2)} of target`,
]);
const impactWithProbabilityMs = median(15, () => tradeImpact(evaluation, order));
rows.push([
  '  with the account’s P(liquidation 24 h) before and after (4,000 paths)',
  ms(impactWithProbabilityMs),
  'asked for once the order stops changing',
]);

const BASELINE_SCENARIOS = 2_000;
const plainInput = plainScenarios(
  monteCarloLogReturns(spec(BASELINE_SCENARIOS), createRng(1)),
  assets.length,
);
const plainMs = median(3, () =>
  plainExpectedShortfall(reference.exposures, plainInput, CONFIDENCE, HORIZON_YEARS),
);
const oursSmallMs = median(15, () => esEuler(reference.exposures, BASELINE_SCENARIOS));
rows.push([
  `Plain baseline (objects, decimal.js, full sort), ES + Euler at ${BASELINE_SCENARIOS.toLocaleString('en-US')} scenarios`,
  ms(plainMs),
  `engine at the same size: ${ms(oursSmallMs)}, ${(plainMs / oursSmallMs).toFixed(0)}× faster`,
]);
const plainCheck = plainExpectedShortfall(
  reference.exposures,
  plainInput,
  CONFIDENCE,
  HORIZON_YEARS,
).es;
const oursCheck = esEuler(reference.exposures, BASELINE_SCENARIOS).expectedShortfall;

// The option grid's error, measured against full Black-76 repricing on the reference book.
const gridPnl = scenarioPnlMatrix(referenceSet, reference.exposures, HORIZON_YEARS);
const fullPnl = scenarioPnlMatrix(
  { ...referenceSet, volFactors: new Float64Array(SCENARIOS).fill(1) },
  reference.exposures,
  HORIZON_YEARS,
);
let gridError = 0;
for (let index = 0; index < gridPnl.length; index++)
  gridError = Math.max(gridError, Math.abs((gridPnl[index] ?? 0) - (fullPnl[index] ?? 0)));
const esGrid = expectedShortfall(gridPnl, reference.exposures.length, CONFIDENCE).expectedShortfall;
const esFull = expectedShortfall(fullPnl, reference.exposures.length, CONFIDENCE).expectedShortfall;
rows.push([
  'Option grid vs full repricing (40 options × 20,000 scenarios)',
  `${gridError.toExponential(1)} USD`,
  `largest cell error; ES ${esGrid.toFixed(2)} vs ${esFull.toFixed(2)} in full`,
]);

const heapBefore = process.memoryUsage().heapUsed;
calculateRiskReport(referenceFile);
esEuler(reference.exposures, SCENARIOS);
const heapAfter = process.memoryUsage().heapUsed;
rows.push([
  'Peak resident memory of this process (all of the above)',
  `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  `heap growth over one full run: ${((heapAfter - heapBefore) / 1048576).toFixed(1)} MB`,
]);

const width = Math.max(...rows.filter((row) => row[1] !== '').map((row) => row[0].length));
console.log(`Margin Lens engine benchmark — Node ${process.version}, one thread, medians\n`);
for (const [name, figure, note] of rows)
  console.log(figure === '' ? name : `${name.padEnd(width)}  ${figure.padStart(10)}  ${note}`);
console.log(
  `\nSanity: baseline ES ${plainCheck.toFixed(4)} vs engine ES ${oursCheck.toFixed(4)} on the same ${BASELINE_SCENARIOS} scenarios.`,
);
console.log(
  numpy.available
    ? `${NumpyServer.info}: its own time.perf_counter of each run of ES + Euler (scenarios drawn to contributions; start-up, JSON load and warm-up excluded).`
    : `numpy comparison skipped: ${numpy.note}.`,
);
