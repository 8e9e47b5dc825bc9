import Decimal from 'decimal.js';
import { tieredCollateralValue, type CollateralTier } from './binance-portfolio-margin';

/**
 * A venue's collateral rates (haircuts) for one asset, as the portfolio file's top-level
 * `collateralTables` gives them: tiers, each slice of the holding counted at its tier's rate. A
 * flat rate is one tier from 0 with no cap. Rates are fractions in [0, 1]. What floor and cap
 * bound is the venue's convention (venue-rules.ts `collateralTables`), one per venue:
 * - USD value of the asset (Binance "Cross Margin collateral haircuts" FAQ, B9; PM Pro moved to
 *   tiered collateral ratios on 2024-09-11, "Binance Portfolio Margin Pro Program: … Supported
 *   Collateral, and Rates", https://www.binance.com/en/support/faq/146ac090710a49f99c4732b00f8c09df;
 *   `GET /sapi/v1/portfolio/collateralRate`);
 * - quantity of the coin (Bybit's tiered collateral value ratio: "Tier(Quantity)" in
 *   "Understanding Collateral Value Ratios in Unified Trading Account",
 *   https://www.bybit.com/en/help-center/article/Assets-Collateral-Value-Ratio-List-UTA, and
 *   `minQty`/`maxQty` "in coin" of the public `GET /v5/spot-margin-trade/collateral`,
 *   https://bybit-exchange.github.io/docs/v5/spot-margin-uta/tier-collateral-ratio); OKX's
 *   discount rates in multi-currency margin, `minAmt`/`maxAmt` "The unit is the currency like BTC"
 *   (public `GET /api/v5/public/discount-rate-interest-free-quota`, okx-multi-currency-account.ts).
 * The venues publish them on their pages and endpoints, so they come with the file, dated.
 */
export const CollateralBasis = {
  /** Floor and cap in USD value of the asset. */
  usdValue: 'usd-value',
  /** Floor and cap in units of the asset (coins). */
  quantity: 'quantity',
} as const;
export type CollateralBasis = (typeof CollateralBasis)[keyof typeof CollateralBasis];

interface CollateralTableFacts {
  /** ccxt exchange id. */
  readonly venue: string;
  readonly asset: string;
  /** The endpoint, page or announcement the rates came from. */
  readonly source: string;
  /** When they were read or published (ISO-8601 time or date). */
  readonly asOf: string;
}

/** Tiers by USD value (Binance). */
export interface UsdValueCollateralTable extends CollateralTableFacts {
  readonly basis: typeof CollateralBasis.usdValue;
  /** Tiers in order; the last one's cap is Infinity. */
  readonly tiers: readonly CollateralTier[];
}

/** One tier of a table by quantity: the upper bound in coins (Infinity for the top tier). */
export interface CollateralQuantityTier {
  readonly capQuantity: number;
  readonly rate: number;
}

/** Tiers by quantity of the coin (Bybit). */
export interface QuantityCollateralTable extends CollateralTableFacts {
  readonly basis: typeof CollateralBasis.quantity;
  /** Tiers in order; the last one's cap is Infinity. */
  readonly tiers: readonly CollateralQuantityTier[];
}

export type CollateralTable = UsdValueCollateralTable | QuantityCollateralTable;

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

/** A table of checked rows read in the venue's basis. */
export function collateralTableOfRows(
  facts: CollateralTableFacts,
  basis: CollateralBasis,
  rows: readonly CollateralRow[],
): CollateralTable {
  const tiers = collateralTiers(rows);
  return basis === CollateralBasis.usdValue
    ? { ...facts, basis, tiers }
    : { ...facts, basis, tiers: tiers.map(({ capUsd, rate }) => ({ capQuantity: capUsd, rate })) };
}

/**
 * The collateral value in USD of a holding of `quantity` coins at `priceUsd`: each tier's slice
 * at its rate, Σ slice·rate·price — slices of USD value for a usd-value table, of coins for a
 * quantity table (a slice of q coins is worth q·price). Only a positive holding is discounted:
 * "The Collateral Value Ratio only applies to assets with a positive balance. For assets with a
 * negative balance default to a 100% collateral value ratio" (Bybit, collateral value ratios
 * article above); a debt counts in full. Units: USD. Cost: one pass over the tiers.
 */
export function collateralValueUsd(
  table: CollateralTable,
  quantity: number,
  priceUsd: number,
): number {
  if (!(quantity > 0)) return quantity * priceUsd;
  if (table.basis === CollateralBasis.usdValue)
    return tieredCollateralValue(quantity * priceUsd, table.tiers);
  let remaining = quantity;
  let floor = 0;
  let counted = 0;
  for (const tier of table.tiers) {
    if (remaining <= 0) break;
    const slice = Math.min(remaining, tier.capQuantity - floor);
    counted += slice * tier.rate;
    remaining -= slice;
    floor = tier.capQuantity;
  }
  return counted * priceUsd;
}

/** Finds the file's table for a venue and asset (at most one each; the parser checks it). */
export function collateralTableLookup(
  tables: readonly CollateralTable[],
): (venue: string, asset: string) => CollateralTable | undefined {
  const byKey = new Map(tables.map((table) => [`${table.venue} ${table.asset}`, table]));
  return (venue, asset) => byKey.get(`${venue} ${asset}`);
}
