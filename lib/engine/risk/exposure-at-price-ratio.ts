import type { Exposure } from './exposure';

/**
 * An exposure revalued at a shifted reference: its asset's price multiplied by `priceRatio`
 * (a delta-one's price, an option's forward), everything else held (an option keeps its strike,
 * time to expiry and lognormal vol: sticky strike). A delta-one paid in a coin that moves too (a
 * linear contract settled in the moved coin) takes `usdPerSettleRatio` on its USD per unit of
 * settlement; 1 leaves it.
 *
 * Under the scenario kernel (exposure.ts) a delta-one's P&L, q·S₀·(e^r − 1)·u, is then scaled by
 * priceRatio·usdPerSettleRatio exactly; an option is revalued in full at F₀·priceRatio·e^r.
 *
 * Units: as the exposure's. Precondition: both ratios > 0 (a price stays a price). Cost: O(1).
 */
export function exposureAtPriceRatio(
  exposure: Exposure,
  priceRatio: number,
  usdPerSettleRatio = 1,
): Exposure {
  if (!(priceRatio > 0) || !(usdPerSettleRatio > 0))
    throw new RangeError(
      `exposureAtPriceRatio requires positive ratios, got ${priceRatio} and ${usdPerSettleRatio}`,
    );
  if (exposure.kind === 'option') return { ...exposure, forward: exposure.forward * priceRatio };
  return {
    ...exposure,
    price: exposure.price * priceRatio,
    usdPerSettle: exposure.usdPerSettle * usdPerSettleRatio,
  };
}
