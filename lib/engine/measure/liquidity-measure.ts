import { liquidityAddOn } from '../risk/liquidity-add-on';
import type { ResolvedInputs } from './resolve-inputs';

/**
 * The liquidity measure: each scenario exposure's cost of closing (half spread + square-root
 * impact, liquidity-add-on.ts), USD, in exposure order (coin balances included: collateral in a
 * coin is sold at the same cost); null where the asset has no daily volume (a `liquidity-add-on`
 * refusal names each such position).
 */
export interface LiquidityMeasure {
  readonly addOns: readonly (number | null)[];
  /** Sum of the add-ons that could be computed. */
  readonly total: number;
}

export function liquidityMeasure(inputs: ResolvedInputs): LiquidityMeasure {
  const { market, exposures } = inputs;
  const addOns = exposures.owners.map((owner, index) => {
    const assetIndex = exposures.exposures[index]?.assetIndex ?? -1;
    const asset = market.assets[assetIndex] ?? '';
    const volume = market.dailyVolumeUsd[asset]?.value;
    if (volume === undefined) return null;
    const spread = market.spreadsBps[asset]?.value;
    return liquidityAddOn({
      notionalUsd: owner.notionalUsd,
      dailyVol: (market.annualVols[assetIndex] ?? 0) / Math.sqrt(365),
      dailyVolumeUsd: volume,
      ...(spread !== undefined && { spread: spread / 10_000 }),
    });
  });
  return { addOns, total: addOns.reduce<number>((sum, value) => sum + (value ?? 0), 0) };
}
