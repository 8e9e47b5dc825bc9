import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/engine/math/rng';
import { christoffersenTest } from '../../lib/engine/risk/christoffersen-test';
import { kupiecTest } from '../../lib/engine/risk/kupiec-test';
import { varTestsFalseFailureRate } from '../../scripts/backtest/var-test-size';

/**
 * The simulated chance that a correct model fails a row's VaR tests, against the exact chance on
 * a short row: over all 2ⁿ exception sequences of n = 10 days, Σ P(sequence)·[a test rejects],
 * P(sequence) = pˣ(1 − p)ⁿ⁻ˣ with x exceptions.
 */
function exactFailureRate(days: number, rate: number): number {
  let total = 0;
  for (let bits = 0; bits < 2 ** days; bits++) {
    const exceptions = Array.from({ length: days }, (_, day) => ((bits >> day) & 1) === 1);
    const count = exceptions.filter(Boolean).length;
    const christoffersen = christoffersenTest(exceptions, rate);
    if (
      kupiecTest(count, days, rate).rejectedAt5Percent ||
      christoffersen.independenceRejectedAt5Percent ||
      christoffersen.conditionalCoverageRejectedAt5Percent
    )
      total += rate ** count * (1 - rate) ** (days - count);
  }
  return total;
}

describe('varTestsFalseFailureRate', () => {
  it('agrees with the exact rate over every sequence of 10 days, within 4 standard errors', () => {
    const simulations = 20_000;
    for (const rate of [0.05, 0.2]) {
      const exact = exactFailureRate(10, rate);
      const simulated = varTestsFalseFailureRate(10, rate, simulations, createRng(7));
      const standardError = Math.sqrt((exact * (1 - exact)) / simulations);
      expect(exact).toBeGreaterThan(0);
      expect(Math.abs(simulated - exact)).toBeLessThan(4 * standardError);
    }
  });

  it('refuses fewer than two days or no simulations', () => {
    expect(() => varTestsFalseFailureRate(1, 0.01, 10, createRng(1))).toThrow('at least two days');
    expect(() => varTestsFalseFailureRate(10, 0.01, 0, createRng(1))).toThrow('simulations');
  });
});
