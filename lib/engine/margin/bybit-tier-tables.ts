import riskLimits from './bybit-risk-limits-2025-12-29.json';
import { TierBasis, type TierTable } from './tier-table';
import { buildTiers, type TierRow } from './tiers';

/**
 * Embedded fallback risk-limit tables for Bybit USDT linear perpetuals, used when neither the
 * position nor the file (`tierTables`, from the public `GET /v5/market/risk-limit`) gives the tier.
 *
 * Source: bybit-risk-limits-2025-12-29.json, written by scripts/extract-bybit-risk-limits.ts from
 * a recorded answer of Bybit's public `GET /v5/market/risk-limit?category=linear`: the freqtrade
 * leverage-tier cache `user_data/data/bybit/futures/leverage_tiers_USDT.json` (ccxt
 * `fetchLeverageTiers` output, each row's raw Bybit fields in `info`) committed in
 * https://github.com/erikubingf-del/tradingtest at 30f372055f2e4695ecd9d75d0d2cd39319579ce1, read
 * from Bybit on 2025-12-29 12:05 UTC (the file's `updated`). The data file names its source and
 * date ({@link BYBIT_TIERS_SOURCE}, {@link BYBIT_TIERS_AS_OF}); Bybit re-tiers by announcement, so
 * a table can be out of date (captures dated 2026-09-25 show a new first BTCUSDT tier of
 * 300,000 USDT at 0.33%, 150x), and the report names the date beside every figure from it.
 * The recording (5.6 million characters) was read in pages and its rows typed into the script's
 * input; how that copy was checked is in docs/embedded-tier-tables.md (every deduction passes the
 * recursion below; 16 of the tables equal, row for row, an earlier machine copy of 2024-12-25).
 *
 * Symbols: the 30 major USDT perpetuals chosen by hand for Binance (binance-usdm-tier-tables.ts),
 * not ranked by measured trading volume, every row of each (30 or 35).
 *
 * Fields as Bybit gives them (https://bybit-exchange.github.io/docs/v5/market/risk-limit):
 * `riskLimitValue` the tier's cap (position value, USDT; the floor is the previous row's cap),
 * `maintenanceMargin` the rate (a fraction), `maxLeverage`, `mmDeduction` the MM deduction (USDT;
 * empty on the first row, i.e. 0). Every deduction is checked against the recursion when the table
 * is built (tiers.ts), so a transcription error stops the table rather than mispricing a position.
 * Units: notional in USDT (tier-table.ts `notional` basis).
 */
export const BYBIT_TIERS_AS_OF: string = riskLimits.asOf;
export const BYBIT_TIERS_SOURCE: string = riskLimits.source;

/** One risk-limit row as Bybit's `GET /v5/market/risk-limit` gives it (decimal strings). */
export interface RawRiskLimit {
  readonly riskLimitValue: string;
  readonly maintenanceMargin: string;
  readonly maxLeverage: string;
  readonly mmDeduction: string;
}

const TABLES: Readonly<Record<string, readonly RawRiskLimit[]>> = riskLimits.riskLimits;
const built = new Map<string, TierTable>();

/** Bybit's rows as tier rows: each floor is the previous risk limit, an empty deduction 0. */
export function bybitRiskLimitRows(rows: readonly RawRiskLimit[]): TierRow[] {
  return rows.map((row, index) => ({
    floor: index === 0 ? '0' : (rows[index - 1]?.riskLimitValue ?? '0'),
    cap: row.riskLimitValue,
    maintenanceMarginRate: row.maintenanceMargin,
    maxLeverage: Number(row.maxLeverage),
    maintenanceAmount: row.mmDeduction === '' ? '0' : row.mmDeduction,
  }));
}

/** The embedded table of a Bybit market id (e.g. `BTCUSDT`), or undefined when none is embedded. */
export function bybitEmbeddedTierTable(marketId: string): TierTable | undefined {
  if (!Object.hasOwn(TABLES, marketId)) return undefined;
  const rows = TABLES[marketId] ?? [];
  let table = built.get(marketId);
  if (!table) {
    table = {
      venue: 'bybit',
      symbol: `${marketId.replace(/USDT$/, '')}/USDT:USDT`,
      source: BYBIT_TIERS_SOURCE,
      asOf: BYBIT_TIERS_AS_OF,
      basis: TierBasis.notional,
      tiers: buildTiers(bybitRiskLimitRows(rows), `bybit ${marketId}`),
      complete: true,
    };
    built.set(marketId, table);
  }
  return table;
}

/** The Bybit market ids with embedded risk limits, in the data file's order. */
export function bybitEmbeddedMarkets(): string[] {
  return Object.keys(TABLES);
}

/** The hand-chosen market ids the recording does not hold (no embedded table). */
export function bybitAbsentMarkets(): string[] {
  return [...riskLimits.absent];
}
