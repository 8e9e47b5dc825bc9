import type Decimal from 'decimal.js';
import type { MarginMode, Side } from '../product/types';
import type { TierOrigin, TierTableReference } from './tier-table';

/**
 * A venue's own view of one account: what its rule set says each position requires and where
 * it is liquidated. Units: money in the account's settlement asset, prices in the quote asset.
 */
export interface PositionMargin {
  readonly symbol: string;
  readonly side: Side;
  readonly marginMode: MarginMode;
  /** Size in base units. */
  readonly quantity: number;
  readonly markPrice: number;
  /** Position value in the settlement asset (USD-like for linear contracts, coin for inverse and coin-settled options). */
  readonly notional: number;
  readonly unrealizedPnl: number;
  /** Notional / leverage; null when the leverage is unknown. */
  readonly initialMargin: number | null;
  readonly maintenanceMargin: number;
  readonly maintenanceMarginRate: number;
  /** The maximum leverage of the tier in force (the smallest initial margin the venue accepts). */
  readonly maxLeverage: number;
  /** Where the tier came from, in words: the position, the venue's table, an embedded dated table. */
  readonly tierSource: string;
  /** The same as data: position > venue table (file) > embedded table; `venue-rule` where no tiers apply. */
  readonly tierOrigin: TierOrigin;
  /** The table the tier came from (its source and date); null for the position's own tier or a venue rule. */
  readonly tierTable: TierTableReference | null;
  readonly liquidationPrice: number | null;
  readonly liquidationMethod: 'closed-form' | 'numeric';
  /** The price the liquidation price is compared with: the mark, or the index for options. */
  readonly referencePrice: number;
  /**
   * Where the venue's margin includes the estimated fee to close (Bybit, bybit-fee-to-close.ts):
   * the fee, already inside `initialMargin` and `maintenanceMargin` (Bitget, whose tier rates
   * hold the taker fee: inside `maintenanceMargin` only, notional × rate), and the taker fee rate
   * it was charged at — null when the position gave none and the fee was taken as 0.
   */
  readonly feeToClose?: FeeToCloseFigure;
}

/**
 * A venue's estimated fee to close one position (FeeToClose as numbers), in the currency the
 * position's margin figures are in: the settlement asset, or USD in an account pooled across
 * coins (pooled-account-book.ts).
 */
export interface FeeToCloseFigure {
  readonly amount: number;
  readonly takerFeeRate: number | null;
}

/** The estimated fee to close one position and the taker fee rate it was charged at (null: none given, 0). */
export interface FeeToClose {
  readonly amount: Decimal;
  readonly takerFeeRate: Decimal | null;
}

/** The figure a report shows for a fee to close. */
export function feeToCloseFigure(fee: FeeToClose): FeeToCloseFigure {
  return { amount: fee.amount.toNumber(), takerFeeRate: fee.takerFeeRate?.toNumber() ?? null };
}

export interface AccountMargin {
  readonly accountId: string;
  readonly venue: string;
  readonly settle: string;
  readonly walletBalance: number;
  /** Margin balance: wallet balance + unrealised P&L. */
  readonly equity: number;
  /** Sum of position initial margins; null when any is unknown. */
  readonly initialMargin: number | null;
  readonly maintenanceMargin: number;
  /** Maintenance margin / equity; ≥ 1 means the venue liquidates. Infinity when equity ≤ 0 and MM > 0. */
  readonly marginRatio: number;
  readonly positions: readonly PositionMargin[];
}
