import type { Estimate } from '../risk/liquidation-paths';

/**
 * What the pre-trade check returns (trade-impact.ts): the account and the traded position before
 * and after the order, whether it fits, the change in portfolio ES and in the account's
 * liquidation probability, and warnings. Units: account money in its settlement asset, ES in
 * USD, prices in the quote currency, rates and probabilities as fractions.
 */
export interface AccountFigures {
  readonly equity: number;
  readonly initialMargin: number | null;
  readonly maintenanceMargin: number;
  readonly marginRatio: number;
  /** Margin balance − initial margin; null when a leverage is unknown. */
  readonly available: number | null;
}

export interface PositionFigures {
  readonly side: 'long' | 'short';
  readonly contracts: number;
  readonly entryPrice: number;
  readonly liquidationPrice: number | null;
  /** Distance from the reference price to the liquidation price, as a fraction; null when none. */
  readonly liquidationDistancePct: number | null;
  readonly initialMargin: number | null;
  readonly maintenanceMargin: number;
  readonly maintenanceMarginRate: number;
}

export interface TradeImpact {
  readonly accountId: string;
  readonly venue: string;
  readonly settle: string;
  readonly symbol: string;
  readonly fillPrice: number;
  /** Contracts the order trades (a reduce-only order is capped at its position). */
  readonly filledContracts: number;
  readonly realizedPnl: number;
  readonly reducesOnly: boolean;
  readonly account: { readonly before: AccountFigures; readonly after: AccountFigures };
  readonly position: {
    readonly before: PositionFigures | null;
    readonly after: PositionFigures | null;
  };
  /** The account's nearest liquidation price after the order (any position), null when none. */
  readonly nearestLiquidationAfter: { readonly symbol: string; readonly price: number } | null;
  readonly fits: boolean | null;
  /** Portfolio ES in USD before and after, on the state's scenarios; null with `notComputed`. */
  readonly expectedShortfall: OrderEsChange | null;
  /** Null when not asked for (options) or not computable (`notComputed` says why). */
  readonly liquidationProbability: OrderLiquidationProbability | null;
  readonly warnings: readonly TradeWarning[];
  /** Figures not computed, each with why. */
  readonly notComputed: readonly string[];
}

export interface TradeImpactRefusal {
  readonly refused: { readonly field: string; readonly message: string };
}

/** Portfolio ES (USD) before and after an order, on the risk state's scenarios. */
export interface OrderEsChange {
  readonly confidence: number;
  readonly before: number;
  readonly after: number;
  readonly change: number;
}

/** The account's probability of liquidation within the horizon before and after an order. */
export interface OrderLiquidationProbability {
  readonly horizonHours: number;
  readonly paths: number;
  readonly before: Estimate;
  readonly after: Estimate;
}

export const TradeWarningKind = {
  liquidatedAtOnce: 'liquidated-at-once',
  beyondLiquidation: 'beyond-liquidation',
  liquidatedBeforeFill: 'liquidated-before-fill',
  doesNotFit: 'does-not-fit',
  tierChanges: 'tier-changes',
  tierAssumed: 'tier-assumed',
  nearerLiquidation: 'nearer-liquidation',
  firstToDie: 'first-to-die',
} as const;
export type TradeWarningKind = (typeof TradeWarningKind)[keyof typeof TradeWarningKind];

export interface TradeWarning {
  readonly kind: TradeWarningKind;
  readonly message: string;
}
