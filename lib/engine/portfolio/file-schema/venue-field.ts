import { BINANCE_COINM } from '../../margin/binance-coinm';
import { BITGET } from '../../margin/bitget';
import { BINANCE_USDM } from '../../margin/binance-usdm';
import { BYBIT } from '../../margin/bybit';
import { DERIBIT } from '../../margin/deribit-standard';
import { GATE } from '../../margin/gate';
import { HYPERLIQUID } from '../../margin/hyperliquid';
import { OKX } from '../../margin/okx';
import { choiceField } from './field-schemas';

/**
 * The venues a portfolio file may name: ccxt exchange ids, one per margin rule set
 * (margin/venue-rules.ts, whose registry is keyed by the same constants; venue-field.test.ts
 * checks the two agree). In the registry's order, which the refusal message lists.
 */
export const PORTFOLIO_VENUE_IDS = [
  BINANCE_USDM,
  BINANCE_COINM,
  BYBIT,
  OKX,
  HYPERLIQUID,
  DERIBIT,
  BITGET,
  GATE,
] as const;
export type PortfolioVenueId = (typeof PORTFOLIO_VENUE_IDS)[number];

export function venueField() {
  return choiceField(PORTFOLIO_VENUE_IDS);
}
