import { MarginMode } from '../product/types';
import type { VenueRulesId } from './venue-rules';

/**
 * What a venue keeps when it liquidates a margin silo, as the engine counts it: the silo's
 * remaining equity at the liquidation price (there equal to its maintenance margin), all of it.
 * The figure is the same for every venue; what differs is where it comes from:
 *
 * - `venue-rule`: the venue documents that a liquidated position is closed at its bankruptcy
 *   price and the margin left goes to its insurance fund, so the trader keeps nothing of it.
 * - `general-rule`: the venue's own liquidation fee (a rate, or a fee that depends on how the
 *   liquidation is filled) is not in the engine, so the general rule is used: the remaining margin
 *   is counted lost. This is the cautious figure: a venue's fee may keep less.
 *
 * Units: none (a rule and its source). Each venue id of the engine's rule sets has one entry,
 * so a venue cannot be added without saying what it keeps (the `Record` type enforces it).
 */
export const LiquidationFeeSourceKind = {
  venueRule: 'venue-rule',
  generalRule: 'general-rule',
} as const;
export type LiquidationFeeSourceKind =
  (typeof LiquidationFeeSourceKind)[keyof typeof LiquidationFeeSourceKind];

export interface LiquidationFeeRule {
  readonly kind: LiquidationFeeSourceKind;
  /** The venue's document and what it says, or why the general rule is used. */
  readonly source: string;
}

const BINANCE_FUTURES: LiquidationFeeRule = {
  kind: LiquidationFeeSourceKind.venueRule,
  source:
    'Binance "Liquidation Protocols" (https://www.binance.com/en/support/faq/liquidation-protocols): a position still margin-deficient is closed at its bankruptcy price and the remaining collateral goes to the Insurance Fund',
};

const RULES: Readonly<Record<VenueRulesId, LiquidationFeeRule>> = {
  binanceusdm: BINANCE_FUTURES,
  binancecoinm: BINANCE_FUTURES,
  bybit: {
    kind: LiquidationFeeSourceKind.venueRule,
    source:
      'Bybit "Liquidation Process (USDT Contract)" (https://help.bybit.com/hc/en-us/articles/900000167723-Liquidation-Process-USDT-Contract-): the position is taken over at its bankruptcy price and, closed at a better price, its remaining margin goes to the insurance fund',
  },
  okx: {
    kind: LiquidationFeeSourceKind.generalRule,
    source:
      'OKX charges a forced-liquidation fee at a rate per tier (OKX help centre "V. Forced Partial or Full Liquidation", hc/en-us/articles/360020411711); the engine does not hold those rates, so the remaining margin is counted lost',
  },
  deribit: {
    kind: LiquidationFeeSourceKind.generalRule,
    source:
      'Deribit charges liquidation orders an extra fee for its insurance fund (https://support.deribit.com/hc/en-us/articles/25944777576477-Insurance-Fund) and liquidates incrementally; the engine does not hold the fee rates, so the remaining margin is counted lost',
  },
  hyperliquid: {
    kind: LiquidationFeeSourceKind.generalRule,
    source:
      'Hyperliquid "Liquidations" (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations): a liquidation filled on the book leaves the remaining collateral with the trader, a backstop liquidation keeps the maintenance margin; the engine cannot tell which, so the remaining margin is counted lost (the backstop case)',
  },
  gate: {
    kind: LiquidationFeeSourceKind.generalRule,
    source:
      'Gate\'s help centre gives where a position is liquidated ("Calculation of Liquidation Price", https://www.gate.com/help/futures/perpetual/22160/calculation-of-liquidation-price) and no rule for what is left of its margin that the engine could use; the remaining margin is counted lost',
  },
  bitget: {
    kind: LiquidationFeeSourceKind.generalRule,
    source:
      'Bitget liquidates step by step (orders cancelled, partial liquidation by tiers, then the rest by flash order: "Bitget futures: Leverage and risk management", https://www.bitget.com/support/articles/360058821652) and publishes no rule for what is left of the margin; the engine counts the remaining margin lost',
  },
};

const PORTFOLIO_MARGIN: LiquidationFeeRule = {
  kind: LiquidationFeeSourceKind.generalRule,
  source:
    "a portfolio-margin account's liquidation fee is not in the engine, so the remaining margin is counted lost",
};

/**
 * The rule for a venue's account in `marginMode` (portfolio margin, whose liquidation runs
 * differently, takes the general rule). A venue id without margin rules is refused by name.
 */
export function liquidationFeeRule(venue: string, marginMode: MarginMode): LiquidationFeeRule {
  const rule = (RULES as Readonly<Record<string, LiquidationFeeRule>>)[venue];
  if (rule === undefined)
    throw new RangeError(`liquidationFeeRule requires a venue with margin rules, got "${venue}"`);
  return marginMode === MarginMode.portfolio ? PORTFOLIO_MARGIN : rule;
}
