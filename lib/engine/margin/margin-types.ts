import type { MarginMode, Side } from '../product/types';

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
  /** Where the tier came from: the position (venue-reported) or an embedded dated table. */
  readonly tierSource: string;
  readonly liquidationPrice: number | null;
  readonly liquidationMethod: 'closed-form' | 'numeric';
  /** The price the liquidation price is compared with: the mark, or the index for options. */
  readonly referencePrice: number;
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
