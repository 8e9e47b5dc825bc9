/**
 * The true margin: what a portfolio-margin model would ask of the whole book, defined as CCPs and
 * portfolio-margin venues define margin — enough to cover the loss over the liquidation horizon at
 * a coverage target — not as a stress test:
 *
 *   true margin = max(ES at the report's confidence, SPAN-style margin scan) + liquidity add-on.
 *
 * The ES is the model's expected loss beyond its VaR over the horizon (scenario-measures.ts); the
 * scan is the worst of vol-scaled joint and single-asset moves whose range is the model's 99% move
 * (stress-measure.ts, after CME SPAN's scanning risk); the liquidity add-on is the cost of closing
 * at size (liquidity-measure.ts), added as CCPs add concentration and liquidity charges. The dated
 * historical days (2020-03-12 and the others) stay in the stress test, shown on their own: at full
 * weight they made a plain BTC long's margin a 37% crash, above the venue's initial margin at any
 * leverage over about 3×, which is a stress loss, not a margin. docs/true-margin.md compares it
 * with the venues' own portfolio-margin requirements.
 */
export function trueMargin(
  expectedShortfall: number,
  marginScanLoss: number,
  liquidityAddOn: number,
): number {
  return Math.max(expectedShortfall, marginScanLoss) + liquidityAddOn;
}
