import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import golden from '../../../test/golden/black76.json';
import { black76Greeks, black76Price, OptionType, type Black76Input } from './black76';

function close(actual: number, expected: number, relative: number, absolute: number): boolean {
  return Math.abs(actual - expected) <= relative * Math.abs(expected) + absolute;
}

describe('black76Price and black76Greeks against the independent Python implementation', () => {
  it.each(
    golden.cases.map(
      (vector) =>
        [
          `${vector.type} K=${vector.strike} T=${vector.timeToExpiry.toPrecision(3)} σ=${vector.lognormalVol} DF=${vector.discountFactor}`,
          vector,
        ] as const,
    ),
  )('%s', (_label, vector) => {
    const input = vector as unknown as Black76Input;
    expect(close(black76Price(input), vector.price, 1e-12, 1e-9)).toBe(true);
    const greeks = black76Greeks(input);
    expect(close(greeks.delta, vector.delta, 1e-10, 1e-12)).toBe(true);
    expect(close(greeks.gamma, vector.gamma, 1e-10, 1e-20)).toBe(true);
    expect(close(greeks.vega, vector.vega, 1e-10, 1e-9)).toBe(true);
    expect(close(greeks.theta, vector.theta, 1e-10, 1e-9)).toBe(true);
  });
});

const option = fc.record({
  forward: fc.double({ min: 1, max: 200_000, noNaN: true }),
  moneyness: fc.double({ min: 0.3, max: 3, noNaN: true }),
  timeToExpiry: fc.double({ min: 1 / 8760, max: 3, noNaN: true }),
  lognormalVol: fc.double({ min: 0.05, max: 3, noNaN: true }),
  discountFactor: fc.double({ min: 0.8, max: 1, noNaN: true }),
});

describe('Black-76 properties', () => {
  it('satisfies put-call parity: C − P = DF·(F − K)', () => {
    fc.assert(
      fc.property(option, ({ moneyness, ...rest }) => {
        const input = { ...rest, strike: rest.forward * moneyness };
        const call = black76Price({ ...input, type: OptionType.call });
        const put = black76Price({ ...input, type: OptionType.put });
        return close(
          call - put,
          rest.discountFactor * (rest.forward - input.strike),
          1e-10,
          1e-10 * rest.forward,
        );
      }),
      { seed: 76, numRuns: 500 },
    );
  });

  it('has greeks that match central finite differences', () => {
    fc.assert(
      fc.property(
        option,
        fc.constantFrom(OptionType.call, OptionType.put),
        ({ moneyness, ...rest }, type) => {
          const input = { ...rest, type, strike: rest.forward * moneyness };
          const greeks = black76Greeks(input);
          // Steps scale with the width of the distribution, F·σ·√T, so truncation error stays ~1e-6.
          const h = rest.forward * rest.lognormalVol * Math.sqrt(rest.timeToExpiry) * 1e-3;
          const up = black76Price({ ...input, forward: rest.forward + h });
          const down = black76Price({ ...input, forward: rest.forward - h });
          // Gamma: a 10× wider step (truncation ~1e-4 relative); the value is a difference of terms
          // of size F, so the second difference also carries round-off up to ~8ε·F/h².
          const hGamma = 10 * h;
          const gammaFd =
            (black76Price({ ...input, forward: rest.forward + hGamma }) -
              2 * black76Price(input) +
              black76Price({ ...input, forward: rest.forward - hGamma })) /
            (hGamma * hGamma);
          const gammaRoundOff = (8 * Number.EPSILON * rest.forward) / (hGamma * hGamma);
          const dv = 1e-5;
          const vega =
            (black76Price({ ...input, lognormalVol: rest.lognormalVol + dv }) -
              black76Price({ ...input, lognormalVol: rest.lognormalVol - dv })) /
            (2 * dv);
          const dt = Math.min(rest.timeToExpiry * 1e-4, 1e-6);
          const theta =
            -(
              black76Price({ ...input, timeToExpiry: rest.timeToExpiry + dt }) -
              black76Price({ ...input, timeToExpiry: rest.timeToExpiry - dt })
            ) /
            (2 * dt);
          const scale = rest.forward;
          return (
            close(greeks.delta, (up - down) / (2 * h), 1e-6, 1e-7) &&
            close(greeks.gamma, gammaFd, 1e-3, gammaRoundOff) &&
            close(greeks.vega, vega, 1e-6, 1e-7 * scale) &&
            close(greeks.theta, theta, 1e-4, 1e-6 * scale)
          );
        },
      ),
      { seed: 77, numRuns: 300 },
    );
  });

  it('is worth its discounted intrinsic value at and after expiry, and with zero vol', () => {
    const base = { forward: 100, strike: 90, lognormalVol: 0.5, discountFactor: 0.99 };
    expect(black76Price({ ...base, type: OptionType.call, timeToExpiry: 0 })).toBeCloseTo(9.9, 12);
    expect(black76Price({ ...base, type: OptionType.put, timeToExpiry: -0.1 })).toBe(0);
    expect(
      black76Price({ ...base, type: OptionType.call, timeToExpiry: 1, lognormalVol: 0 }),
    ).toBeCloseTo(9.9, 12);
    expect(black76Greeks({ ...base, type: OptionType.call, timeToExpiry: 0 })).toEqual({
      delta: 0.99,
      gamma: 0,
      vega: 0,
      theta: 0,
    });
  });

  it('rejects a non-positive forward or strike', () => {
    expect(() =>
      black76Price({
        type: OptionType.call,
        forward: 0,
        strike: 1,
        timeToExpiry: 1,
        lognormalVol: 0.5,
      }),
    ).toThrow('black76Price requires a positive forward and strike');
  });
});
