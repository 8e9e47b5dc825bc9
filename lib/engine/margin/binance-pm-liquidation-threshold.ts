/**
 * Where Binance liquidates a Portfolio Margin (unified) account: "Liquidation occurs when an
 * account's uniMMR falls below 1.05 (105%)" ("How does liquidation work in the Portfolio Margin
 * (unified account)", https://www.binance.com/en/support/faq/d0c3558829fa41eabeeaf3c32dbe1dad
 * [OFFICIAL]); the PM Pro FAQ's table agrees ("100% < uniMMR ≤ 105%: liquidation will take
 * place"). On the report's margin ratio (MM / adjusted equity = 1 / uniMMR): 1/1.05 ≈ 0.952.
 * In its own module so that views can name the line without loading the margin rules.
 */
export const BINANCE_PM_LIQUIDATION_UNIMMR = 1.05;
