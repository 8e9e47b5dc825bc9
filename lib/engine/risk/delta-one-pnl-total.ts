import type { DeltaOneExposure } from './exposure';
import type { ScenarioSet } from './scenario-pnl-matrix';

/**
 * The summed scenario P&L (USD) of a few delta-one exposures, revalued in full, never
 * linearised (exposure.ts):
 *
 *   total[s] = Σ_a c_a · (e^{r[s, a]} − 1),   c_a = Σ_{p on asset a} q_p · S_p · u_p
 *
 * with q the signed base quantity, S the price now, u the USD per settlement unit. The pre-trade
 * check's order column: one exponential per scenario and asset touched, whatever the book's
 * other assets. Output: Float64Array of one total per scenario. Cost: O(N·A_touched + P).
 */
export function deltaOnePnlTotal(
  scenarios: ScenarioSet,
  exposures: readonly DeltaOneExposure[],
  /** Where to write the totals (length N, overwritten), reused across calls; new when absent. */
  out?: Float64Array,
): Float64Array {
  const { count, assetCount, logReturns } = scenarios;
  const coefficients = new Map<number, number>();
  for (const exposure of exposures) {
    if (exposure.assetIndex < 0 || exposure.assetIndex >= assetCount)
      throw new RangeError(
        `deltaOnePnlTotal requires asset indices in [0, ${assetCount}), got ${exposure.assetIndex}`,
      );
    coefficients.set(
      exposure.assetIndex,
      (coefficients.get(exposure.assetIndex) ?? 0) +
        exposure.quantity * exposure.price * exposure.usdPerSettle,
    );
  }
  const total = out !== undefined && out.length === count ? out.fill(0) : new Float64Array(count);
  for (const [asset, coefficient] of coefficients) {
    if (coefficient === 0) continue;
    for (let s = 0; s < count; s++)
      total[s] =
        (total[s] as number) +
        coefficient * (Math.exp(logReturns[s * assetCount + asset] as number) - 1);
  }
  return total;
}
