import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { black76Price, OptionType } from './black76';
import { impliedVol } from './implied-vol';

describe('impliedVol', () => {
  it('recovers the volatility from the price, deep in and out of the money and near expiry', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        fc.double({ min: 1 / 8760, max: 2, noNaN: true }),
        fc.double({ min: 0.05, max: 3, noNaN: true }),
        fc.constantFrom(OptionType.call, OptionType.put),
        (moneyness, timeToExpiry, lognormalVol, type) => {
          const input = { type, forward: 100_000, strike: 100_000 * moneyness, timeToExpiry };
          const price = black76Price({ ...input, lognormalVol });
          const intrinsic =
            type === OptionType.call
              ? Math.max(100_000 - input.strike, 0)
              : Math.max(input.strike - 100_000, 0);
          // Where the time value is below double precision of the price, no vol is identifiable.
          if (price - intrinsic < 1e-9 * Math.max(price, 1)) return true;
          const recovered = impliedVol({ ...input, price });
          return (
            Math.abs(black76Price({ ...input, lognormalVol: recovered }) - price) <=
            1e-10 * Math.max(price, 1e-6)
          );
        },
      ),
      { seed: 5, numRuns: 600 },
    );
  });

  it('recovers 80% vol on a 1-hour 10% out-of-the-money call and a 2-year 5× in-the-money put', () => {
    const otm = {
      type: OptionType.call,
      forward: 100_000,
      strike: 110_000,
      timeToExpiry: 1 / 8760,
    };
    expect(impliedVol({ ...otm, price: black76Price({ ...otm, lognormalVol: 0.8 }) })).toBeCloseTo(
      0.8,
      6,
    );
    const itm = { type: OptionType.put, forward: 100_000, strike: 500_000, timeToExpiry: 2 };
    expect(impliedVol({ ...itm, price: black76Price({ ...itm, lognormalVol: 0.8 }) })).toBeCloseTo(
      0.8,
      6,
    );
  });

  it('refuses prices outside the no-arbitrage bounds, and gives 0 at intrinsic', () => {
    const input = { type: OptionType.call, forward: 100, strike: 90, timeToExpiry: 0.5 };
    expect(() => impliedVol({ ...input, price: 9 })).toThrow('is below the intrinsic value 10');
    expect(() => impliedVol({ ...input, price: 100 })).toThrow(
      'is at or above the no-arbitrage bound 100',
    );
    expect(impliedVol({ ...input, price: 10 })).toBe(0);
    expect(() => impliedVol({ ...input, timeToExpiry: 0, price: 10 })).toThrow(
      'impliedVol requires time to expiry > 0',
    );
  });
});
