import type { PositionMargin } from '../margin/margin-types';

/**
 * How far a position is from its liquidation price: |liquidation − reference| / reference, a
 * fraction of the reference price (the mark; the index for options); null when the position
 * has no liquidation price.
 */
export function liquidationDistance(
  margin: Pick<PositionMargin, 'liquidationPrice' | 'referencePrice'>,
): number | null {
  return margin.liquidationPrice === null
    ? null
    : Math.abs(margin.liquidationPrice - margin.referencePrice) / margin.referencePrice;
}
