import { normalCdf, normalPdf } from '../math/normal';

/**
 * Black-76 value and greeks of a European option on a forward (Black 1976, "The pricing of
 * commodity contracts", J. Financial Economics 3):
 *
 *   d1 = (ln(F/K) + σ²T/2)/(σ√T),  d2 = d1 − σ√T
 *   call = DF·(F·Φ(d1) − K·Φ(d2)),  put = DF·(K·Φ(−d2) − F·Φ(−d1))
 *
 * Units: forward and strike in the quote currency (USD per unit), timeToExpiry in years of 365
 * days, lognormalVol annualised, discountFactor in (0, 1] (1 for undiscounted crypto venue
 * marks). The value is per one unit of underlying, in the quote currency.
 * Policy: at or after expiry (T ≤ 0) or with σ = 0 the value is the discounted intrinsic value;
 * non-positive forward or strike is rejected. Cost: O(1), two Φ and one log.
 */
export const OptionType = { call: 'call', put: 'put' } as const;
export type OptionType = (typeof OptionType)[keyof typeof OptionType];

export interface Black76Input {
  readonly type: OptionType;
  readonly forward: number;
  readonly strike: number;
  readonly timeToExpiry: number;
  readonly lognormalVol: number;
  readonly discountFactor?: number;
}

export interface Black76Greeks {
  /** ∂V/∂F. */
  readonly delta: number;
  /** ∂²V/∂F². */
  readonly gamma: number;
  /** ∂V/∂σ per 1.00 (100 vol points) of volatility. */
  readonly vega: number;
  /** ∂V/∂t per year of calendar time (= −∂V/∂T with the discount factor held). */
  readonly theta: number;
}

export function black76Price(input: Black76Input): number {
  const { type, forward, strike, timeToExpiry, lognormalVol } = input;
  const discount = input.discountFactor ?? 1;
  if (!(forward > 0) || !(strike > 0))
    throw new RangeError(
      `black76Price requires a positive forward and strike, got ${forward} and ${strike}`,
    );
  const intrinsic =
    type === OptionType.call ? Math.max(forward - strike, 0) : Math.max(strike - forward, 0);
  const totalVol = lognormalVol * Math.sqrt(Math.max(timeToExpiry, 0));
  if (!(totalVol > 0)) return discount * intrinsic;
  const d1 = Math.log(forward / strike) / totalVol + 0.5 * totalVol;
  const d2 = d1 - totalVol;
  const value =
    type === OptionType.call
      ? forward * normalCdf(d1) - strike * normalCdf(d2)
      : strike * normalCdf(-d2) - forward * normalCdf(-d1);
  return discount * Math.max(value, 0);
}

export function black76Greeks(input: Black76Input): Black76Greeks {
  const { type, forward, strike, timeToExpiry, lognormalVol } = input;
  const discount = input.discountFactor ?? 1;
  if (!(forward > 0) || !(strike > 0))
    throw new RangeError(
      `black76Greeks requires a positive forward and strike, got ${forward} and ${strike}`,
    );
  const sqrtT = Math.sqrt(Math.max(timeToExpiry, 0));
  const totalVol = lognormalVol * sqrtT;
  if (!(totalVol > 0)) {
    const inTheMoney = type === OptionType.call ? forward > strike : forward < strike;
    return {
      delta: inTheMoney ? discount * (type === OptionType.call ? 1 : -1) : 0,
      gamma: 0,
      vega: 0,
      theta: 0,
    };
  }
  const d1 = Math.log(forward / strike) / totalVol + 0.5 * totalVol;
  const density = normalPdf(d1);
  return {
    delta: type === OptionType.call ? discount * normalCdf(d1) : -discount * normalCdf(-d1),
    gamma: (discount * density) / (forward * totalVol),
    vega: discount * forward * density * sqrtT,
    theta: (-discount * forward * density * lognormalVol) / (2 * sqrtT),
  };
}
