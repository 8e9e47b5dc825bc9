import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import golden from '../../../test/golden/expected-shortfall-closed-form.json';
import { createRng } from '../math/rng';
import { expectedShortfall, tailCount } from './expected-shortfall';
import { monteCarloLogReturns } from './monte-carlo-log-returns';

describe('tailCount', () => {
  it('is ⌈(1−α)N⌉ without binary-rounding surprises', () => {
    expect(tailCount(0.99, 20_000)).toBe(200);
    expect(tailCount(0.975, 20_000)).toBe(500);
    expect(tailCount(0.99, 150)).toBe(2);
    expect(tailCount(0.99, 10)).toBe(1);
    expect(() => tailCount(1, 10)).toThrow('tailCount requires a confidence in (0, 1)');
  });
});

describe('expectedShortfall on a hand-checked example', () => {
  // Two positions, five scenarios; α = 0.6 → k = 2. Portfolio losses: 1, −2, 7, 4, 0 → tail {7, 4}.
  const pnl = Float64Array.from([-1, 0, 1, 1, -3, -4, -2, -2, 0, 0]);
  const result = expectedShortfall(pnl, 2, 0.6);

  it('takes ES as the mean of the k worst losses and VaR as the ⌈αN⌉-th smallest loss', () => {
    expect(result.tailCount).toBe(2);
    expect(result.expectedShortfall).toBe(5.5);
    // α = 0.6, N = 5: ⌈αN⌉ = 3, the 3rd smallest of (−2, 0, 1, 4, 7) is 1.
    expect(result.valueAtRisk).toBe(1);
  });

  it('uses the smallest tail loss when (1−α)N is fractional', () => {
    // α = 0.7, N = 5: k = ⌈1.5⌉ = 2, ⌈αN⌉ = 4, the 4th smallest is 4.
    expect(expectedShortfall(pnl, 2, 0.7).valueAtRisk).toBe(4);
  });

  it('gives Euler contributions that are each position’s mean tail loss and sum to ES', () => {
    expect(Array.from(result.contributions)).toEqual([2.5, 3]);
  });

  it('rejects an empty matrix', () => {
    expect(() => expectedShortfall(new Float64Array(0), 2, 0.99)).toThrow(
      'expectedShortfall requires at least one scenario',
    );
    expect(() => expectedShortfall(new Float64Array(4), 0, 0.99)).toThrow(
      'expectedShortfall requires at least one position',
    );
  });
});

describe('expectedShortfall properties', () => {
  const matrix = fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 20, max: 400 }))
    .chain(([positions, scenarios]) =>
      fc.tuple(
        fc.constant(positions),
        fc.float64Array({
          minLength: positions * scenarios,
          maxLength: positions * scenarios,
          min: -1e6,
          max: 1e6,
          noNaN: true,
        }),
      ),
    );

  it('contributions sum to ES, and ES ≥ VaR', () => {
    fc.assert(
      fc.property(matrix, fc.constantFrom(0.9, 0.975, 0.99), ([positions, pnl], confidence) => {
        const result = expectedShortfall(pnl, positions, confidence);
        const sum = result.contributions.reduce((total, value) => total + value, 0);
        const scale = Math.max(1, ...Array.from(pnl, Math.abs)) * positions;
        return (
          Math.abs(sum - result.expectedShortfall) <= 1e-12 * scale &&
          result.expectedShortfall >= result.valueAtRisk
        );
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('is positively homogeneous: ES(c·P) = c·ES(P)', () => {
    fc.assert(
      fc.property(
        matrix,
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        ([positions, pnl], c) => {
          const base = expectedShortfall(pnl, positions, 0.975).expectedShortfall;
          const scaled = expectedShortfall(
            pnl.map((value) => value * c),
            positions,
            0.975,
          ).expectedShortfall;
          return Math.abs(scaled - c * base) <= 1e-9 * Math.max(1, Math.abs(c * base));
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  });
});

/**
 * Asymptotic standard error of the historical ES estimator (Yamai & Yoshiba 2002; Manistre &
 * Hancock 2005): Var(ÊS) ≈ [Var(L | L ≥ VaR) + α·(ES − VaR)²] / (N·(1 − α)).
 */
function shortfallStandardError(
  losses: Float64Array,
  tail: Int32Array,
  es: number,
  valueAtRisk: number,
  confidence: number,
): number {
  let variance = 0;
  for (const index of tail) variance += ((losses[index] ?? 0) - es) ** 2;
  variance /= tail.length;
  return Math.sqrt(
    (variance + confidence * (es - valueAtRisk) ** 2) / (losses.length * (1 - confidence)),
  );
}

describe('Monte Carlo ES against closed forms (methodology §6.5)', () => {
  it('bivariate normal: ES and Euler contributions within 4 standard errors', () => {
    const vector = golden.bivariateNormal;
    const scenarios = 400_000;
    // One-day horizon with daily vols: annualise so that σ·√(24/8760) is the daily vol.
    const annualVols = vector.dailyVols.map((vol) => vol * Math.sqrt(365));
    const returns = monteCarloLogReturns(
      {
        assets: ['BTC', 'ETH'],
        annualVols,
        correlationMatrix: Float64Array.from([1, vector.correlation, vector.correlation, 1]),
        horizonHours: 24,
        scenarios,
        distribution: { type: 'normal' },
      },
      createRng(2026),
    );
    // The closed form is for linear P&L w·x, so the P&L here is linear in the draws.
    const pnl = new Float64Array(scenarios * 2);
    for (let s = 0; s < scenarios; s++) {
      pnl[2 * s] = (vector.weights[0] ?? 0) * (returns[2 * s] ?? 0);
      pnl[2 * s + 1] = (vector.weights[1] ?? 0) * (returns[2 * s + 1] ?? 0);
    }
    const result = expectedShortfall(pnl, 2, vector.confidence);
    const error = shortfallStandardError(
      result.losses,
      result.tailIndices,
      result.expectedShortfall,
      result.valueAtRisk,
      vector.confidence,
    );
    expect(Math.abs(result.expectedShortfall - vector.expectedShortfall)).toBeLessThan(4 * error);
    // Contribution i's tail mean has standard error ≈ sd of its tail losses / √k.
    vector.contributions.forEach((expected, position) => {
      let mean = 0;
      let square = 0;
      for (const s of result.tailIndices) {
        const loss = -(pnl[2 * s + position] ?? 0);
        mean += loss;
        square += loss * loss;
      }
      mean /= result.tailCount;
      const sd = Math.sqrt(square / result.tailCount - mean * mean);
      expect(Math.abs((result.contributions[position] ?? 0) - expected)).toBeLessThan(
        4 * (sd / Math.sqrt(result.tailCount)) + 4 * error,
      );
    });
  });

  it.each(golden.studentTUnitVariance.cases)(
    'unit-variance Student-t ν=$nu: ES_99 $es within 4 standard errors',
    ({ nu, es }) => {
      const scenarios = 400_000;
      const returns = monteCarloLogReturns(
        {
          assets: ['X'],
          annualVols: [Math.sqrt(8760 / 24)],
          correlationMatrix: Float64Array.from([1]),
          horizonHours: 24,
          scenarios,
          distribution: { type: 'student-t', nu },
        },
        createRng(100 + nu),
      );
      const pnl = returns.map((value) => -value);
      const result = expectedShortfall(pnl, 1, 0.99);
      const error = shortfallStandardError(
        result.losses,
        result.tailIndices,
        result.expectedShortfall,
        result.valueAtRisk,
        0.99,
      );
      expect(Math.abs(result.expectedShortfall - es)).toBeLessThan(4 * error);
    },
  );
});
