import type Decimal from 'decimal.js';
import { MarginMode, Side, type Account } from '../product/types';
import type { MarginSilo, SiloPosition, SiloTier } from '../risk/margin-silo';
import {
  linearIsolatedWallet,
  linearSettlementAsset,
  resolveLinearPosition,
  tiersWithFeeToClose,
  type LinearVenue,
} from './linear-tiered-account';
import type { MaintenanceTier } from './tiers';
import type { MarginContext } from './venue-context';

/**
 * Margin silos of a linear tiered account, for path simulation: one cross silo holding every
 * cross position (wallet = cross wallet balance), and one silo per isolated position (wallet =
 * its isolated margin), with the same tiers as linear-tiered-account.ts. Hedge-mode legs of one
 * symbol stay separate positions in the cross silo, which is how Binance nets them (§1.3).
 */
export function linearTieredSilos(
  account: Account,
  venue: LinearVenue,
  context: MarginContext,
): MarginSilo[] {
  const settle = linearSettlementAsset(account, venue);
  const wallet = account.balances
    .filter((balance) => balance.asset === settle)
    .reduce((sum, balance) => sum + balance.total.toNumber(), 0);
  const resolved = account.positions.map((position, index) => ({
    index,
    item: resolveLinearPosition(account, position, venue, context),
  }));
  const silos: MarginSilo[] = [];
  let crossWallet = wallet;
  for (const { index, item } of resolved.filter(
    (entry) => entry.item.marginMode === MarginMode.isolated,
  )) {
    const isolatedWallet = linearIsolatedWallet(account, item).toNumber();
    crossWallet -= isolatedWallet;
    silos.push({
      accountId: account.id,
      label: `${item.position.symbol} isolated`,
      positionIndices: [index],
      wallet: isolatedWallet,
      positions: [
        toSiloPosition(
          item.position.symbol,
          item,
          venue.isolatedLiquidationChargesTakerFee === true
            ? (item.position.takerFeeRate?.toNumber() ?? 0)
            : 0,
        ),
      ],
    });
  }
  const cross = resolved.filter((entry) => entry.item.marginMode !== MarginMode.isolated);
  if (cross.length > 0)
    silos.push({
      accountId: account.id,
      label: 'cross',
      positionIndices: cross.map((entry) => entry.index),
      wallet: crossWallet,
      positions: cross.map(({ item }) => toSiloPosition(item.position.symbol, item)),
    });
  return silos;
}

/**
 * A position as path simulation reads it. `closingFeeRate`, where the venue liquidates at
 * maintenance margin plus the taker fee to close (OKX isolated), is charged on the notional like
 * the tier's rate, so the silo liquidates at the price the account's margin reports.
 */
function toSiloPosition(
  symbol: string,
  item: ReturnType<typeof resolveLinearPosition>,
  closingFeeRate = 0,
): SiloPosition {
  const quantity = item.quantity.toNumber();
  return {
    symbol,
    asset: item.position.instrument.base,
    quantity: item.position.side === Side.long ? quantity : -quantity,
    entryPrice: item.position.entryPrice.toNumber(),
    markPrice: item.position.markPrice.toNumber(),
    // A venue's fee to close as an amount (Bybit) is in each tier's amount.
    tiers: tiersWithFeeToClose(item).map((tier) => {
      const silo = toSiloTier(tier);
      return { ...silo, rate: silo.rate + closingFeeRate };
    }),
  };
}

/** A tier as path simulation reads it (numbers; the top tier's cap Infinity). */
export function toSiloTier(tier: MaintenanceTier): SiloTier {
  return {
    cap: tier.cap === null ? Number.POSITIVE_INFINITY : numberOf(tier.cap),
    rate: numberOf(tier.maintenanceMarginRate),
    amount: numberOf(tier.maintenanceAmount),
  };
}

function numberOf(value: Decimal): number {
  return value.toNumber();
}
