import { describe, expect, it } from 'vitest';
import {
  liquidationDirection,
  liquidationDistance,
  liquidationDistanceVolUnits,
} from './liquidation-distance';

describe('liquidation distance', () => {
  const below = { liquidationPrice: 90_000, referencePrice: 100_000 };
  const above = { liquidationPrice: 110_000, referencePrice: 100_000 };
  const none = { liquidationPrice: null, referencePrice: 100_000 };

  it('in % of the reference, and the way the price must move', () => {
    expect(liquidationDistance(below)).toBeCloseTo(0.1, 15);
    expect(liquidationDistance(above)).toBeCloseTo(0.1, 15);
    expect(liquidationDirection(below)).toBe('down');
    expect(liquidationDirection(above)).toBe('up');
    expect(liquidationDistance(none)).toBeNull();
    expect(liquidationDirection(none)).toBeNull();
  });

  it('in horizon σ: |ln(liq/ref)| / (vol·√(h/8760))', () => {
    // ln(0.9) = −0.1053605; 50% a year over 8,760 h is σ = 0.5: 0.210721σ. Over 24 h,
    // σ = 0.5·√(24/8760) = 0.0261712: 4.025820σ.
    expect(liquidationDistanceVolUnits(below, 0.5, 8760)).toBeCloseTo(0.21072103131565256, 14);
    expect(liquidationDistanceVolUnits(below, 0.5, 24)).toBeCloseTo(4.02582, 5);
    // Up moves are measured in log terms too: ln(1.1) < |ln(0.9)|.
    expect(liquidationDistanceVolUnits(above, 0.5, 8760)).toBeCloseTo(Math.log(1.1) / 0.5, 15);
  });

  it('none without a liquidation price, a vol or a horizon', () => {
    expect(liquidationDistanceVolUnits(none, 0.5, 24)).toBeNull();
    expect(liquidationDistanceVolUnits(below, 0, 24)).toBeNull();
    expect(liquidationDistanceVolUnits(below, Number.NaN, 24)).toBeNull();
    expect(liquidationDistanceVolUnits(below, 0.5, 0)).toBeNull();
  });
});
