import { describe, expect, it } from 'vitest';
import golden from '../../../test/golden/expected-shortfall-closed-form.json';
import { createRng } from '../math/rng';
import { expectedShortfall } from './expected-shortfall';
import { incrementalExpectedShortfall } from './incremental-es';
import { monteCarloLogReturns } from './monte-carlo-log-returns';

describe('incrementalExpectedShortfall (methodology §6.5: +10,000 BTC to the bivariate portfolio)', () => {
  const vector = golden.bivariateNormal;
  const scenarios = 400_000;
  const returns = monteCarloLogReturns(
    {
      assets: ['BTC', 'ETH'],
      annualVols: vector.dailyVols.map((vol) => vol * Math.sqrt(365)),
      correlationMatrix: Float64Array.from([1, vector.correlation, vector.correlation, 1]),
      horizonHours: 24,
      scenarios,
      distribution: { type: 'normal' },
    },
    createRng(31),
  );
  const pnl = new Float64Array(scenarios * 2);
  const trade = new Float64Array(scenarios);
  for (let s = 0; s < scenarios; s++) {
    pnl[2 * s] = (vector.weights[0] ?? 0) * (returns[2 * s] ?? 0);
    pnl[2 * s + 1] = (vector.weights[1] ?? 0) * (returns[2 * s + 1] ?? 0);
    trade[s] = 10_000 * (returns[2 * s] ?? 0);
  }
  const base = expectedShortfall(pnl, 2, vector.confidence);
  const result = incrementalExpectedShortfall(
    base.losses,
    base.tailIndices,
    trade,
    vector.confidence,
  );

  it('equals the ES recomputed with the trade, exactly, on the same scenarios', () => {
    const withTrade = new Float64Array(scenarios * 3);
    for (let s = 0; s < scenarios; s++)
      withTrade.set([pnl[2 * s] ?? 0, pnl[2 * s + 1] ?? 0, trade[s] ?? 0], 3 * s);
    expect(result.after).toBeCloseTo(
      expectedShortfall(withTrade, 3, vector.confidence).expectedShortfall,
      6,
    );
    expect(result.before).toBeCloseTo(base.expectedShortfall, 9);
  });

  it('is within 4 standard errors of the closed-form increment (880.04) and marginal estimate (852.87)', () => {
    // Standard errors from 20 independent batches of 20,000 scenarios (batch means' spread / √20).
    const batches = 20;
    const size = scenarios / batches;
    const increments: number[] = [];
    const marginals: number[] = [];
    for (let b = 0; b < batches; b++) {
      const batch = expectedShortfall(
        pnl.subarray(b * size * 2, (b + 1) * size * 2),
        2,
        vector.confidence,
      );
      const item = incrementalExpectedShortfall(
        batch.losses,
        batch.tailIndices,
        trade.subarray(b * size, (b + 1) * size),
        vector.confidence,
      );
      increments.push(item.incremental);
      marginals.push(item.marginal);
    }
    const standardError = (values: number[]) => {
      const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
      return Math.sqrt(
        values.reduce((sum, value) => sum + (value - mean) ** 2, 0) /
          (values.length - 1) /
          values.length,
      );
    };
    const closedFormIncrement =
      vector.incrementalTrade.expectedShortfall - vector.expectedShortfall;
    expect(Math.abs(result.incremental - closedFormIncrement)).toBeLessThan(
      4 * standardError(increments),
    );
    expect(Math.abs(result.marginal - 852.8686)).toBeLessThan(4 * standardError(marginals));
  });

  it('rejects a trade column of the wrong length', () => {
    expect(() =>
      incrementalExpectedShortfall(base.losses, base.tailIndices, new Float64Array(3), 0.99),
    ).toThrow('requires one trade P&L per scenario');
  });
});
