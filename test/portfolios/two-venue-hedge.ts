import { SIX_VENUE_BOOK } from './six-venue-book';

/**
 * A two-venue hedge, in the portfolio-file format (DESIGN.md §4): long 0.8 BTC on Binance USDⓈ-M
 * (cross) and short 0.8 BTC on Bybit (isolated, a few percent from its liquidation), the first
 * two accounts of the six-venue book: flat together, yet the Bybit leg dies alone first. For the
 * popup's screenshot and tests. Figures are chosen, not recorded.
 */
export const TWO_VENUE_HEDGE = {
  version: 1,
  asOf: SIX_VENUE_BOOK.asOf,
  baseCurrency: 'USD',
  accounts: SIX_VENUE_BOOK.accounts.slice(0, 2),
} as const;
