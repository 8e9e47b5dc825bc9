import { describe, expect, it } from 'vitest';
import type { OptionExposure } from './exposure';
import { optionValue } from './exposure';
import { exposureDeltaUsd } from './exposure-delta-usd';

const PUT: OptionExposure = {
  kind: 'option',
  assetIndex: 0,
  quantity: -3,
  type: 'put',
  strike: 90000,
  forward: 95000,
  timeToExpiry: 14 / 365,
  lognormalVol: 0.6,
};

describe('exposureDeltaUsd', () => {
  it('is q·S·u for a delta-one exposure', () => {
    expect(
      exposureDeltaUsd({
        kind: 'delta-one',
        assetIndex: 0,
        quantity: -0.8,
        price: 95000,
        usdPerSettle: 1.0002,
      }),
    ).toBeCloseTo(-0.8 * 95000 * 1.0002, 9);
  });

  it('is q·F·Δ for an option: the central finite difference of its value, times F', () => {
    const bump = 1e-4 * PUT.forward;
    const slope =
      (optionValue(PUT, PUT.forward + bump) - optionValue(PUT, PUT.forward - bump)) / (2 * bump);
    const expected = PUT.quantity * PUT.forward * slope;
    expect(Math.abs(exposureDeltaUsd(PUT) / expected - 1)).toBeLessThan(1e-6);
    expect(exposureDeltaUsd(PUT)).toBeGreaterThan(0); // a short put is long the underlying
  });

  it('at expiry, an option out of the money has no delta', () => {
    expect(exposureDeltaUsd({ ...PUT, timeToExpiry: 0 })).toBeCloseTo(0, 12);
  });
});
