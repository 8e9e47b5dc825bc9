import { describe, expect, it } from 'vitest';
import {
  liquidationAdverseDistance,
  liquidationDirection,
  liquidationDistance,
  liquidationDistanceVolUnits,
} from './liquidation-distance';

const below = { liquidationPrice: 90_000, referencePrice: 100_000 };
const above = { liquidationPrice: 110_000, referencePrice: 100_000 };
const none = { liquidationPrice: null, referencePrice: 100_000 };

describe('liquidation distance', () => {
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

describe('liquidation distance, adverse and signed for the position', () => {
  // The review's example: an isolated Bybit short, liquidation 98,525, mark 106,000: already
  // 7,475 / 106,000 = 7.0519% past, not 7.05% away "down".
  const pastShort = {
    liquidationPrice: 98_525,
    referencePrice: 106_000,
    side: 'short',
    marginMode: 'isolated',
  } as const;

  it('an isolated short past its price: dies on a rise, distance ≤ 0, passed', () => {
    const distance = liquidationAdverseDistance(pastShort, false, 0.5, 24);
    expect(distance?.direction).toBe('up');
    expect(distance?.distancePct).toBeCloseTo(-7475 / 106_000, 15);
    expect(distance?.distanceVolUnits).toBeLessThan(0);
    expect(distance?.distanceVolUnits).toBeCloseTo(
      -(liquidationDistanceVolUnits(pastShort, 0.5, 24) ?? Number.NaN),
      15,
    );
    expect(distance?.passed).toBe(true);
  });

  it('an isolated long past its price (mark below it) dies on a fall, passed', () => {
    const distance = liquidationAdverseDistance(
      { liquidationPrice: 110_000, referencePrice: 100_000, side: 'long', marginMode: 'isolated' },
      false,
      0.5,
      24,
    );
    expect(distance).toMatchObject({ direction: 'down', passed: true });
    expect(distance?.distancePct).toBeCloseTo(-0.1, 15);
  });

  it('not past: the same figures as the unsigned ones', () => {
    const long = { ...below, side: 'long', marginMode: 'isolated' } as const;
    expect(liquidationAdverseDistance(long, false, 0.5, 24)).toEqual({
      direction: 'down',
      distancePct: liquidationDistance(below),
      distanceVolUnits: liquidationDistanceVolUnits(below, 0.5, 24),
      passed: false,
    });
  });

  it('exactly at the price is passed (distance 0)', () => {
    const at = { liquidationPrice: 100_000, referencePrice: 100_000 };
    const distance = liquidationAdverseDistance(
      { ...at, side: 'long', marginMode: 'isolated' },
      false,
      0.5,
      24,
    );
    expect(distance?.passed).toBe(true);
    expect(distance?.distancePct).toBe(-0);
  });

  it('cross: the side the price lies on while the account stands, the other side once it does not', () => {
    const cross = { ...above, side: 'long', marginMode: 'cross' } as const;
    expect(liquidationAdverseDistance(cross, false, 0.5, 24)).toMatchObject({
      direction: 'up',
      passed: false,
    });
    const past = liquidationAdverseDistance(cross, true, 0.5, 24);
    expect(past).toMatchObject({ direction: 'down', passed: true });
    expect(past?.distancePct).toBeCloseTo(-0.1, 15);
  });

  it('none without a liquidation price; no σ without a vol', () => {
    expect(
      liquidationAdverseDistance({ ...none, side: 'long', marginMode: 'isolated' }, false, 0.5, 24),
    ).toBeNull();
    expect(liquidationAdverseDistance(pastShort, false, 0, 24)?.distanceVolUnits).toBeNull();
  });
});
