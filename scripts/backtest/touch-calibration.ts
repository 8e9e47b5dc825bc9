/**
 * Calibration of the chance of liquidation within a day: for a position k forecast daily σ from
 * its liquidation price (k = 1 … 8, either side), the engine's P(touch within 24 h) against how
 * often the days' lows (longs) and highs (shorts) really reached that far from the prior close,
 * per asset and pooled, with Wilson 95% intervals (lib/engine/math/binomial-interval.ts).
 *
 * Predictions, all at the engine's defaults (lib/engine/measure/model-settings.ts):
 * - the default model's closed form 2·P(s·T_ν > k) (risk/day-variance-mixture.ts), and the path
 *   simulation the report runs (4,000 paths, hourly bridged monitoring, importance sampling) on
 *   an isolated long and short liquidated exactly k σ away, with its 95% interval;
 * - the previous model, for comparison: a Student-t (ν = 4, unit variance) drawn afresh every hour
 *   and summed, monitored hourly, as the engine did before (simulated here on 400,000 paths);
 * - out of sample: ν and s fitted on the days before 2021 only, judged on the days from 2021.
 * The realised shares use the same days and the same σ (scripts/support/daily-extremes.ts).
 */
import { wilsonInterval, type ProportionInterval } from '../../lib/engine/math/binomial-interval';
import { RandomStream } from '../../lib/engine/math/random-stream';
import { createRng } from '../../lib/engine/math/rng';
import { DEFAULT_MODEL } from '../../lib/engine/measure/model-settings';
import { dailyTouchProbability } from '../../lib/engine/risk/day-variance-mixture';
import {
  liquidationPathProbabilities,
  type Estimate,
} from '../../lib/engine/risk/liquidation-paths';
import type { MarginSilo } from '../../lib/engine/risk/margin-silo';
import type { Distribution } from '../../lib/engine/portfolio/portfolio-types';
import {
  dailyAssets,
  daysInForecastSigma,
  type DayInForecastSigma,
} from '../support/daily-extremes';
import { FIT_DISTANCES, fitTail, type TouchCounts } from '../support/tail-fit';

export type { TouchCounts };

export type Side = 'down' | 'up';
export const SIDES: readonly Side[] = ['down', 'up'];
export const OUT_OF_SAMPLE_FROM = '2021-01-01';
const PREVIOUS_PATHS = 400_000;

export interface TouchRow {
  readonly asset: string;
  readonly side: Side;
  readonly k: number;
  readonly days: number;
  readonly hits: number;
  readonly realised: ProportionInterval;
}

export interface TouchCalibrationResult {
  readonly from: string;
  readonly to: string;
  readonly assets: readonly string[];
  readonly distribution: Distribution;
  readonly counts: Readonly<Record<string, TouchCounts>>;
  readonly rows: readonly TouchRow[];
  /** Per k (FIT_DISTANCES order): the default model's closed form and simulation, each side. */
  readonly closedForm: readonly number[];
  readonly simulated: Readonly<Record<Side, readonly Estimate[]>>;
  readonly previous: readonly number[];
  readonly previousPaths: number;
  readonly outOfSample: {
    readonly fittedOn: string;
    readonly nu: number;
    readonly volScale: number;
    readonly rows: readonly (TouchRow & { readonly predicted: number })[];
    /** The counts behind the fit (before) and the judgement (from OUT_OF_SAMPLE_FROM). */
    readonly before: TouchCounts;
    readonly from: TouchCounts;
  };
}

export function touchCounts(days: readonly DayInForecastSigma[]): TouchCounts {
  return {
    days: days.length,
    down: FIT_DISTANCES.map((k) => days.filter((day) => day.low <= -k).length),
    up: FIT_DISTANCES.map((k) => days.filter((day) => day.high >= k).length),
  };
}

function rowsOf(asset: string, counts: TouchCounts): TouchRow[] {
  return SIDES.flatMap((side) =>
    FIT_DISTANCES.map((k, i) => {
      const hits = counts[side][i] as number;
      return {
        asset,
        side,
        k,
        days: counts.days,
        hits,
        realised: wilsonInterval(hits, counts.days),
      };
    }),
  );
}

/** The sum of several assets' counts. */
export function pooledCounts(counts: readonly TouchCounts[]): TouchCounts {
  const sum = (side: Side) =>
    FIT_DISTANCES.map((_, i) =>
      counts.reduce((total, each) => total + (each[side][i] as number), 0),
    );
  return {
    days: counts.reduce((total, each) => total + each.days, 0),
    down: sum('down'),
    up: sum('up'),
  };
}

/**
 * The engine's own simulation at its defaults: one isolated position per distance and side, with
 * no maintenance margin, liquidated exactly k daily σ away (in log price), all on one run.
 */
export function simulatedTouch(distribution: Distribution): Record<Side, Estimate[]> {
  const annualVol = 0.8;
  const dailySigma = annualVol / Math.sqrt(365);
  const silo = (side: Side, k: number): MarginSilo => {
    const sign = side === 'down' ? 1 : -1;
    return {
      accountId: `${side}${k}`,
      label: 'isolated',
      positionIndices: [0],
      // A long of 1 at 1 dies at e^{−kσ}: wallet 1 − e^{−kσ}; a short at e^{kσ}: wallet e^{kσ} − 1.
      wallet: sign * (1 - Math.exp(-sign * k * dailySigma)),
      positions: [
        {
          symbol: 'BTC/USDT:USDT',
          asset: 'BTC',
          quantity: sign,
          entryPrice: 1,
          markPrice: 1,
          tiers: [{ cap: Number.POSITIVE_INFINITY, rate: 0, amount: 0 }],
        },
      ],
    };
  };
  const silos = SIDES.flatMap((side) => FIT_DISTANCES.map((k) => silo(side, k)));
  const result = liquidationPathProbabilities(
    silos,
    {
      assets: ['BTC'],
      annualVols: [annualVol],
      correlationMatrix: Float64Array.from([1]),
      horizonHours: 24,
      paths: DEFAULT_MODEL.liquidationPaths,
      distribution,
    },
    createRng((DEFAULT_MODEL.seed + 1) >>> 0),
  );
  return {
    down: result.silos.slice(0, FIT_DISTANCES.length),
    up: result.silos.slice(FIT_DISTANCES.length),
  };
}

/**
 * The previous model's P(low ≤ −k σ within a day): 24 hourly unit-variance Student-t (ν = 4)
 * increments of variance 1/24 each, monitored at the hours (symmetric, so one side serves both).
 */
export function previousModelTouch(paths: number, seed: number): number[] {
  const nu = 4;
  const stream = new RandomStream(createRng(seed));
  const hits = FIT_DISTANCES.map(() => 0);
  const hourScale = Math.sqrt(1 / 24);
  for (let path = 0; path < paths; path++) {
    let level = 0;
    let lowest = 0;
    for (let hour = 0; hour < 24; hour++) {
      level += stream.normal() * Math.sqrt((nu - 2) / stream.chiSquare(nu)) * hourScale;
      if (level < lowest) lowest = level;
    }
    FIT_DISTANCES.forEach((k, i) => {
      if (lowest <= -k) hits[i] = (hits[i] as number) + 1;
    });
  }
  return hits.map((count) => count / paths);
}

export function runTouchCalibration(dataDir: string): TouchCalibrationResult {
  const assets = dailyAssets(dataDir);
  const daysByAsset = Object.fromEntries(
    assets.map((asset) => [asset, daysInForecastSigma(dataDir, asset)]),
  );
  const allDays = assets.flatMap((asset) => daysByAsset[asset] ?? []);
  const counts: Record<string, TouchCounts> = Object.fromEntries(
    assets.map((asset) => [asset, touchCounts(daysByAsset[asset] ?? [])]),
  );
  counts.pooled = pooledCounts(assets.map((asset) => counts[asset] as TouchCounts));
  const distribution = DEFAULT_MODEL.distribution;

  const early = allDays.filter((day) => day.date < OUT_OF_SAMPLE_FROM);
  const late = allDays.filter((day) => day.date >= OUT_OF_SAMPLE_FROM);
  const earlyFit = fitTail(early);
  const earlyModel: Distribution = {
    type: 'student-t',
    nu: earlyFit.nu,
    volScale: earlyFit.volScale,
  };
  const dates = allDays.map((day) => day.date).sort();
  return {
    from: dates[0] ?? '',
    to: dates.at(-1) ?? '',
    assets,
    distribution,
    counts,
    rows: ['pooled', ...assets].flatMap((asset) => rowsOf(asset, counts[asset] as TouchCounts)),
    closedForm: FIT_DISTANCES.map((k) => dailyTouchProbability(k, distribution)),
    simulated: simulatedTouch(distribution),
    previous: previousModelTouch(PREVIOUS_PATHS, 2018),
    previousPaths: PREVIOUS_PATHS,
    outOfSample: {
      fittedOn: `${early.length} asset-days before ${OUT_OF_SAMPLE_FROM}`,
      nu: earlyFit.nu,
      volScale: earlyFit.volScale,
      rows: rowsOf('pooled', touchCounts(late)).map((row) => ({
        ...row,
        predicted: dailyTouchProbability(row.k, earlyModel),
      })),
      before: touchCounts(early),
      from: touchCounts(late),
    },
  };
}
