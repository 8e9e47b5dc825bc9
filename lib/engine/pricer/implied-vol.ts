import { black76Greeks, black76Price, OptionType, type Black76Input } from './black76';

/**
 * Black-76 implied volatility: the σ at which the model value equals `price`.
 *
 * Safeguarded Newton–bisection (Numerical Recipes' rtsafe): a bracket [σ_lo, σ_hi] that always
 * holds the root, Newton steps on vega when they stay inside it, bisection otherwise. It therefore
 * converges deep in or out of the money and near expiry, where vega vanishes and plain Newton
 * diverges. Tolerance: |value − price| ≤ 1e-12·max(price, 1e-300) or a bracket narrower than
 * 1e-12·σ. Bracket [1e-8, 20] (0.000001% to 2,000% a year).
 *
 * Policy: a price below the discounted intrinsic value or at or above the no-arbitrage bound
 * (DF·F for a call, DF·K for a put) has no implied vol and is rejected with the reason; a price
 * equal to intrinsic returns 0. Cost: typically 5–10 Black-76 evaluations, at most 200.
 */
export interface ImpliedVolInput extends Omit<Black76Input, 'lognormalVol'> {
  readonly price: number;
}

const MIN_VOL = 1e-8;
const MAX_VOL = 20;

export function impliedVol(input: ImpliedVolInput): number {
  const { price, type, forward, strike, timeToExpiry } = input;
  const discount = input.discountFactor ?? 1;
  if (!(timeToExpiry > 0)) throw new RangeError('impliedVol requires time to expiry > 0');
  const intrinsic =
    discount *
    (type === OptionType.call ? Math.max(forward - strike, 0) : Math.max(strike - forward, 0));
  const upper = discount * (type === OptionType.call ? forward : strike);
  if (!(price >= intrinsic - 1e-14 * upper))
    throw new RangeError(`impliedVol: price ${price} is below the intrinsic value ${intrinsic}`);
  if (!(price < upper))
    throw new RangeError(
      `impliedVol: price ${price} is at or above the no-arbitrage bound ${upper}`,
    );
  if (price <= intrinsic) return 0;
  const valueAt = (vol: number) => black76Price({ ...input, lognormalVol: vol }) - price;
  let low = MIN_VOL;
  let high = MAX_VOL;
  if (valueAt(high) < 0)
    throw new RangeError(`impliedVol: price ${price} needs a volatility above ${MAX_VOL * 100}%`);
  if (valueAt(low) > 0) return low;
  let vol = Math.min(
    Math.max(Math.sqrt((2 * Math.abs(Math.log(forward / strike))) / timeToExpiry), 0.1),
    5,
  );
  for (let iteration = 0; iteration < 200; iteration++) {
    const difference = valueAt(vol);
    if (Math.abs(difference) <= 1e-12 * Math.max(price, 1e-300)) return vol;
    if (difference > 0) high = vol;
    else low = vol;
    const vega = black76Greeks({ ...input, lognormalVol: vol }).vega;
    const newton = vega > 0 ? vol - difference / vega : Number.NaN;
    vol = newton > low && newton < high ? newton : 0.5 * (low + high);
    if (high - low <= 1e-12 * vol) return vol;
  }
  return vol;
}
