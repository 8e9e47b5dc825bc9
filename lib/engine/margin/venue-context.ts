import type { ValidatedPortfolio } from '../portfolio/portfolio-types';
import { collateralTableLookup, type CollateralTable } from './collateral-table';
import { tierTableLookup, type TierTable } from './tier-table';

/**
 * What venue rules may need beyond the account itself: the time of the snapshot (option expiries),
 * the underlying's index price in USD (from the portfolio file's market prices), the venues'
 * tier tables that came with the file (its top-level `tierTables`, tier-table.ts) and their
 * collateral rates (top-level `collateralTables`, collateral-table.ts).
 */
export interface MarginContext {
  /** ISO-8601 time of the snapshot. */
  readonly asOf: string;
  readonly underlyingPrice: (asset: string) => number | undefined;
  /**
   * The file's tier table for an account's venue and symbol (the account's own, else the venue's);
   * absent or undefined when the file has none.
   */
  readonly tierTable?: (venue: string, symbol: string, accountId: string) => TierTable | undefined;
  /** The file's collateral rates for a venue and asset; absent or undefined when it has none. */
  readonly collateralTable?: (venue: string, asset: string) => CollateralTable | undefined;
}

/** The margin context of a validated portfolio: its time, USD prices, tier and collateral tables. */
export function marginContextOf(portfolio: ValidatedPortfolio): MarginContext {
  return {
    asOf: portfolio.asOf,
    underlyingPrice: (asset) => portfolio.market.prices?.[asset]?.toNumber(),
    tierTable: tierTableLookup(portfolio.tierTables ?? []),
    collateralTable: collateralTableLookup(portfolio.collateralTables ?? []),
  };
}
