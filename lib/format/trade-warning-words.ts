import { TradeWarningKind, type TradeWarning } from '../engine/measure/trade-impact-types';
import { formatMoney, formatPercent, formatPrice } from './format-figures';
import { instrumentName } from './instrument-name';

/**
 * One pre-trade warning as one plain sentence for the trader, from its figures (never the
 * engine's `message`): instruments by name ("BTC perp"), prices and money rounded for people,
 * distances and rates as percentages, and other accounts by the trader's own name for them —
 * `accountLabel` gives it (the connection's label, which only the background knows; a view
 * without one passes the id through). Never throws.
 *
 * "Does not fit: you would need 4,162.39 USDC more margin."
 * "This BTC perp becomes your first leg to die: 0.14% from liquidation, nearer than Bybit
 * hedge's BTC perp (4.49%)."
 */
export function tradeWarningWords(
  warning: TradeWarning,
  accountLabel: (accountId: string) => string,
): string {
  switch (warning.kind) {
    case TradeWarningKind.liquidatedAtOnce:
      return warning.marginRatio !== null && Number.isFinite(warning.marginRatio)
        ? `Liquidated at once: maintenance margin would be ${formatPercent(warning.marginRatio, 0)} of equity.`
        : 'Liquidated at once: the account would have no equity left.';
    case TradeWarningKind.beyondLiquidation:
      return `This order fills at ${formatPrice(warning.fillPrice)}, past your ${instrumentName(warning.symbol)}'s new liquidation price ${formatPrice(warning.liquidationPrice)}: it is liquidated as it fills.`;
    case TradeWarningKind.liquidatedBeforeFill:
      return `Your ${warning.orderType === 'stop' ? 'stop' : 'limit order'} at ${formatPrice(warning.orderPrice)} is past this position's liquidation price ${formatPrice(warning.liquidationPrice)}: the position is liquidated before it fills.`;
    case TradeWarningKind.doesNotFit:
      return `Does not fit: you would need ${formatMoney(-warning.availableAfter, warning.settle)} more margin.`;
    case TradeWarningKind.tierChanges:
      return `Your ${instrumentName(warning.symbol)} moves to another margin tier: maintenance margin ${formatPercent(warning.maintenanceMarginRateBefore)} → ${formatPercent(warning.maintenanceMarginRateAfter)} of its value.`;
    case TradeWarningKind.tierAssumed:
      return `The venue's margin tiers for ${instrumentName(warning.symbol)} at this size are not known: the figures keep its current tier.`;
    case TradeWarningKind.nearerLiquidation: {
      const where = `${instrumentName(warning.symbol)} at ${formatPrice(warning.price)}, ${formatPercent(warning.distance)} away`;
      return warning.distanceBefore === null
        ? `This account would get a liquidation price: ${where}.`
        : `This account's nearest liquidation comes closer: ${where} (was ${formatPercent(warning.distanceBefore)}).`;
    }
    case TradeWarningKind.firstToDie:
      return `This ${instrumentName(warning.symbol)} becomes your first leg to die: ${formatPercent(warning.distance)} from liquidation, nearer than ${accountLabel(warning.other.accountId)}'s ${instrumentName(warning.other.symbol)} (${formatPercent(warning.other.distance)}).`;
    default:
      // A kind this view does not know yet: the engine's own sentence.
      return (warning as { readonly message: string }).message;
  }
}
