/**
 * The liquidation prices of a single-underlying silo whose surplus (equity − maintenance margin)
 * is a non-linear function of the underlying price: the nearest price below and above the mark
 * where the surplus reaches zero. Used where a venue publishes no closed form (Deribit standard
 * margin with options, inverse books).
 *
 * Method: walk outwards from the mark on a log grid of 1% steps up to ×e^±5, then bisect the
 * first sign change to 1e-10 relative (60 halvings). A silo already at or below zero surplus is
 * liquidated at the mark. Returns null on a side with no sign change in range.
 */
export interface LiquidationPrices {
  readonly below: number | null;
  readonly above: number | null;
}

export function solveLiquidationPrices(
  surplus: (price: number) => number,
  mark: number,
): LiquidationPrices {
  if (surplus(mark) <= 0) return { below: mark, above: mark };
  return { below: search(surplus, mark, -1), above: search(surplus, mark, 1) };
}

function search(
  surplus: (price: number) => number,
  mark: number,
  direction: 1 | -1,
): number | null {
  let inside = mark;
  for (let step = 1; step <= 500; step++) {
    const outside = mark * Math.exp(direction * 0.01 * step);
    if (surplus(outside) <= 0) {
      let safe = inside;
      let breached = outside;
      for (
        let iteration = 0;
        iteration < 60 && Math.abs(breached - safe) > 1e-10 * mark;
        iteration++
      ) {
        const middle = 0.5 * (safe + breached);
        if (surplus(middle) <= 0) breached = middle;
        else safe = middle;
      }
      return 0.5 * (safe + breached);
    }
    inside = outside;
  }
  return null;
}

/** Of the two liquidation prices, the one nearer the reference price (null when neither exists). */
export function nearestLiquidationPrice(
  prices: LiquidationPrices,
  reference: number,
): number | null {
  const { below, above } = prices;
  if (below === null) return above;
  if (above === null) return below;
  return reference - below <= above - reference ? below : above;
}

/**
 * For a multi-underlying silo, each underlying's nearest liquidation price with the other
 * underlyings held at their reference prices: `surplusAt(prices)` is the silo's surplus at a
 * full price vector (in `bases` order). Solved once per underlying, on first request.
 */
export function perUnderlyingLiquidationPrices(
  bases: readonly string[],
  references: readonly number[],
  surplusAt: (prices: readonly number[]) => number,
): (base: string) => number | null {
  const solved = new Map<string, number | null>();
  return (base) => {
    if (!solved.has(base)) {
      const unit = bases.indexOf(base);
      const reference = references[unit] ?? 0;
      const prices = solveLiquidationPrices(
        (price) => surplusAt(references.map((other, index) => (index === unit ? price : other))),
        reference,
      );
      solved.set(base, nearestLiquidationPrice(prices, reference));
    }
    return solved.get(base) ?? null;
  };
}
