import type Decimal from 'decimal.js';
import type { CollateralTable } from '../margin/collateral-table';
import type { TierTable } from '../margin/tier-table';
import type { Account } from '../product/types';

/**
 * The validated form of the portfolio file (DESIGN.md §4, version 1). Optional `market` and
 * `model` sections are carried as given; defaults are applied where they are used, and every
 * default is reported back in the risk report's `inputs`. Optional `tierTables` (the venues' tier
 * tables, e.g. from `GET /v5/market/risk-limit`), optional `collateralTables` and each account's
 * `venueReported` figures extend DESIGN.md §4.
 */

export const ScenarioMethod = {
  montecarlo: 'montecarlo',
  historical: 'historical',
  parametric: 'parametric',
} as const;
export type ScenarioMethod = (typeof ScenarioMethod)[keyof typeof ScenarioMethod];

/**
 * The law of a day's log-returns in forecast σ: normal, or s·T_ν with T_ν a unit-variance
 * Student-t and s (`volScale`, default 1) the ratio of the day's typical spread to the forecast's
 * (risk/day-variance-mixture.ts).
 */
export type Distribution =
  | { readonly type: 'normal' }
  | { readonly type: 'student-t'; readonly nu: number; readonly volScale?: number };

export interface ModelInput {
  readonly method?: ScenarioMethod;
  readonly distribution?: Distribution;
  readonly confidence?: number;
  readonly horizonHours?: number;
  readonly scenarios?: number;
  readonly seed?: number;
  /** Paths for the liquidation probability simulation. */
  readonly liquidationPaths?: number;
}

export interface MarketInput {
  /** Asset prices in USD. */
  readonly prices?: Readonly<Record<string, Decimal>>;
  /** Annualised (365-day) log-return volatilities, as fractions. */
  readonly annualVols?: Readonly<Record<string, number>>;
  /** Pairwise log-return correlations keyed `A/B`. */
  readonly correlations?: Readonly<Record<string, number>>;
  /** Average daily traded volume per asset in USD (liquidity add-on). */
  readonly dailyVolumeUsd?: Readonly<Record<string, number>>;
  /** Bid-ask spread per asset in basis points (liquidity add-on). */
  readonly spreadsBps?: Readonly<Record<string, number>>;
}

export interface ValidatedPortfolio {
  readonly version: 1;
  /** ISO-8601 time the positions were observed. */
  readonly asOf: string;
  readonly baseCurrency: 'USD';
  readonly accounts: readonly Account[];
  readonly market: MarketInput;
  readonly model: ModelInput;
  /**
   * The venues' tier tables that came with the file (top-level `tierTables`), each validated and
   * built (tier-table.ts); they rank below a position's own tier and above the embedded tables.
   */
  readonly tierTables?: readonly TierTable[];
  /**
   * The venues' collateral rates that came with the file (top-level `collateralTables`, one per
   * venue and asset, collateral-table.ts), used by Binance portfolio margin (uniMMR, tiers by USD
   * value) and Bybit's cross-collateral unified account (tiers by coin quantity).
   */
  readonly collateralTables?: readonly CollateralTable[];
}
