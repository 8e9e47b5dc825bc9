import { describe, expect, it } from 'vitest';
import { deltaOnePnlTotal } from './delta-one-pnl-total';
import { scenarioPnlMatrix } from './scenario-pnl-matrix';

describe('deltaOnePnlTotal', () => {
  const scenarios = {
    assetCount: 2,
    count: 3,
    logReturns: Float64Array.from([0.1, -0.2, 0, 0.05, -0.3, 0.4]),
  };
  const exposures = [
    { kind: 'delta-one', assetIndex: 0, quantity: 2, price: 100, usdPerSettle: 1 },
    { kind: 'delta-one', assetIndex: 1, quantity: -1, price: 50, usdPerSettle: 1 },
    { kind: 'delta-one', assetIndex: 0, quantity: -0.5, price: 100, usdPerSettle: 1 },
  ] as const;

  it('is the row sum of the full P&L matrix', () => {
    const matrix = scenarioPnlMatrix(scenarios, exposures, 24 / 8760);
    const total = deltaOnePnlTotal(scenarios, exposures);
    for (let s = 0; s < 3; s++) {
      const row = (matrix[s * 3] ?? 0) + (matrix[s * 3 + 1] ?? 0) + (matrix[s * 3 + 2] ?? 0);
      // Different addition order: a few ulps of the largest term.
      expect(Math.abs((total[s] ?? 0) - row)).toBeLessThanOrEqual(8 * Number.EPSILON * 200);
    }
    // By hand, scenario 0: 1.5 × 100 × (e^0.1 − 1) − 50 × (e^−0.2 − 1).
    expect(total[0]).toBeCloseTo(150 * Math.expm1(0.1) - 50 * Math.expm1(-0.2), 12);
  });

  it('refuses an asset outside the scenario set', () => {
    expect(() =>
      deltaOnePnlTotal(scenarios, [
        { kind: 'delta-one', assetIndex: 2, quantity: 1, price: 1, usdPerSettle: 1 },
      ]),
    ).toThrow('deltaOnePnlTotal requires asset indices in [0, 2), got 2');
  });
});
