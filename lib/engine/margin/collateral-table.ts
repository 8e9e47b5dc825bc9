import Decimal from 'decimal.js';
import type { CollateralTier } from './binance-portfolio-margin';

/**
 * A venue's collateral rates (haircuts) for one asset, as the portfolio file's top-level
 * `collateralTables` gives them: tiers by the asset's USD value, each slice of the value counted
 * at its tier's rate (Binance "Cross Margin collateral haircuts" FAQ, B9; PM Pro moved to tiered
 * collateral ratios on 2024-09-11, "Binance Portfolio Margin Pro Program: … Supported Collateral,
 * and Rates", https://www.binance.com/en/support/faq/146ac090710a49f99c4732b00f8c09df). A flat
 * rate is one tier from 0 with no cap. Rates are fractions in [0, 1]; floor and cap in USD.
 * The venue publishes them on its trading-rules pages, in announcements and at
 * `GET /sapi/v1/portfolio/collateralRate` (Binance), so they come with the file, dated.
 */
export interface CollateralTable {
  /** ccxt exchange id. */
  readonly venue: string;
  readonly asset: string;
  /** The endpoint, page or announcement the rates came from. */
  readonly source: string;
  /** When they were read or published (ISO-8601 time or date). */
  readonly asOf: string;
  /** Tiers in order; the last one's cap is Infinity. */
  readonly tiers: readonly CollateralTier[];
}

/** One published row: decimal strings, `cap` null for the unbounded top tier. */
export interface CollateralRow {
  readonly floor: string;
  readonly cap: string | null;
  readonly collateralRate: string;
}

export interface CollateralRowProblem {
  readonly index: number;
  readonly field: 'floor' | 'cap' | 'collateralRate';
  readonly message: string;
}

/**
 * Every problem with published rows, in order: the first floor must be 0 and each later floor the
 * previous cap; a cap above its floor; only the last row unbounded (`null`) — the last row must be
 * unbounded, so every value has a rate; a rate in [0, 1].
 */
export function collateralRowProblems(rows: readonly CollateralRow[]): CollateralRowProblem[] {
  const problems: CollateralRowProblem[] = [];
  let previousCap: Decimal | null = new Decimal(0);
  rows.forEach((row, index) => {
    const floor = new Decimal(row.floor);
    const cap = row.cap === null ? null : new Decimal(row.cap);
    const rate = new Decimal(row.collateralRate);
    if (previousCap === null || !floor.eq(previousCap))
      problems.push({
        index,
        field: 'floor',
        message: `${row.floor} does not continue the previous cap (${previousCap === null ? 'none: the previous tier has no bound' : previousCap.toString()})`,
      });
    if (cap !== null && cap.lte(floor))
      problems.push({
        index,
        field: 'cap',
        message: `${row.cap} is not above the floor ${row.floor}`,
      });
    if (cap !== null && index === rows.length - 1)
      problems.push({
        index,
        field: 'cap',
        message: 'the last tier must have no bound (null), so that every value has a rate',
      });
    if (rate.lt(0) || rate.gt(1))
      problems.push({
        index,
        field: 'collateralRate',
        message: `is a fraction in [0, 1] (0.95 for 95%), got ${row.collateralRate}`,
      });
    previousCap = cap;
  });
  return problems;
}

/** The tiers of rows without {@link collateralRowProblems} (the caller checks them first). */
export function collateralTiers(rows: readonly CollateralRow[]): CollateralTier[] {
  return rows.map((row) => ({
    capUsd: row.cap === null ? Number.POSITIVE_INFINITY : new Decimal(row.cap).toNumber(),
    rate: new Decimal(row.collateralRate).toNumber(),
  }));
}

/** Finds the file's table for a venue and asset (at most one each; the parser checks it). */
export function collateralTableLookup(
  tables: readonly CollateralTable[],
): (venue: string, asset: string) => CollateralTable | undefined {
  const byKey = new Map(tables.map((table) => [`${table.venue} ${table.asset}`, table]));
  return (venue, asset) => byKey.get(`${venue} ${asset}`);
}
