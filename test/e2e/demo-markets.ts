import { DEMO_PORTFOLIO } from '../../lib/engine';

/**
 * Mark prices the local demo exchange's pages show, by ccxt symbol, taken from a portfolio's
 * positions (the embedded demo by default): the page shows the mark the figures were computed at.
 */
export function demoMarkPrices(
  portfolio: {
    readonly accounts: readonly {
      readonly positions: readonly { readonly symbol: string; readonly markPrice: string }[];
    }[];
  } = DEMO_PORTFOLIO,
): Record<string, string> {
  const marks: Record<string, string> = {};
  for (const account of portfolio.accounts)
    for (const position of account.positions) marks[position.symbol] = position.markPrice;
  return marks;
}
