/**
 * Every choice of one tier per leg (the Cartesian product of the legs' tier lists), in odometer
 * order, the first leg fastest. The multi-tier liquidation solves try each combination and keep
 * the one whose tiers hold at the solved price (methodology §0). Cost: Π tiers per leg.
 */
export function* tierCombinations<Tier>(
  legs: readonly { readonly tiers: readonly Tier[] }[],
): Generator<Tier[]> {
  const indices = legs.map(() => 0);
  for (;;) {
    yield indices.map((tierIndex, legIndex) => legs[legIndex]?.tiers[tierIndex] as Tier);
    let position = 0;
    while (position < legs.length) {
      const index = indices[position] ?? 0;
      if (index + 1 < (legs[position]?.tiers.length ?? 0)) {
        indices[position] = index + 1;
        break;
      }
      indices[position] = 0;
      position++;
    }
    if (position === legs.length) return;
  }
}
