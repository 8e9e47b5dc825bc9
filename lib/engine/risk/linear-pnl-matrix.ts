/**
 * Scenario P&L of linear exposures, revalued in full (never linearised):
 *
 *   pnl[s, p] = signedQuantity_p × mark_p × (exp(r[s, asset_p]) − 1)
 *
 * for a linear contract or spot holding of signed base quantity at mark price (a shocked price
 * is mark·exp(r)). Output: row-major Float64Array scenarios × exposures, in the settlement
 * asset's units. Cost: O(N·P).
 */
export interface LinearExposure {
  /** Column of the asset in the log-return matrix. */
  readonly assetIndex: number;
  /** Base units, positive long, negative short. */
  readonly signedQuantity: number;
  readonly markPrice: number;
  /** USD per unit of the settlement asset (1 for USDT at peg). */
  readonly settlementPriceUsd: number;
}

export function linearPnlMatrix(
  logReturns: Float64Array,
  assetCount: number,
  exposures: readonly LinearExposure[],
): Float64Array {
  const scenarios = assetCount === 0 ? 0 : logReturns.length / assetCount;
  const count = exposures.length;
  const pnl = new Float64Array(scenarios * count);
  const scale = exposures.map(
    (exposure) => exposure.signedQuantity * exposure.markPrice * exposure.settlementPriceUsd,
  );
  for (let scenario = 0; scenario < scenarios; scenario++) {
    const returnRow = scenario * assetCount;
    const pnlRow = scenario * count;
    for (let p = 0; p < count; p++) {
      const exposure = exposures[p] as LinearExposure;
      pnl[pnlRow + p] =
        (scale[p] ?? 0) * Math.expm1(logReturns[returnRow + exposure.assetIndex] ?? 0);
    }
  }
  return pnl;
}
