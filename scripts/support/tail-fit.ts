/**
 * Fits the path model's tail (ν and the vol scale s of day-variance-mixture.ts) to how often the
 * days' lows and highs reached k forecast σ from the prior close, k = 1 … 8: the model's touch
 * probability 2·P(s·T_ν > k) (continuous monitoring) against the realised share, both sides
 * pooled, by least squares on the log of their ratio, so that each distance counts alike from
 * the common (k = 1) to the rare (k = 8, about one day in a thousand). Grid: ν from 2.5 to 8 by
 * 0.01, s from 0.8 to 1.6 by 0.001 (refined around the best ν).
 */
import { dailyTouchProbability } from '../../lib/engine/risk/day-variance-mixture';
import type { DayInForecastSigma } from './daily-extremes';

export const FIT_DISTANCES = [1, 2, 3, 4, 5, 6, 7, 8] as const;

export interface TailFit {
  readonly nu: number;
  readonly volScale: number;
  /** Realised share of days whose low (high) reached −k (+k) σ, per k in FIT_DISTANCES. */
  readonly realisedDown: readonly number[];
  readonly realisedUp: readonly number[];
  readonly days: number;
}

export function fitTail(days: readonly DayInForecastSigma[]): TailFit {
  const count = (hit: (day: DayInForecastSigma) => boolean) => days.filter(hit).length;
  return fitTailToCounts({
    days: days.length,
    down: FIT_DISTANCES.map((k) => count((day) => day.low <= -k)),
    up: FIT_DISTANCES.map((k) => count((day) => day.high >= k)),
  });
}

/** How many of `days` reached each distance of FIT_DISTANCES, down (lows) and up (highs). */
export interface TouchCounts {
  readonly days: number;
  readonly down: readonly number[];
  readonly up: readonly number[];
}

/** The fit from the counts alone (what the CI test has: test/history/touch-counts.json). */
export function fitTailToCounts(counts: TouchCounts): TailFit {
  const realisedDown = counts.down.map((hits) => hits / counts.days);
  const realisedUp = counts.up.map((hits) => hits / counts.days);
  const pooled = FIT_DISTANCES.map((_, i) => ((realisedDown[i] ?? 0) + (realisedUp[i] ?? 0)) / 2);
  const loss = (nu: number, volScale: number) =>
    FIT_DISTANCES.reduce((sum, k, i) => {
      const predicted = dailyTouchProbability(k, { type: 'student-t', nu, volScale });
      return sum + Math.log(predicted / (pooled[i] as number)) ** 2;
    }, 0);
  let best = { nu: 4, volScale: 1, loss: Number.POSITIVE_INFINITY };
  const search = (nus: number[], scales: number[]) => {
    for (const nu of nus)
      for (const volScale of scales) {
        const value = loss(nu, volScale);
        if (value < best.loss) best = { nu, volScale, loss: value };
      }
  };
  const steps = (from: number, to: number, by: number) =>
    Array.from({ length: Math.round((to - from) / by) + 1 }, (_, i) => from + i * by);
  search(steps(2.5, 8, 0.05), steps(0.8, 1.6, 0.01));
  search(
    steps(Math.max(2.05, best.nu - 0.1), best.nu + 0.1, 0.01),
    steps(best.volScale - 0.02, best.volScale + 0.02, 0.001),
  );
  return {
    nu: Math.round(best.nu * 100) / 100,
    volScale: Math.round(best.volScale * 1000) / 1000,
    realisedDown,
    realisedUp,
    days: counts.days,
  };
}
