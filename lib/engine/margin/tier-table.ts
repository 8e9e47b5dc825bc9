import Decimal from 'decimal.js';
import { MarginMode, type Account, type Position } from '../product/types';
import type { MaintenanceTier } from './tiers';

/**
 * A venue's tier table for one symbol, and where a position's maintenance tier came from.
 *
 * A table is either read from the venue (the portfolio file's top-level `tierTables`, written by
 * the venue adapters from public endpoints: Bybit `GET /v5/market/risk-limit`, OKX
 * `GET /api/v5/public/position-tiers`, Binance `GET /fapi/v1/leverageBracket`) or embedded in the
 * engine with its publication date (binance-usdm-tier-tables.ts, bybit-tier-tables.ts,
 * okx-tier-tables.ts, hyperliquid-margin-tables.ts). Precedence for a position (linear-tiered-account.ts,
 * inverse-tiered-account.ts): the position's own tier in force > the venue's table from the file >
 * the embedded dated table > a clear refusal.
 *
 * Basis: the size a tier's floor and cap bound.
 * - `notional`: the position value in the settlement asset (USDT for linear contracts, coin for
 *   inverse ones), at the price in question (Binance brackets, Bybit risk limits);
 * - `quantity`: the position size, contracts × contract size — base units for linear contracts,
 *   USD for inverse ones (OKX tiers count contracts, so they do not move with the price; a table
 *   from OKX's `minSz`/`maxSz` is converted with the instrument's `ctVal`).
 */
export const TierBasis = { notional: 'notional', quantity: 'quantity' } as const;
export type TierBasis = (typeof TierBasis)[keyof typeof TierBasis];

/** Where a position's tier came from, in precedence order. `venue-rule`: a venue without tiers. */
export const TierOrigin = {
  position: 'position',
  venueTable: 'venue-table',
  embedded: 'embedded',
  venueRule: 'venue-rule',
} as const;
export type TierOrigin = (typeof TierOrigin)[keyof typeof TierOrigin];

export interface TierTable {
  /** ccxt exchange id. */
  readonly venue: string;
  /** ccxt unified symbol. */
  readonly symbol: string;
  /** The endpoint or document it came from, e.g. `GET /v5/market/risk-limit`. */
  readonly source: string;
  /** When it was read or published (ISO-8601 time or date). */
  readonly asOf: string;
  /**
   * The accounts the table is for, when the venue set their tiers apart (Binance's per-user
   * brackets); absent, every account on the venue.
   */
  readonly accounts?: readonly string[];
  readonly basis: TierBasis;
  readonly tiers: readonly MaintenanceTier[];
  /**
   * False when only the first rows of the venue's table are known (an embedded partial table):
   * a notional above the last cap is then refused rather than charged the last row's rate. A
   * `quantity` table refuses a size above its last cap either way: sizes do not move with the
   * price, so that is no position the venue lets anyone hold (a wrong contract size, or a table
   * older than the venue's).
   */
  readonly complete: boolean;
  /**
   * For a `quantity` table converted from the venue's contracts (OKX: `maxSz` × `ctVal`), the
   * contract value it was converted with, in base units: a position counted in other contracts
   * is refused rather than tiered on a table it does not match.
   */
  readonly contractValue?: Decimal;
}

/** The table a tier came from, as the risk report shows it. */
export interface TierTableReference {
  readonly source: string;
  readonly asOf: string;
}

/** The tiers that may apply to a position, and where they came from. */
export interface TierChoice {
  readonly tiers: readonly MaintenanceTier[];
  /** One sentence for people: origin, table, date (and the row, for size-based tiers). */
  readonly tierSource: string;
  readonly tierOrigin: TierOrigin;
  /** The table used (venue or embedded); null for the position's own tier or a venue rule. */
  readonly tierTable: TierTableReference | null;
}

/**
 * Finds the file's table for an account's venue and symbol: the table naming the account, else
 * the venue's table for every account (at most one each; the parser checks it).
 */
export function tierTableLookup(
  tables: readonly TierTable[],
): (venue: string, symbol: string, accountId: string) => TierTable | undefined {
  const byKey = new Map(
    tables.flatMap((table) =>
      (table.accounts ?? ['']).map(
        (account) => [`${table.venue} ${table.symbol} ${account}`, table] as const,
      ),
    ),
  );
  return (venue, symbol, accountId) =>
    byKey.get(`${venue} ${symbol} ${accountId}`) ?? byKey.get(`${venue} ${symbol} `);
}

/**
 * The size a size-based tier applies to (OKX): in cross (and portfolio) margin, every cross leg of
 * the symbol together (long and short contracts add up); an isolated leg on its own. Contracts ×
 * contract size: base units for linear contracts, USD for inverse ones.
 */
export function tierSizeOf(account: Account, position: Position): Decimal {
  const isolated = (item: Position) =>
    (item.marginMode ?? account.marginMode) === MarginMode.isolated;
  if (isolated(position)) return position.contracts.mul(position.contractSize);
  return account.positions
    .filter((item) => item.symbol === position.symbol && !isolated(item))
    .reduce((sum, item) => sum.plus(item.contracts.mul(item.contractSize)), new Decimal(0));
}
