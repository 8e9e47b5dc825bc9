/**
 * Why Margin Lens refuses a Deribit cross-collateral account (`cross_sm`, `cross_pm`, or
 * `cross_collateral_enabled` without a `margin_model`) that holds more than one currency: the
 * rule Deribit does not publish, named. One currency held alone is read as its own silo
 * (deribit-accounts.ts); this reason is what the key adapter throws and the page feed reports.
 *
 * Sources checked (read 2026-12-07):
 * - "Margin types and usage", https://support.deribit.com/hc/en-us/articles/25944811317149:
 *   Cross Standard Margin (X:SM) computes each position's margin separately and sums the
 *   requirements "for all assets together"; Cross Portfolio Margin (X:PM) "assesses the entire
 *   portfolio for all available assets".
 * - "Cross collateral specifications",
 *   https://support.deribit.com/hc/en-us/articles/25944777203869: every cross-collateral
 *   currency is valued at its current USD value and the account's total USD value is used for
 *   margin; some currencies carry a haircut, by currency, for the initial margin.
 * - private/get_account_summaries,
 *   https://docs.deribit.com/api-reference/account-management/private-get_account_summaries:
 *   `total_equity_usd`, `total_maintenance_margin_usd`, `total_margin_balance_usd` (cross
 *   margin only); under cross collateral each currency's `maintenance_margin`,
 *   `margin_balance`, `initial_margin` are the pool's aggregate converted at each currency's
 *   index, not that currency's own; and (`close_out_margin`) "on a cross account with an
 *   outstanding loan ... the loan's maintenance margin is included in `maintenance_margin`".
 *   No rate for that loan maintenance margin is given there, in the two articles above, in
 *   public/get_currencies (only `in_cross_collateral_pool`) or in private/get_margins.
 * - private/pme/simulate,
 *   https://docs.deribit.com/api-reference/account-management/private-simulate: `currency`
 *   `CROSS` simulates the whole pool; its `model_params.currency` entries carry `haircut`,
 *   `equity_side_impact`, `pnl_offset`, `max_offsetable_pnl` and `correlation_set`, which the
 *   reference names without defining how they combine currencies' scenario losses.
 *
 * Hence, standard margin (X:SM): the pool is summed in USD as published, but a cross-collateral
 * account's defining case, collateral in one currency and positions settling in another, puts a
 * loan on the settlement currency as its losses grow, and the loan's maintenance margin, part of
 * the requirement Deribit liquidates against, has no published rate (nor is it said whether an
 * unrealised loss already counts as a loan). Portfolio margin (X:PM): the cross-currency scenario
 * rule is not published.
 */
export function deribitCrossCollateralRefusal(
  marginMode: 'cross' | 'portfolio',
  modelName: string,
  currencies: readonly string[],
): string {
  const pool = `the ${modelName} margin model pools ${currencies.join(', ')} as one collateral valued in USD`;
  const unpublished =
    marginMode === 'cross'
      ? "Deribit publishes that each position's standard margin is summed in USD across currencies, but not the maintenance margin it adds for a loan (a currency whose balance goes negative, as the settlement currency's does when its losses are covered by another currency; private/get_account_summaries, close_out_margin), so the maintenance margin on the way to liquidation, and the liquidation prices, cannot be computed"
      : "Deribit does not publish how its cross portfolio margin combines currencies' scenario losses (private/pme/simulate with currency CROSS names per-currency haircut, equity_side_impact, pnl_offset and correlation_set parameters without defining them), so its maintenance margin and liquidation prices cannot be computed";
  return `${pool}; ${unpublished}. Margin Lens refuses the account rather than treat each currency as its own silo, which would misstate them; hold one currency, or use segregated_sm or segregated_pm`;
}
