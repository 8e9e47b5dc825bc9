import type { PositionMargin } from '../margin/margin-types';
import { HOURS_PER_YEAR } from '../risk/monte-carlo-log-returns';

/**
 * How far a position is from its liquidation price: in % of the reference price, in horizon
 * standard deviations, and in which direction the price must move. The reference is the mark
 * (the index for options); the liquidation price and the reference are in the quote currency.
 */

/**
 * Distance to liquidation as a fraction of the reference: |liquidation − reference| / reference;
 * null when the position has no liquidation price.
 */
export function liquidationDistance(
  margin: Pick<PositionMargin, 'liquidationPrice' | 'referencePrice'>,
): number | null {
  return margin.liquidationPrice === null
    ? null
    : Math.abs(margin.liquidationPrice - margin.referencePrice) / margin.referencePrice;
}

/**
 * Which way the price must move to reach the liquidation price: 'down' when it is below the
 * reference, else 'up' (a price exactly at the reference reads 'up'); null without one.
 */
export function liquidationDirection(
  margin: Pick<PositionMargin, 'liquidationPrice' | 'referencePrice'>,
): 'down' | 'up' | null {
  if (margin.liquidationPrice === null) return null;
  return margin.liquidationPrice < margin.referencePrice ? 'down' : 'up';
}

/**
 * Distance to liquidation in horizon standard deviations of the log price:
 *
 *   |ln(liquidation / reference)| / (annualVol · √(horizonHours / 8760))
 *
 * with `annualVol` the lognormal vol of the position's underlying (a fraction a year) and the
 * horizon in hours. Null without a liquidation price, or when the vol or horizon is not positive
 * (no σ to measure in). Cost: O(1).
 */
export function liquidationDistanceVolUnits(
  margin: Pick<PositionMargin, 'liquidationPrice' | 'referencePrice'>,
  annualVol: number,
  horizonHours: number,
): number | null {
  const horizonVol = annualVol * Math.sqrt(horizonHours / HOURS_PER_YEAR);
  if (margin.liquidationPrice === null || !(horizonVol > 0)) return null;
  return Math.abs(Math.log(margin.liquidationPrice / margin.referencePrice)) / horizonVol;
}
