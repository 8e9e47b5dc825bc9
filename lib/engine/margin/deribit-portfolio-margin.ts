/**
 * Deribit portfolio margin (the current model) for inverse futures and perpetuals, reproducing
 * the published `private/pme/simulate` outputs (research/methodology.md §4.4–4.5, D1 and D2).
 *
 * Source: Deribit "Portfolio Margin" (https://support.deribit.com/hc/en-us/articles/25944756247837)
 * and the `pme/simulate` API example (https://docs.deribit.com/api-reference/account-management/private-simulate);
 * the reconstruction below matches both examples to 1e-9:
 * 1. Risk vector: 9 price moves m ∈ {−R, −¾R, …, +R} (`buckets_count` = 4 per side) × 3 vol
 *    scenarios (equal for futures), ordered from the most negative move.
 * 2. An inverse future/perpetual of base size s (coin) makes s·(1 − 1/(1 + m)) coin.
 * 3. Per scenario the P&L is summed over positions; gains are multiplied by `pnl_offset`.
 * 4. worst_case = −min over scenarios (the extended table repeats the edge values for futures).
 * 5. roll_shock = Σ|s|·min_annualised_move [INFERRED: matches both examples].
 * 6. risk_matrix_margin = worst_case + roll_shock (+ delta shock and correlation contingency,
 *    both 0 below `delta_total_liq_shock_threshold`; their formulas are not published).
 * 7. maintenance = mm_factor · risk_matrix_margin; initial = risk_matrix_margin (+ spot, MMP and
 *    open-order margins, which positions alone do not carry).
 * Options are not supported here: the extended-table dampener that governs them is not published.
 * Units: coin (BTC or ETH).
 */
export interface DeribitPmParameters {
  readonly priceRange: number;
  readonly bucketsCount: number;
  readonly pnlOffset: number;
  readonly minAnnualisedMove: number;
  readonly mmFactor: number;
  readonly deltaTotalLiqShockThresholdUsd: number;
  readonly source: string;
}

export const DERIBIT_PM_PARAMETERS: Readonly<Record<string, DeribitPmParameters>> = {
  BTC: {
    priceRange: 0.16,
    bucketsCount: 4,
    pnlOffset: 0,
    minAnnualisedMove: 0.01,
    mmFactor: 0.8,
    deltaTotalLiqShockThresholdUsd: 20_000_000,
    source: 'pme/simulate doc example model_params btc_usd, 2024-06-17',
  },
  ETH: {
    priceRange: 0.18,
    bucketsCount: 4,
    pnlOffset: 0.6,
    minAnnualisedMove: 0.005,
    mmFactor: 0.8,
    deltaTotalLiqShockThresholdUsd: 20_000_000,
    source: 'pme/simulate capture model_params eth_usd, 2026-02-15',
  },
};

export interface DeribitPortfolioMargin {
  /** Per position, the 27-entry standard risk vector (coin). */
  readonly riskVectors: readonly (readonly number[])[];
  /** Summed per scenario, gains multiplied by the P&L offset. */
  readonly aggregated: readonly number[];
  readonly worstCase: number;
  readonly rollShock: number;
  readonly riskMatrixMargin: number;
  readonly initialMargin: number;
  readonly maintenanceMargin: number;
}

/** The 9 price moves of the standard table, from −R to +R. */
export function deribitPriceMoves(parameters: DeribitPmParameters): number[] {
  const step = parameters.priceRange / parameters.bucketsCount;
  return Array.from(
    { length: 2 * parameters.bucketsCount + 1 },
    (_, index) => (index - parameters.bucketsCount) * step,
  );
}

/** The standard risk vector of an inverse future of base size `sizeInCoin`: 9 moves × 3 vol scenarios. */
export function deribitFutureRiskVector(
  sizeInCoin: number,
  parameters: DeribitPmParameters,
): number[] {
  return deribitPriceMoves(parameters).flatMap((move) => {
    const pnl = sizeInCoin * (1 - 1 / (1 + move));
    return [pnl, pnl, pnl];
  });
}

export function deribitPortfolioMargin(
  sizesInCoin: readonly number[],
  parameters: DeribitPmParameters,
): DeribitPortfolioMargin {
  const riskVectors = sizesInCoin.map((size) => deribitFutureRiskVector(size, parameters));
  const length = 3 * (2 * parameters.bucketsCount + 1);
  const aggregated = Array.from({ length }, (_, scenario) => {
    const sum = riskVectors.reduce((total, vector) => total + (vector[scenario] ?? 0), 0);
    return sum > 0 ? sum * parameters.pnlOffset : sum;
  });
  const worstCase = Math.max(0, -Math.min(...aggregated));
  const rollShock =
    sizesInCoin.reduce((total, size) => total + Math.abs(size), 0) * parameters.minAnnualisedMove;
  const riskMatrixMargin = worstCase + rollShock;
  return {
    riskVectors,
    aggregated,
    worstCase,
    rollShock,
    riskMatrixMargin,
    initialMargin: riskMatrixMargin,
    maintenanceMargin: parameters.mmFactor * riskMatrixMargin,
  };
}
