/**
 * Binance Portfolio Margin (classic PM / PM Pro): the unified maintenance margin ratio.
 *
 * Sources (research/methodology.md §1.5): uniMMR FAQ (id 4868b2f1aa6c4d08af973328462bb0bd) and PM Pro
 * FAQ (id 5e33af8e6ac04d57a1d0a3398e0a0752) [OFFICIAL]:
 *   uniMMR = Σ adjustedEquity / Σ MM
 *   adjustedEquity = Σ_assets min(x·price·collateralRate, x·price) − Σ openLoss·price,
 *     x = marginAsset − marginLoan + futuresAsset + futuresUnrealisedPnl
 *   (the min applies the collateral haircut to positive balances only)
 *   MM = Σ futuresMM·price + Σ marginMM·price
 * Collateral rates may be tiered by USD value (Cross Margin collateral haircuts FAQ; B9):
 *   value = Σ slice_k·rate_k over the tiers.
 * Status bands (PM Pro FAQ): > 150% free; 120–150% reminder; 105–120% reduce-only;
 * 100–105% liquidation; ≤ 100% liquidation with a possible claim for loss.
 * Units: USD (prices are the asset index prices in USD).
 */
export interface CollateralTier {
  /** Upper bound of the tier's USD value slice; Infinity for the top tier. */
  readonly capUsd: number;
  readonly rate: number;
}

/** The collateral value of `valueUsd` under tiered rates: each slice at its own rate. */
export function tieredCollateralValue(valueUsd: number, tiers: readonly CollateralTier[]): number {
  let remaining = valueUsd;
  let floor = 0;
  let total = 0;
  for (const tier of tiers) {
    if (remaining <= 0) break;
    const slice = Math.min(remaining, tier.capUsd - floor);
    total += slice * tier.rate;
    remaining -= slice;
    floor = tier.capUsd;
  }
  return total;
}

export interface PortfolioMarginAsset {
  readonly asset: string;
  readonly marginAsset: number;
  readonly marginLoan: number;
  readonly futuresAsset: number;
  readonly futuresUnrealizedPnl: number;
  readonly openLoss: number;
  readonly indexPriceUsd: number;
  /** Flat collateral rate, or tiers by USD value. */
  readonly collateral: number | readonly CollateralTier[];
  /** Futures and margin maintenance margin of this asset, in the asset. */
  readonly maintenanceMargin: number;
}

export const UniMmrStatus = {
  free: 'free',
  reminder: 'reminder',
  reduceOnly: 'reduce-only',
  liquidation: 'liquidation',
  liquidationWithClaim: 'liquidation-with-claim',
} as const;
export type UniMmrStatus = (typeof UniMmrStatus)[keyof typeof UniMmrStatus];

export function binanceUniMmr(assets: readonly PortfolioMarginAsset[]): {
  adjustedEquity: number;
  maintenanceMargin: number;
  uniMmr: number;
  status: UniMmrStatus;
} {
  let adjustedEquity = 0;
  let maintenanceMargin = 0;
  for (const item of assets) {
    const amount =
      item.marginAsset - item.marginLoan + item.futuresAsset + item.futuresUnrealizedPnl;
    const value = amount * item.indexPriceUsd;
    const haircut =
      typeof item.collateral === 'number'
        ? value * item.collateral
        : value > 0
          ? tieredCollateralValue(value, item.collateral)
          : value;
    adjustedEquity += Math.min(haircut, value) - item.openLoss * item.indexPriceUsd;
    maintenanceMargin += item.maintenanceMargin * item.indexPriceUsd;
  }
  const uniMmr =
    maintenanceMargin > 0 ? adjustedEquity / maintenanceMargin : Number.POSITIVE_INFINITY;
  return { adjustedEquity, maintenanceMargin, uniMmr, status: uniMmrStatus(uniMmr) };
}

export function uniMmrStatus(uniMmr: number): UniMmrStatus {
  if (uniMmr > 1.5) return UniMmrStatus.free;
  if (uniMmr > 1.2) return UniMmrStatus.reminder;
  if (uniMmr > 1.05) return UniMmrStatus.reduceOnly;
  if (uniMmr > 1) return UniMmrStatus.liquidation;
  return UniMmrStatus.liquidationWithClaim;
}
