import { describe, expect, it } from 'vitest';
import type { DeltaOneExposure, OptionExposure } from './exposure';
import { optionValue } from './exposure';
import { exposureAtPriceRatio } from './exposure-at-price-ratio';
import { scenarioPnlMatrix } from './scenario-pnl-matrix';

const LINEAR: DeltaOneExposure = Object.freeze({
  kind: 'delta-one',
  assetIndex: 0,
  quantity: -0.8,
  price: 95057.54,
  usdPerSettle: 1,
});
const CALL: OptionExposure = Object.freeze({
  kind: 'option',
  assetIndex: 0,
  quantity: 2,
  type: 'call',
  strike: 100000,
  forward: 95000,
  timeToExpiry: 30 / 365,
  lognormalVol: 0.55,
});

/** One scenario: the asset moves by a log-return of −5%. */
const SCENARIO = { assetCount: 1, count: 1, logReturns: new Float64Array([-0.05]) };

describe('exposureAtPriceRatio', () => {
  it("scales a delta-one's scenario P&L by the ratio exactly", () => {
    const [before] = scenarioPnlMatrix(SCENARIO, [LINEAR], 0);
    const [after] = scenarioPnlMatrix(SCENARIO, [exposureAtPriceRatio(LINEAR, 1.045)], 0);
    expect(after).toBeCloseTo((before ?? 0) * 1.045, 9);
  });

  it('scales the USD per unit of settlement when the coin paid in moves too', () => {
    const shifted = exposureAtPriceRatio({ ...LINEAR, usdPerSettle: 3000 }, 1, 0.9);
    expect(shifted).toMatchObject({ price: LINEAR.price, usdPerSettle: 2700 });
  });

  it('revalues an option in full at the shifted forward, strike, expiry and vol held', () => {
    const shifted = exposureAtPriceRatio(CALL, 1.1);
    const forward = CALL.forward * 1.1;
    expect(shifted).toEqual({ ...CALL, forward });
    const [pnl] = scenarioPnlMatrix(SCENARIO, [shifted], 0);
    const expected =
      2 * (optionValue(CALL, forward * Math.exp(-0.05)) - optionValue(CALL, forward));
    expect(pnl).toBeCloseTo(expected, 6);
  });

  it('leaves its input unchanged and refuses a ratio that is not a price ratio', () => {
    exposureAtPriceRatio(LINEAR, 2);
    expect(LINEAR.price).toBe(95057.54);
    expect(() => exposureAtPriceRatio(LINEAR, 0)).toThrow(
      'exposureAtPriceRatio requires positive ratios, got 0 and 1',
    );
    expect(() => exposureAtPriceRatio(LINEAR, 1, Number.NaN)).toThrow(RangeError);
  });
});
