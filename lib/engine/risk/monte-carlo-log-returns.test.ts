import { describe, expect, it } from 'vitest';
import { createRng } from '../math/rng';
import { monteCarloLogReturns, type MonteCarloSpec } from './monte-carlo-log-returns';

const spec: MonteCarloSpec = {
  assets: ['BTC', 'ETH', 'SOL'],
  annualVols: [0.4, 0.6, 0.9],
  correlationMatrix: Float64Array.from([1, 0.8, 0.6, 0.8, 1, 0.7, 0.6, 0.7, 1]),
  horizonHours: 24,
  scenarios: 1_000,
  distribution: { type: 'student-t', nu: 5 },
};

describe('monteCarloLogReturns', () => {
  it('extends a smaller run: the first scenarios do not depend on N (across draw blocks)', () => {
    const small = monteCarloLogReturns({ ...spec, scenarios: 300 }, createRng(3));
    const large = monteCarloLogReturns(spec, createRng(3));
    expect(Array.from(large.subarray(0, small.length))).toEqual(Array.from(small));
  });

  it.each([
    ['normal', { type: 'normal' } as const],
    ['Student-t ν=4, scaled to unit variance', { type: 'student-t', nu: 4 } as const],
  ])(
    'has covariance diag(σ)·R·diag(σ)·h/8760 (%s), within 5 standard errors',
    (_, distribution) => {
      const n = 200_000;
      const draws = monteCarloLogReturns({ ...spec, scenarios: n, distribution }, createRng(8));
      const scale = 24 / 8760;
      for (let i = 0; i < 3; i++)
        for (let j = 0; j <= i; j++) {
          let sum = 0;
          let squares = 0;
          for (let s = 0; s < n; s++) {
            const product = (draws[3 * s + i] ?? 0) * (draws[3 * s + j] ?? 0);
            sum += product;
            squares += product * product;
          }
          const mean = sum / n;
          const standardError = Math.sqrt((squares / n - mean * mean) / n);
          const expected =
            (spec.annualVols[i] ?? 0) *
            (spec.annualVols[j] ?? 0) *
            (spec.correlationMatrix[3 * i + j] ?? 0) *
            scale;
          expect(Math.abs(mean - expected)).toBeLessThan(5 * standardError);
        }
    },
  );

  it('rejects no scenarios and a Student-t ν ≤ 2 (no finite variance)', () => {
    expect(() => monteCarloLogReturns({ ...spec, scenarios: 0 }, createRng(1))).toThrow(
      'monteCarloLogReturns requires at least one scenario',
    );
    expect(() =>
      monteCarloLogReturns({ ...spec, distribution: { type: 'student-t', nu: 2 } }, createRng(1)),
    ).toThrow('monteCarloLogReturns requires Student-t nu > 2, got 2');
  });
});
