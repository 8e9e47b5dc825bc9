import type { Account, Position } from '../product/types';
import { Side } from '../product/types';
import { siloMaintenanceMargin, type MarginSilo, type SiloTier } from '../risk/margin-silo';
import { MarginMode } from '../product/types';
import { feeToCloseFigure, type PositionMargin } from './margin-types';
import {
  resolveLinearPosition,
  tiersWithFeeToClose,
  type LinearVenue,
  type ResolvedPosition,
} from './linear-tiered-account';
import { toSiloTier } from './linear-tiered-silos';
import type { MarginContext } from './venue-context';

/**
 * The parts shared by the accounts whose positions are all margined together on one pooled
 * balance and whose liquidation is found numerically (Binance Portfolio Margin and Multi-Assets
 * mode, Bybit's unified account across coins, Bybit options accounts): each linear position as a
 * leg resolved by the venue's tiers, the wallets per asset, and the account as one non-linear
 * margin silo. What the balance is worth and what is required — each venue's own rule — stays in
 * that venue's file.
 */

/** A linear position of a pooled account, in the numbers its surplus is evaluated with. */
export interface PooledLeg {
  readonly resolved: ResolvedPosition;
  readonly base: string;
  readonly settle: string;
  /** Signed base quantity. */
  readonly quantity: number;
  readonly entry: number;
  readonly mark: number;
  /** The tiers, the venue's fee to close (Bybit) folded into each maintenance amount. */
  readonly tiers: readonly SiloTier[];
}

export function pooledLeg(
  account: Account,
  position: Position,
  venue: LinearVenue,
  context: MarginContext,
): PooledLeg {
  const resolved = resolveLinearPosition(account, position, venue, context);
  const quantity = resolved.quantity.toNumber();
  return {
    resolved,
    base: position.instrument.base,
    settle: position.instrument.settle,
    quantity: position.side === Side.long ? quantity : -quantity,
    entry: position.entryPrice.toNumber(),
    mark: position.markPrice.toNumber(),
    tiers: tiersWithFeeToClose(resolved).map(toSiloTier),
  };
}

/** The account's balances summed per asset, in the asset; zero lines left out when asked. */
export function walletsByAsset(
  account: Account,
  options: { readonly skipZero?: boolean } = {},
): Map<string, number> {
  const wallets = new Map<string, number>();
  for (const balance of account.balances) {
    if (options.skipZero === true && balance.total.isZero()) continue;
    wallets.set(balance.asset, (wallets.get(balance.asset) ?? 0) + balance.total.toNumber());
  }
  return wallets;
}

/**
 * The whole account as one margin silo whose surplus is a function of its underlyings' prices
 * (`assets` at `markPrices` now), holding every position of the account.
 */
export function pooledSilo(
  account: Account,
  silo: {
    readonly wallet: number;
    readonly assets: readonly string[];
    readonly markPrices: readonly number[];
    readonly surplus: (prices: readonly number[]) => number;
    readonly freeCollateral: number;
  },
): MarginSilo {
  return {
    accountId: account.id,
    label: 'cross',
    positionIndices: account.positions.map((_, index) => index),
    wallet: silo.wallet,
    positions: [],
    nonlinear: { assets: silo.assets, markPrices: silo.markPrices, surplus: silo.surplus },
    freeCollateral: silo.freeCollateral,
  };
}

/**
 * A pooled account's linear position as the report shows it, in USD: its notional and P&L at
 * `valueUsd` per unit of its settlement asset, its initial and maintenance margin at `marginUsd`
 * (the same price, or a marked-up one where the venue charges margin so: Binance's ask rate),
 * and the account's liquidation price for its underlying, `level` (the underlying's price in
 * `reference` terms, null when none), read on the contract's own mark. `account` names the rule
 * in the tier source.
 */
export function pooledPositionMargin(
  leg: PooledLeg,
  figures: {
    readonly valueUsd: number;
    readonly marginUsd: number;
    readonly level: number | null;
    readonly reference: number;
    readonly account: string;
  },
): PositionMargin {
  const { resolved } = leg;
  return {
    symbol: resolved.position.symbol,
    side: resolved.position.side,
    marginMode: MarginMode.cross,
    quantity: Math.abs(leg.quantity),
    markPrice: leg.mark,
    notional: resolved.notional.toNumber() * figures.valueUsd,
    unrealizedPnl: resolved.unrealizedPnl.toNumber() * figures.valueUsd,
    initialMargin:
      resolved.initialMargin === null
        ? null
        : resolved.initialMargin.toNumber() * figures.marginUsd,
    maintenanceMargin: resolved.maintenanceMargin.toNumber() * figures.marginUsd,
    maintenanceMarginRate: resolved.maintenanceMarginRate.toNumber(),
    maxLeverage: resolved.maxLeverage,
    tierSource: `${resolved.tierSource}; ${figures.account}`,
    tierOrigin: resolved.tierOrigin,
    tierTable: resolved.tierTable,
    liquidationPrice:
      figures.level === null ? null : (figures.level * leg.mark) / figures.reference,
    liquidationMethod: 'numeric',
    referencePrice: leg.mark,
    ...(resolved.feeToClose !== undefined && {
      feeToClose: feeToCloseFigure({
        ...resolved.feeToClose,
        amount: resolved.feeToClose.amount.mul(figures.marginUsd),
      }),
    }),
  };
}

/** A pooled account's linear legs at moved prices: what each settlement asset holds and owes. */
export interface PooledLegsAt {
  /** The factor an underlying (its index in the book's `bases`) has moved by. */
  readonly moveOf: (unit: number) => number;
  /** Each asset's balance plus the P&L of the legs settled in it, in the asset. */
  readonly amounts: Map<string, number>;
  /** The legs' maintenance margin by settlement asset, in the asset. */
  readonly maintenance: Map<string, number>;
}

/**
 * The legs of a pooled account with each underlying at `prices` (in `bases` order, moved from
 * `references`): the balances with each leg's P&L added in its settlement asset, and the legs'
 * tiered maintenance margin at the moved price. What the amounts are worth and what is required
 * of them is each venue's own rule (Binance Multi-Assets, Bybit unified, OKX multi-currency).
 */
export function pooledLegsAt(
  book: {
    readonly legs: readonly PooledLeg[];
    readonly bases: readonly string[];
    readonly references: readonly number[];
  },
  balances: Iterable<readonly [string, number]>,
  prices: readonly number[],
): PooledLegsAt {
  const moveOf = (unit: number) => {
    const reference = book.references[unit] ?? 1;
    return (prices[unit] ?? reference) / reference;
  };
  const amounts = new Map(balances);
  const maintenance = new Map<string, number>();
  for (const leg of book.legs) {
    const price = leg.mark * moveOf(book.bases.indexOf(leg.base));
    amounts.set(leg.settle, (amounts.get(leg.settle) ?? 0) + leg.quantity * (price - leg.entry));
    maintenance.set(
      leg.settle,
      (maintenance.get(leg.settle) ?? 0) +
        siloMaintenanceMargin(leg.tiers, Math.abs(leg.quantity) * price),
    );
  }
  return { moveOf, amounts, maintenance };
}
