import Decimal from 'decimal.js';
import { tierCombinations } from './tier-combinations';
import { Side } from '../product/types';
import { tierContains, tieredMaintenanceMargin, type MaintenanceTier } from './tiers';

/**
 * Liquidation price of one symbol within a linear margin silo with tiered maintenance margin:
 * the mark at which equity = maintenance margin, the other symbols held at mark. Venues with
 * linear contracts share this form (Binance USDⓈ-M, Hyperliquid, Bybit and OKX linear).
 *
 * Source of the closed form: Binance FAQ "How to Calculate Liquidation Price of USDⓈ-M Contracts"
 * (https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93), formula written
 * out in research/methodology.md §1.3:
 *
 *   LP = (WB − TMM1 + UPNL1 + Σ cum − Σ sign·Q·EP) / (Σ Q·MMR − Σ sign·Q)
 *
 * summed over the symbol's legs (one-way `BOTH`, or hedge-mode long and short), sign = +1 for
 * a long leg and −1 for a short; WB is the cross wallet balance (cross) or the position's
 * isolated wallet balance (isolated); TMM1 and UPNL1 are the maintenance margin and unrealised
 * P&L of every other symbol in the silo, held at mark (0 when isolated).
 *
 * Tier: the FAQ asks for the tier of the position *at the liquidation price*; every
 * combination of the legs' tiers is tried and the one whose notionals at the solved price lie in
 * those tiers is kept (methodology §0). Should none be consistent, the price is found by
 * bisection on equity − MM instead, and the result says so.
 *
 * With one tier of rate l and no maintenance amount this is Hyperliquid's documented
 * liq_price = price − side·margin_available/position_size/(1 − l·side)
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations).
 *
 * Returns `null` when no positive price liquidates the silo (Binance shows "--").
 * Units: prices in the quote asset, money in the settlement asset. Cost: O(Π tiers per leg).
 */
export interface LiquidationLeg {
  readonly side: Side;
  /** Absolute size in base units. */
  readonly quantity: Decimal;
  readonly entryPrice: Decimal;
  /** The tiers that may apply; a single tier when the venue reported the tier in force. */
  readonly tiers: readonly MaintenanceTier[];
}

export interface LiquidationSilo {
  readonly walletBalance: Decimal;
  readonly otherMaintenanceMargin: Decimal;
  readonly otherUnrealizedPnl: Decimal;
}

export interface LiquidationPriceResult {
  readonly price: Decimal | null;
  readonly method: 'closed-form' | 'numeric';
}

export function linearLiquidationPrice(
  legs: readonly LiquidationLeg[],
  silo: LiquidationSilo,
): LiquidationPriceResult {
  if (legs.length === 0) throw new RangeError('linearLiquidationPrice requires at least one leg');
  const base = silo.walletBalance.minus(silo.otherMaintenanceMargin).plus(silo.otherUnrealizedPnl);
  const signedEntryValue = legs.reduce(
    (sum, leg) => sum.plus(sign(leg).mul(leg.quantity).mul(leg.entryPrice)),
    new Decimal(0),
  );
  const signedQuantity = legs.reduce(
    (sum, leg) => sum.plus(sign(leg).mul(leg.quantity)),
    new Decimal(0),
  );

  let sawPositive = false;
  for (const combination of tierCombinations(legs)) {
    const amounts = combination.reduce(
      (sum, tier) => sum.plus(tier.maintenanceAmount),
      new Decimal(0),
    );
    const rates = combination.reduce(
      (sum, tier, index) =>
        sum.plus((legs[index]?.quantity ?? new Decimal(0)).mul(tier.maintenanceMarginRate)),
      new Decimal(0),
    );
    const denominator = rates.minus(signedQuantity);
    if (denominator.isZero()) continue;
    const price = base.plus(amounts).minus(signedEntryValue).div(denominator);
    if (price.lte(0)) continue;
    sawPositive = true;
    const consistent = combination.every((tier, index) => {
      const leg = legs[index];
      return (
        leg !== undefined &&
        (legs[index]?.tiers.length === 1 || tierContains(tier, leg.quantity.mul(price)))
      );
    });
    if (consistent) return { price, method: 'closed-form' };
  }
  if (!sawPositive) return { price: null, method: 'closed-form' };
  return { price: bisectLiquidationPrice(legs, base), method: 'numeric' };
}

function sign(leg: LiquidationLeg): Decimal {
  return new Decimal(leg.side === Side.long ? 1 : -1);
}

/**
 * Fallback: finds P > 0 with equity(P) = MM(P) by bisection over [1e-9, 1e6]·(first leg's entry),
 * where equity(P) = base + Σ sign·Q·(P − EP) and MM(P) = Σ tiered MM(Q·P). Returns null when
 * equity − MM does not change sign over that range.
 */
function bisectLiquidationPrice(legs: readonly LiquidationLeg[], base: Decimal): Decimal | null {
  const surplus = (price: Decimal) =>
    legs.reduce(
      (sum, leg) =>
        sum
          .plus(sign(leg).mul(leg.quantity).mul(price.minus(leg.entryPrice)))
          .minus(tieredMaintenanceMargin(leg.tiers, leg.quantity.mul(price))),
      base,
    );
  const scale = legs[0]?.entryPrice ?? new Decimal(1);
  let low = scale.mul(1e-9);
  let high = scale.mul(1e6);
  const lowSign = surplus(low).isNegative();
  if (lowSign === surplus(high).isNegative()) return null;
  for (let iteration = 0; iteration < 200; iteration++) {
    const middle = low.plus(high).div(2);
    if (surplus(middle).isNegative() === lowSign) low = middle;
    else high = middle;
    if (high.minus(low).lte(scale.mul(1e-14))) break;
  }
  return low.plus(high).div(2);
}
