/**
 * The rolling one-day VaR and ES backtest of issue 14: at 97.5% and 99%, from 2018-01-01 (or the
 * later start of an asset's history) to the end of the daily files in `dataDir`
 * (../shared/data/market), for single assets, long/short pairs and a long-options book
 * (var-es-backtest-books.ts), under the models of var-es-backtest-models.ts: the default (the
 * product's forecast and day), earlier defaults, normal, filtered historical simulation, and a
 * variant of the default's forecast.
 *
 * Each day t, every model sees only returns up to t − 1: its forecast's two EWMA covariances (the
 * vol and correlation decays; lib/engine/market/vol-forecast.ts, seeded with the first 30
 * returns) and, for filtered historical simulation, the returns of the days before devolatilised
 * by that forecast. The options book is priced at each model's forecast vol. A model's
 * scenarios (Monte Carlo with a fixed seed per group of books and model; one draw serves every
 * book of the group) are revalued in full by the engine's kernel (scenarioPnlMatrix: linear
 * P&L, options by Black-76) over one day, giving VaR and ES (expected-shortfall.ts: VaR the
 * ⌈αN⌉-th smallest loss, ES the mean of the ⌈(1 − α)N⌉ largest). The day's realised loss is the
 * same book revalued in full at the day's realised log-returns (start-of-day positions, so the
 * "hypothetical" P&L of the Basel backtest). An exception is a realised loss above VaR.
 *
 * Tests per book, model and confidence, each at 5%:
 * - Kupiec's proportion of failures (lib/engine/risk/kupiec-test.ts),
 * - Christoffersen's independence and conditional coverage
 *   (lib/engine/risk/christoffersen-test.ts),
 * - Acerbi & Székely's Z2 for ES, one-sided, with its p-value by simulation from each day's own
 *   scenarios (lib/engine/risk/acerbi-szekely-test.ts).
 * A row passes when none of the four rejects. The default's rows are also tested on the days from
 * `outOfSampleFrom` (2021), after the days its forecast decays were fitted on; and the chance that
 * a correct model fails a row's VaR tests is simulated for each row length (var-test-size.ts).
 * Filtered historical simulation is tested once it has
 * `filteredHistoricalMinimumDays` (100) devolatilised days, so that its 99% quantile lies inside
 * its sample; the Monte Carlo models from the first day after the EWMA seed.
 *
 * Pure apart from reading the CSV files: the result is a function of the files and the settings.
 * Cost: per group, day and Monte Carlo model one draw of N scenarios; per book, model and day one
 * N-scenario revaluation and two tail selections; per test row and day, M words of the ES test's
 * generator: 2 to 6 minutes in all with the default settings, measured on a busy shared 2-core
 * machine.
 */
import {
  EWMA_SEED_DAYS,
  type EwmaVolsAndCorrelations,
} from '../../lib/engine/market/ewma-covariance';
import {
  forecastSeed,
  forecastStep,
  forecastVolsAndCorrelations,
  type VolForecast,
} from '../../lib/engine/market/vol-forecast';
import type { ResidualHistory } from '../../lib/engine/market/filtered-historical';
import { createRng, type Rng } from '../../lib/engine/math/rng';
import {
  AcerbiSzekelyZ2Test,
  type AcerbiSzekelyResult,
} from '../../lib/engine/risk/acerbi-szekely-test';
import {
  christoffersenTest,
  type ChristoffersenResult,
} from '../../lib/engine/risk/christoffersen-test';
import { shortfallTail } from '../../lib/engine/risk/expected-shortfall';
import { kupiecTest, type KupiecResult } from '../../lib/engine/risk/kupiec-test';
import { scenarioPnlMatrix, type ScenarioSet } from '../../lib/engine/risk/scenario-pnl-matrix';
import { DECAY_FIT_BEFORE } from '../support/ewma-decay-fit';
import { readJointDailyLogReturns } from './joint-daily-log-returns';
import { varTestsFalseFailureRate } from './var-test-size';
import { BACKTEST_BOOK_GROUPS, bookExposures, type BookPosition } from './var-es-backtest-books';
import {
  BACKTEST_MODELS,
  BacktestModelName,
  type BacktestModel,
  filteredHistoricalModelScenarios,
  monteCarloModelScenarios,
} from './var-es-backtest-models';

export { varEsBacktestMarkdown } from './var-es-backtest-markdown';

export interface VarEsBacktestSettings {
  /** First day tested, `YYYY-MM-DD`. */
  readonly from: string;
  readonly confidences: readonly number[];
  /** Monte Carlo scenarios per day and model. */
  readonly scenarios: number;
  /** Simulations of Z2 under the model, per test row. */
  readonly esSimulations: number;
  /** Seed of the Monte Carlo draws of group g and model m: scenarioSeed + 16·g + m. */
  readonly scenarioSeed: number;
  /** Seed of the ES test of row r (in row order): esTestSeed + r. */
  readonly esTestSeed: number;
  /** Devolatilised days filtered historical simulation needs before it is tested. */
  readonly filteredHistoricalMinimumDays: number;
  /**
   * The default model's rows are also tested from this day on: the days after the ones its
   * forecast decays were fitted on (scripts/support/ewma-decay-fit.ts), out of sample.
   */
  readonly outOfSampleFrom: string;
  /** Sequences simulated per row length and confidence for a correct model's failure rate. */
  readonly nullSimulations: number;
  /** Seed of those simulations. */
  readonly nullSeed: number;
}

export const VAR_ES_BACKTEST_SETTINGS: VarEsBacktestSettings = {
  from: '2018-01-01',
  confidences: [0.975, 0.99],
  scenarios: 10_000,
  esSimulations: 2_000,
  scenarioSeed: 2018,
  esTestSeed: 2014,
  filteredHistoricalMinimumDays: 100,
  outOfSampleFrom: DECAY_FIT_BEFORE,
  nullSimulations: 4_000,
  nullSeed: 1998,
};

export interface VarEsBacktestRow {
  readonly book: string;
  readonly model: BacktestModelName;
  readonly confidence: number;
  /** First and last day tested. */
  readonly from: string;
  readonly to: string;
  readonly kupiec: KupiecResult;
  readonly christoffersen: ChristoffersenResult;
  readonly expectedShortfall: AcerbiSzekelyResult;
  /** No test rejects at 5%. */
  readonly passedAt5Percent: boolean;
  readonly exceptionDates: readonly string[];
  /** The default model only: the same tests on the days from `settings.outOfSampleFrom`. */
  readonly outOfSample: OutOfSampleRow | null;
}

export interface OutOfSampleRow {
  readonly from: string;
  readonly kupiec: KupiecResult;
  readonly christoffersen: ChristoffersenResult;
  readonly expectedShortfall: AcerbiSzekelyResult;
  readonly passedAt5Percent: boolean;
}

export interface VarEsBacktestResult {
  readonly description: string;
  readonly settings: VarEsBacktestSettings;
  readonly models: readonly { readonly name: BacktestModelName; readonly description: string }[];
  readonly books: readonly {
    readonly name: string;
    /** The assets of the joint history and scenarios the book is tested with. */
    readonly groupAssets: readonly string[];
    readonly positions: readonly BookPosition[];
  }[];
  /** Rows by book, then confidence, then model. */
  readonly rows: readonly VarEsBacktestRow[];
  /**
   * For each length and confidence of the rows (and the default's out-of-sample rows): the chance
   * that a correct model fails the row's three VaR tests at 5% (var-test-size.ts).
   */
  readonly correctModelFailureRates: readonly {
    readonly days: number;
    readonly confidence: number;
    readonly varTests: number;
  }[];
}

const ONE_DAY_YEARS = 1 / 365;
/** The out-of-sample ES tests' seeds: esTestSeed + this + row index. */
const OUT_OF_SAMPLE_SEED_OFFSET = 1000;

/** The running record of one book × model × confidence. */
interface SeriesRecord {
  readonly book: string;
  readonly model: BacktestModelName;
  readonly confidence: number;
  readonly exceptions: boolean[];
  readonly exceptionDates: string[];
  readonly dates: string[];
  readonly shortfallTest: AcerbiSzekelyZ2Test;
  readonly outOfSampleShortfallTest: AcerbiSzekelyZ2Test | null;
}

export function runVarEsBacktest(
  dataDir: string,
  overrides: Partial<VarEsBacktestSettings> = {},
): VarEsBacktestResult {
  const settings: VarEsBacktestSettings = { ...VAR_ES_BACKTEST_SETTINGS, ...overrides };
  const records = new Map<string, SeriesRecord>();
  const books = BACKTEST_BOOK_GROUPS.flatMap((group) => group.books);
  let rowIndex = 0;
  for (const book of books)
    for (const confidence of settings.confidences)
      for (const model of BACKTEST_MODELS) {
        records.set(recordKey(book.name, model.name, confidence), {
          book: book.name,
          model: model.name,
          confidence,
          exceptions: [],
          exceptionDates: [],
          dates: [],
          shortfallTest: new AcerbiSzekelyZ2Test(
            1 - confidence,
            settings.esSimulations,
            createRng(settings.esTestSeed + rowIndex),
          ),
          outOfSampleShortfallTest:
            model.name === BacktestModelName.default
              ? new AcerbiSzekelyZ2Test(
                  1 - confidence,
                  settings.esSimulations,
                  createRng(settings.esTestSeed + OUT_OF_SAMPLE_SEED_OFFSET + rowIndex),
                )
              : null,
        });
        rowIndex++;
      }

  const forecasts = distinctForecasts(BACKTEST_MODELS);
  const forecastOf = BACKTEST_MODELS.map((model) =>
    forecasts.findIndex((forecast) => sameForecast(forecast, model.forecast)),
  );
  BACKTEST_BOOK_GROUPS.forEach((group, groupIndex) => {
    const { assets } = group;
    const history = readJointDailyLogReturns(dataDir, assets);
    const rngs: (Rng | null)[] = BACKTEST_MODELS.map((model, modelIndex) =>
      model.kind === 'monte-carlo'
        ? createRng(settings.scenarioSeed + 16 * groupIndex + modelIndex)
        : null,
    );
    const covariances = forecasts.map(() => forecastSeed(history.logReturns));
    // Devolatilised returns, per forecast (only those a filtered historical model reads).
    const residuals = forecasts.map(
      (): ResidualHistory & { dates: string[]; residuals: number[][] } => ({
        assets,
        dates: [],
        residuals: [],
      }),
    );
    const residualForecasts = new Set(
      BACKTEST_MODELS.flatMap((model, modelIndex) =>
        model.kind === 'filtered-historical' ? [forecastOf[modelIndex] as number] : [],
      ),
    );
    history.logReturns.forEach((logReturns, index) => {
      const date = history.dates[index] as string;
      if (index >= EWMA_SEED_DAYS && date >= settings.from) {
        const figures = covariances.map((covariance) =>
          forecastVolsAndCorrelations(covariance, assets.length, assets),
        );
        const scenarioSets = BACKTEST_MODELS.map((model, modelIndex): ScenarioSet | null => {
          const { annualVols, correlationMatrix } = figures[
            forecastOf[modelIndex] as number
          ] as EwmaVolsAndCorrelations;
          if (model.kind === 'monte-carlo')
            return monteCarloModelScenarios(
              model,
              assets,
              annualVols,
              correlationMatrix,
              settings.scenarios,
              rngs[modelIndex] as Rng,
            );
          const own = residuals[forecastOf[modelIndex] as number] as ResidualHistory;
          return own.residuals.length >= settings.filteredHistoricalMinimumDays
            ? filteredHistoricalModelScenarios(own, annualVols)
            : null;
        });
        const realised: ScenarioSet = {
          assetCount: assets.length,
          count: 1,
          logReturns: Float64Array.from(logReturns),
        };
        for (const book of group.books) {
          // A book's exposures (its options' implied vol) and realised loss under each forecast.
          const byForecast = figures.map(({ annualVols }) => {
            const exposures = bookExposures(
              book,
              assets,
              history.previousCloses[index] as Float64Array,
              annualVols,
            );
            const realisedLoss = portfolioLosses(
              scenarioPnlMatrix(realised, exposures, ONE_DAY_YEARS),
              exposures.length,
            )[0] as number;
            return { exposures, realisedLoss };
          });
          BACKTEST_MODELS.forEach((model, modelIndex) => {
            const scenarios = scenarioSets[modelIndex];
            if (!scenarios) return;
            const { exposures, realisedLoss } = byForecast[forecastOf[modelIndex] as number] as {
              exposures: ReturnType<typeof bookExposures>;
              realisedLoss: number;
            };
            const losses = portfolioLosses(
              scenarioPnlMatrix(scenarios, exposures, ONE_DAY_YEARS),
              exposures.length,
            );
            for (const confidence of settings.confidences) {
              const record = records.get(
                recordKey(book.name, model.name, confidence),
              ) as SeriesRecord;
              const tail = shortfallTail(losses, confidence);
              const exceedingLosses = lossesAbove(losses, tail.tailIndices, tail.valueAtRisk);
              const exception = realisedLoss > tail.valueAtRisk;
              record.dates.push(date);
              record.exceptions.push(exception);
              if (exception) record.exceptionDates.push(date);
              const day = {
                valueAtRisk: tail.valueAtRisk,
                expectedShortfall: tail.expectedShortfall,
                exceedingLosses,
                scenarioCount: tail.scenarios,
              };
              record.shortfallTest.addDay(day, realisedLoss);
              if (date >= settings.outOfSampleFrom)
                record.outOfSampleShortfallTest?.addDay(day, realisedLoss);
            }
          });
        }
      }
      covariances.forEach((covariance, forecastIndex) => {
        if (index >= EWMA_SEED_DAYS && residualForecasts.has(forecastIndex)) {
          const own = residuals[forecastIndex] as { dates: string[]; residuals: number[][] };
          own.dates.push(date);
          own.residuals.push(
            assets.map(
              (_, asset) =>
                (logReturns[asset] as number) /
                Math.sqrt(covariance.vol[asset * assets.length + asset] as number),
            ),
          );
        }
        forecastStep(covariance, logReturns, forecasts[forecastIndex] as VolForecast);
      });
    });
  });

  const rows = [...records.values()].map((record): VarEsBacktestRow => {
    if (record.dates.length < 2)
      throw new RangeError(
        `runVarEsBacktest: ${record.book} under ${record.model} has ${record.dates.length} test days from ${settings.from}; the data in ${dataDir} is too short`,
      );
    const expectedRate = 1 - record.confidence;
    const kupiec = kupiecTest(record.exceptionDates.length, record.exceptions.length, expectedRate);
    const christoffersen = christoffersenTest(record.exceptions, expectedRate);
    const expectedShortfall = record.shortfallTest.result();
    const lateFirst = record.dates.findIndex((date) => date >= settings.outOfSampleFrom);
    const late = lateFirst < 0 ? [] : record.exceptions.slice(lateFirst);
    let outOfSample: OutOfSampleRow | null = null;
    if (record.outOfSampleShortfallTest && late.length >= 2) {
      const lateTests = {
        kupiec: kupiecTest(late.filter(Boolean).length, late.length, expectedRate),
        christoffersen: christoffersenTest(late, expectedRate),
        expectedShortfall: record.outOfSampleShortfallTest.result(),
      };
      outOfSample = {
        from: record.dates[lateFirst] as string,
        ...lateTests,
        passedAt5Percent: !rejectedAt5Percent(lateTests),
      };
    }
    const tests = { kupiec, christoffersen, expectedShortfall };
    return {
      book: record.book,
      model: record.model,
      confidence: record.confidence,
      from: record.dates[0] as string,
      to: record.dates.at(-1) as string,
      ...tests,
      passedAt5Percent: !rejectedAt5Percent(tests),
      exceptionDates: record.exceptionDates,
      outOfSample,
    };
  });

  const nullRng = createRng(settings.nullSeed);
  const lengths = [
    ...new Set(
      rows.flatMap((row) =>
        [row.kupiec.observations, row.outOfSample?.kupiec.observations ?? 0]
          .filter((days) => days >= 2)
          .map((days) => `${days}|${row.confidence}`),
      ),
    ),
  ].sort();
  const correctModelFailureRates = lengths.map((key) => {
    const [days, confidence] = key.split('|').map(Number) as [number, number];
    return {
      days,
      confidence,
      varTests: varTestsFalseFailureRate(days, 1 - confidence, settings.nullSimulations, nullRng),
    };
  });

  return {
    description:
      'Rolling one-day VaR and ES backtest (issue 14): each model with its own EWMA forecast from the days before; Kupiec POF, Christoffersen independence and conditional coverage, Acerbi-Szekely Z2 with its p-value simulated from each day’s scenarios; a row passes when no test rejects at 5%',
    settings,
    models: BACKTEST_MODELS.map(({ name, description }) => ({ name, description })),
    books: BACKTEST_BOOK_GROUPS.flatMap((group) =>
      group.books.map((book) => ({
        name: book.name,
        groupAssets: group.assets,
        positions: book.positions,
      })),
    ),
    rows,
    correctModelFailureRates,
  };
}

/** Any of the four tests rejects at 5%. */
function rejectedAt5Percent(tests: {
  readonly kupiec: KupiecResult;
  readonly christoffersen: ChristoffersenResult;
  readonly expectedShortfall: AcerbiSzekelyResult;
}): boolean {
  return (
    tests.kupiec.rejectedAt5Percent ||
    tests.christoffersen.independenceRejectedAt5Percent ||
    tests.christoffersen.conditionalCoverageRejectedAt5Percent ||
    tests.expectedShortfall.rejectedAt5Percent
  );
}

/** The models' forecasts, each once, in the order first named. */
function distinctForecasts(models: readonly BacktestModel[]): VolForecast[] {
  const forecasts: VolForecast[] = [];
  for (const { forecast } of models)
    if (!forecasts.some((known) => sameForecast(known, forecast))) forecasts.push(forecast);
  return forecasts;
}

function sameForecast(a: VolForecast, b: VolForecast): boolean {
  return a.volLambda === b.volLambda && a.correlationLambda === b.correlationLambda;
}

function recordKey(book: string, model: string, confidence: number): string {
  return `${book}|${model}|${confidence}`;
}

/** The losses of the given scenarios that are above `threshold`, in scenario order. */
function lossesAbove(losses: Float64Array, scenarios: Int32Array, threshold: number): Float64Array {
  const above = new Float64Array(scenarios.length);
  let count = 0;
  for (const scenario of scenarios) {
    const loss = losses[scenario] as number;
    if (loss > threshold) above[count++] = loss;
  }
  return above.subarray(0, count);
}

/** Loss (−P&L) of each scenario: the row sums of a scenarios × positions P&L matrix, negated. */
function portfolioLosses(pnlMatrix: Float64Array, positionCount: number): Float64Array {
  const count = pnlMatrix.length / positionCount;
  const losses = new Float64Array(count);
  for (let scenario = 0; scenario < count; scenario++) {
    let total = 0;
    for (let position = 0; position < positionCount; position++)
      total += pnlMatrix[scenario * positionCount + position] as number;
    losses[scenario] = -total;
  }
  return losses;
}
