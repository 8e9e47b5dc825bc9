import { describe, expect, it } from 'vitest';
import { RandomStream } from '../math/random-stream';
import { createRng } from '../math/rng';
import { unitVarianceStudentTSurvival } from '../math/student-t';
import {
  coverageSigmas,
  dailyTouchProbability,
  drawDayVariances,
  modelTouchProbability,
  NOMINAL_SHARE,
} from './day-variance-mixture';

const heavyDay = { type: 'student-t' as const, nu: 3.31, volScale: 1.12 };

describe('drawDayVariances', () => {
  it.each([1, 7])(
    'weights the importance-sampled paths (%i days) so that they average the nominal law: E[w] = 1, E[w·V] = s², w ≤ 1/π_0',
    (days) => {
      const stream = new RandomStream(createRng(5));
      const variances = new Float64Array(days);
      let weights = 0;
      let weightedVariance = 0;
      let largestWeight = 0;
      const draws = 100_000;
      for (let i = 0; i < draws; i++) {
        const weight = drawDayVariances(stream, heavyDay, true, variances);
        weights += weight;
        weightedVariance += weight * (variances[days - 1] as number);
        largestWeight = Math.max(largestWeight, weight);
      }
      expect(weights / draws).toBeCloseTo(1, 1);
      // E[V] = s²·(ν−2)·E[1/χ²_ν] = s²·(ν−2)/(ν−2) = s².
      expect(weightedVariance / draws / 1.12 ** 2).toBeGreaterThan(0.88);
      expect(weightedVariance / draws / 1.12 ** 2).toBeLessThan(1.12);
      // One component for the whole path: the ratio is bounded by 1/π_0 however many days.
      expect(largestWeight).toBeLessThanOrEqual(1 / NOMINAL_SHARE + 1e-12);
    },
  );

  it('gives the normal model a fixed variance and no weight', () => {
    const stream = new RandomStream(createRng(1));
    const variances = new Float64Array(2);
    expect(drawDayVariances(stream, { type: 'normal' }, true, variances)).toBe(1);
    expect([...variances]).toEqual([1, 1]);
  });
});

describe('dailyTouchProbability', () => {
  it('is twice the day’s tail beyond k (the reflection principle), 1 at or past the level', () => {
    expect(dailyTouchProbability(3, heavyDay)).toBeCloseTo(
      2 * unitVarianceStudentTSurvival(3 / 1.12, 3.31),
      15,
    );
    // Normal: 2·Φ(−2) = 0.0455.
    expect(dailyTouchProbability(2, { type: 'normal' })).toBeCloseTo(0.0455, 4);
    expect(dailyTouchProbability(0, heavyDay)).toBe(1);
  });
});

describe('modelTouchProbability', () => {
  it('measures the distance in horizon σ, and has no closed form beyond one day of the heavy-tailed model', () => {
    const dailySigma = 0.8 / Math.sqrt(365);
    const input = {
      spot: 100,
      barrier: 100 * Math.exp(-4 * dailySigma),
      direction: 'down' as const,
      annualVol: 0.8,
      horizonHours: 24,
      distribution: heavyDay,
    };
    expect(modelTouchProbability(input)).toBeCloseTo(dailyTouchProbability(4, heavyDay), 12);
    expect(modelTouchProbability({ ...input, horizonHours: 6 })).toBeCloseTo(
      dailyTouchProbability(8, heavyDay),
      12,
    );
    expect(modelTouchProbability({ ...input, horizonHours: 48 })).toBeNull();
    expect(modelTouchProbability({ ...input, barrier: 101 })).toBe(1);
  });
});

describe('coverageSigmas', () => {
  it('is the model’s one-sided move at the coverage: Φ⁻¹(0.99) for the normal, s·q with P(T > q) = 1% for the heavy day', () => {
    expect(coverageSigmas({ type: 'normal' }, 0.99)).toBeCloseTo(2.326348, 5);
    const sigmas = coverageSigmas(heavyDay, 0.99);
    expect(unitVarianceStudentTSurvival(sigmas / 1.12, 3.31)).toBeCloseTo(0.01, 9);
    expect(() => coverageSigmas(heavyDay, 1)).toThrow(RangeError);
  });
});
