import Decimal from 'decimal.js';
import { TierBasis, type TierTable } from './tier-table';
import { buildTiers, type TierRow } from './tiers';

/**
 * Embedded fallback risk-limit tables for Bybit linear perpetuals, used when neither the position
 * nor the file (`tierTables`, from the public `GET /v5/market/risk-limit`) gives the tier.
 *
 * BTCUSDT — source: Bybit's official "Margin Parameters" page
 * (https://www.bybit.com/en/announcement-info/margin-parameters; the stored copy that shows the
 * table is the Portuguese mirror https://bybitx.global/pt-PT/announcement-info/margin-parameters,
 * "Perpétuos / Baseado em USDT / BTCUSDT / Margem cruzada e isolada"). Columns as published:
 * tier, risk limit (USDT, the tier's cap), max leverage, maintenance margin rate (percent), MM
 * deduction (USDT). Every published deduction is checked against the recursion when the table is
 * built (tiers.ts). The first two rows agree with Bybit's "Maintenance Margin (USDT Contract)"
 * article ("≤ 2,000,000 USDT → 0.5%; 2,600,000 USDT → 0.56%", methodology §2.2).
 *
 * Date and completeness — say it plainly: the page carries no date, and the stored copy shows
 * 20 rows (up to 80,000,000 USDT), so the table is treated as partial (a larger position is
 * refused, not charged the last row's rate). It predates a later change: API payloads captured in
 * public test fixtures dated 2026-09-25 show a new first tier (300,000 USDT at 0.33%, 150x) and a
 * deduction of 510 USDT on the 2,000,000 tier, i.e. this table asks up to 0.17% of notional more
 * maintenance margin than that one below 300,000 USDT (its liquidation prices are on the safe
 * side). Those captures disagree with each other beyond their first row, so they are not used.
 * No ETHUSDT or inverse (BTCUSD) table could be found with its rows and date: those symbols need
 * the tier in force or a table from the venue.
 *
 * Units: notional in USDT (tier-table.ts `notional` basis); rates converted to fractions.
 */
export const BYBIT_TIERS_AS_OF = 'undated page; older than the 2026-09-25 tiers';
export const BYBIT_TIERS_SOURCE =
  'Bybit Margin Parameters page (bybit.com/en/announcement-info/margin-parameters)';

/** A published row: [risk limit (cap), max leverage, MMR in percent, MM deduction]. */
type RiskLimitRow = readonly [string, number, string, string];

// prettier-ignore
const BTCUSDT: readonly RiskLimitRow[] = [
  ['2000000', 100, '0.5', '0'],
  ['2600000', 90, '0.56', '1200'],
  ['3200000', 80, '0.63', '3020'],
  ['3800000', 75, '0.67', '4300'],
  ['4400000', 70, '0.71', '5820'],
  ['5000000', 65, '0.77', '8460'],
  ['5600000', 55, '0.91', '15460'],
  ['8500000', 50, '1', '20500'],
  ['10000000', 45, '1.3', '46000'],
  ['14000000', 40, '1.5', '66000'],
  ['20000000', 35, '1.6', '80000'],
  ['28000000', 30, '2', '160000'],
  ['38000000', 25, '2.5', '300000'],
  ['50000000', 20, '2.9', '452000'],
  ['55000000', 19, '3', '502000'],
  ['60000000', 18, '3.5', '777000'],
  ['65000000', 17, '3.6', '837000'],
  ['70000000', 16, '3.8', '967000'],
  ['75000000', 15, '4', '1107000'],
  ['80000000', 14, '4.5', '1482000'],
];

const TABLES: Readonly<
  Record<string, { readonly symbol: string; readonly rows: readonly RiskLimitRow[] }>
> = { BTCUSDT: { symbol: 'BTC/USDT:USDT', rows: BTCUSDT } };
const built = new Map<string, TierTable>();

/** Published rows as tier rows: each floor is the previous risk limit, the rate a fraction. */
export function bybitRiskLimitRows(rows: readonly RiskLimitRow[]): TierRow[] {
  return rows.map(([cap, maxLeverage, percent, deduction], index) => ({
    floor: index === 0 ? '0' : (rows[index - 1]?.[0] ?? '0'),
    cap,
    maintenanceMarginRate: new Decimal(percent).div(100).toString(),
    maxLeverage,
    maintenanceAmount: deduction,
  }));
}

/** The embedded table of a Bybit market id (e.g. `BTCUSDT`), or undefined when none is embedded. */
export function bybitEmbeddedTierTable(marketId: string): TierTable | undefined {
  const entry = TABLES[marketId];
  if (!entry) return undefined;
  let table = built.get(marketId);
  if (!table) {
    table = {
      venue: 'bybit',
      symbol: entry.symbol,
      source: BYBIT_TIERS_SOURCE,
      asOf: BYBIT_TIERS_AS_OF,
      basis: TierBasis.notional,
      tiers: buildTiers(bybitRiskLimitRows(entry.rows), `bybit ${marketId}`),
      complete: false,
    };
    built.set(marketId, table);
  }
  return table;
}

export function bybitEmbeddedMarkets(): string[] {
  return Object.keys(TABLES);
}
