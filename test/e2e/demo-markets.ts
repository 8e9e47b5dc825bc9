import { DEMO_PORTFOLIO, binanceMarketId } from '../../lib/engine';
import { parseSymbol } from '../../lib/engine/product/parse-symbol';

/** Mark prices the local demo exchange shows, taken from the demo portfolio's positions. */
export function demoMarkPrices(): Record<string, string> {
  const marks: Record<string, string> = {};
  for (const account of DEMO_PORTFOLIO.accounts) {
    for (const position of account.positions) {
      const instrument = parseSymbol(position.symbol);
      if ('error' in instrument) throw new Error(instrument.error);
      marks[binanceMarketId(instrument)] = position.markPrice;
    }
  }
  return marks;
}
