import riskLimits from './bybit-risk-limits-2024-12-25.json';
import { TierBasis, type TierTable } from './tier-table';
import { buildTiers, type TierRow } from './tiers';

/**
 * Embedded fallback risk-limit tables for Bybit USDT linear perpetuals, used when neither the
 * position nor the file (`tierTables`, from the public `GET /v5/market/risk-limit`) gives the tier.
 *
 * Source: bybit-risk-limits-2024-12-25.json, written by scripts/extract-bybit-risk-limits.ts from
 * a recorded answer of Bybit's public `GET /v5/market/risk-limit?category=linear`: the freqtrade
 * leverage-tier cache `data/bybit/futures/leverage_tiers_USDT.json` (ccxt `fetchLeverageTiers`
 * output, each row's raw Bybit fields in `info`) committed in https://github.com/mohsenjfar/user_data
 * at de73dbb87370e81f1c90832cf7da21520d95cb1e, read from Bybit on 2024-12-25 12:17 UTC (the file's
 * `updated`). The data file names its source and date ({@link BYBIT_TIERS_SOURCE},
 * {@link BYBIT_TIERS_AS_OF}); Bybit re-tiers by announcement, so a table can be out of date
 * (captures dated 2026-09-25 show a new first BTCUSDT tier of 300,000 USDT at 0.33%, 150x), and the
 * report names the date beside every figure from it. Its BTCUSDT rows 1–20 are the rows of Bybit's
 * "Margin Parameters" page (https://www.bybit.com/en/announcement-info/margin-parameters) that
 * were embedded here before, which the snapshot dates and completes (35 rows, to 1,200,000,000 USDT).
 *
 * Symbols: the 30 major USDT perpetuals chosen by hand for Binance (binance-usdm-tier-tables.ts),
 * not ranked by measured trading volume, of which the recording holds 19 (BTC, ETH, DOGE, BNB,
 * ADA, AVAX, LINK, DOT, LTC, BCH, APT, ARB, FIL, ATOM, ETC, AAVE, INJ, 1000PEPE, HBAR): its
 * pagination stopped at MKRUSDT among the symbols Bybit lists alphabetically, so SOL, XRP, TRX,
 * SUI, TON, NEAR, OP, UNI, SEI, TIA and WIF have none (the data file's `absent`); those need the
 * tier in force or a table from the venue.
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
