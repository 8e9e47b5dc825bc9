import type { TierOrigin } from '../margin/tier-table';
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
  /** Maintenance margin / equity; null when no equity is left (then `underwater`; reported-margin-ratio.ts). */
  readonly marginRatio: number | null;
  /** Present (true) only when equity ≤ maintenance margin: at or past liquidation. */
  readonly underwater?: true;
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
  /**
   * Where the rate came from: the venue's tier in force, its table (file or embedded), or
   * `venue-rule` where the venue has no tier table (Deribit's size-dependent futures rate,
   * Hyperliquid's max leverage, Bybit's option rule).
   */
  readonly tierOrigin: TierOrigin;
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

/**
 * A warning: its kind, the figures a view words it from, and the engine's own sentence
 * (`message`: the CLI and the JSON report; prices and rates written for people, instruments by
 * name, accounts by the file's id). Symbols are ccxt unified symbols; prices in the instrument's
 * quote currency; distances and rates fractions; money in the account's settlement asset.
 */
export type TradeWarning =
  | LiquidatedAtOnceWarning
  | BeyondLiquidationWarning
  | LiquidatedBeforeFillWarning
  | DoesNotFitWarning
  | TierChangesWarning
  | TierAssumedWarning
  | NearerLiquidationWarning
  | FirstToDieWarning;

/** After the fill the account's maintenance margin reaches its equity. */
export interface LiquidatedAtOnceWarning {
  readonly kind: typeof TradeWarningKind.liquidatedAtOnce;
  readonly message: string;
  /** Maintenance margin / equity after the fill: ≥ 1; null when no equity is left. */
  readonly marginRatio: number | null;
}

/** The order fills at or past the traded position's new liquidation price. */
export interface BeyondLiquidationWarning {
  readonly kind: typeof TradeWarningKind.beyondLiquidation;
  readonly message: string;
  readonly symbol: string;
  readonly fillPrice: number;
  readonly liquidationPrice: number;
}

/**
 * A resting limit or stop order the market reaches only after passing the position's current
 * liquidation price (a stop-loss set too far): the position is liquidated before it fills.
 */
export interface LiquidatedBeforeFillWarning {
  readonly kind: typeof TradeWarningKind.liquidatedBeforeFill;
  readonly message: string;
  readonly symbol: string;
  readonly orderType: 'limit' | 'stop';
  readonly orderPrice: number;
  /** The position's liquidation price before the order. */
  readonly liquidationPrice: number;
}

/** The available balance (margin balance − initial margin) falls below zero. */
export interface DoesNotFitWarning {
  readonly kind: typeof TradeWarningKind.doesNotFit;
  readonly message: string;
  /** Null when a leverage was unknown before the order. */
  readonly availableBefore: number | null;
  /** Negative: −availableAfter more margin is needed. */
  readonly availableAfter: number;
  /** The settlement asset the money is in. */
  readonly settle: string;
}

/** The position moves to another row of the venue's tier table (never said without a table). */
export interface TierChangesWarning {
  readonly kind: typeof TradeWarningKind.tierChanges;
  readonly message: string;
  readonly symbol: string;
  readonly maintenanceMarginRateBefore: number;
  readonly maintenanceMarginRateAfter: number;
}

/** The venue's tiers for the new size are not known: the tier it reported for the old is kept. */
export interface TierAssumedWarning {
  readonly kind: typeof TradeWarningKind.tierAssumed;
  readonly message: string;
  readonly symbol: string;
  /** Why the venue's table could not be used (each names account, symbol and what to add). */
  readonly problems: readonly string[];
}

/**
 * The account's nearest liquidation (any leg) comes at least a quarter nearer, or appears where
 * there was none.
 */
export interface NearerLiquidationWarning {
  readonly kind: typeof TradeWarningKind.nearerLiquidation;
  readonly message: string;
  /** The leg nearest to liquidation after the order, its liquidation price and distance. */
  readonly symbol: string;
  readonly price: number;
  readonly distance: number;
  /** The account's nearest distance before; null when it had no liquidation price. */
  readonly distanceBefore: number | null;
}

/**
 * After the order the traded position is nearer to liquidation than every leg on its underlying
 * in the book's other accounts (it was not before).
 */
export interface FirstToDieWarning {
  readonly kind: typeof TradeWarningKind.firstToDie;
  readonly message: string;
  readonly symbol: string;
  readonly distance: number;
  /** The nearest leg on the same underlying in another account. */
  readonly other: {
    readonly accountId: string;
    readonly symbol: string;
    readonly distance: number;
  };
}
