import type { ValidatedPortfolio } from '../portfolio/portfolio-types';
import { tierTableLookup, type TierTable } from './tier-table';

/**
 * What venue rules may need beyond the account itself: the time of the snapshot (option expiries),
 * the underlying's index price in USD (from the portfolio file's market prices) and the venues'
 * tier tables that came with the file (its top-level `tierTables`, tier-table.ts).
 */
export interface MarginContext {
  /** ISO-8601 time of the snapshot. */
  readonly asOf: string;
  readonly underlyingPrice: (asset: string) => number | undefined;
  /** The file's tier table for a venue and symbol; absent or undefined when the file has none. */
  readonly tierTable?: (venue: string, symbol: string) => TierTable | undefined;
}

/** The margin context of a validated portfolio: its time, its USD prices and its tier tables. */
export function marginContextOf(portfolio: ValidatedPortfolio): MarginContext {
  return {
    asOf: portfolio.asOf,
    underlyingPrice: (asset) => portfolio.market.prices?.[asset]?.toNumber(),
    tierTable: tierTableLookup(portfolio.tierTables ?? []),
  };
}
