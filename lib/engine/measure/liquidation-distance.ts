import type { PositionMargin } from '../margin/margin-types';
import { MarginMode, Side } from '../product/types';
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

/** A position's distance to liquidation, signed for the way it dies (liquidationAdverseDistance). */
export interface AdverseLiquidationDistance {
  /** The way the price moves to liquidate (or further liquidate) the position. */
  readonly direction: 'down' | 'up';
  /** Fraction of the reference still to go that way; ≤ 0 when the price is already past. */
  readonly distancePct: number;
  /** The same in horizon σ (signed like `distancePct`); null without a vol or a horizon. */
  readonly distanceVolUnits: number | null;
  /** The reference is at or beyond the liquidation price: the position is due for liquidation. */
  readonly passed: boolean;
}

/**
 * Distance to liquidation, adverse and signed. The direction is the one the position dies in:
 * an isolated long dies on a fall ('down'), an isolated short on a rise ('up'); a cross (or
 * portfolio-margin) position's liquidation price is the account's, so its direction is the side
 * of the reference the price lies on while the account is above maintenance
 * (`accountPassed` false) and the other side once it is not (the price then marks the way back).
 *
 *   distancePct = ±(liquidation − reference) / reference, > 0 while the price is still ahead
 *   distanceVolUnits = ±|ln(liquidation / reference)| / (annualVol · √(horizonHours / 8760))
 *
 * A price already past (or exactly at the reference) gives a distance ≤ 0 and `passed`. Not past,
 * the figures equal liquidationDistance / liquidationDirection / liquidationDistanceVolUnits.
 * Null without a liquidation price. Cost: O(1).
 */
export function liquidationAdverseDistance(
  margin: Pick<PositionMargin, 'liquidationPrice' | 'referencePrice' | 'side' | 'marginMode'>,
  accountPassed: boolean,
  annualVol: number,
  horizonHours: number,
): AdverseLiquidationDistance | null {
  const distance = liquidationDistance(margin);
  const sideOfPrice = liquidationDirection(margin);
  if (distance === null || sideOfPrice === null) return null;
  const volUnits = liquidationDistanceVolUnits(margin, annualVol, horizonHours);
  const opposite = sideOfPrice === 'down' ? 'up' : 'down';
  const direction =
    margin.marginMode === MarginMode.isolated
      ? margin.side === Side.long
        ? 'down'
        : 'up'
      : accountPassed
        ? opposite
        : sideOfPrice;
  const ahead = direction === sideOfPrice && distance > 0;
  return {
    direction,
    distancePct: ahead ? distance : -distance,
    distanceVolUnits: volUnits === null ? null : ahead ? volUnits : -volUnits,
    passed: !ahead,
  };
}
