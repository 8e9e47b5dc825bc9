import { describe, expect, it } from 'vitest';
import { nearestLiquidationPrice, perUnderlyingLiquidationPrices } from './solve-liquidation-price';

describe('perUnderlyingLiquidationPrices', () => {
  it('solves each underlying with the others at their reference (closed form: linear book)', () => {
    // Surplus = 20 + 1·(pA − 100) − 2·(pB − 50): A liquidates at 80, B at 60.
    let calls = 0;
    const levelOf = perUnderlyingLiquidationPrices(['A', 'B'], [100, 50], ([a = 0, b = 0]) => {
      calls += 1;
      return 20 + (a - 100) - 2 * (b - 50);
    });
    expect(levelOf('A')).toBeCloseTo(80, 6);
    expect(levelOf('B')).toBeCloseTo(60, 6);
    const solvedCalls = calls;
    expect(levelOf('A')).toBeCloseTo(80, 6); // solved once, then remembered
    expect(calls).toBe(solvedCalls);
  });

  it('picks the nearer side, and null when there is none', () => {
    expect(nearestLiquidationPrice({ below: 90, above: 120 }, 100)).toBe(90);
    expect(nearestLiquidationPrice({ below: 70, above: 120 }, 100)).toBe(120);
    expect(nearestLiquidationPrice({ below: null, above: 120 }, 100)).toBe(120);
    expect(nearestLiquidationPrice({ below: null, above: null }, 100)).toBeNull();
  });
});
