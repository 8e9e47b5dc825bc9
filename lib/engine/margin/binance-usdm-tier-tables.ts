import { TierBasis, type TierTable } from './tier-table';
import { buildTiers, type MaintenanceTier, type TierRow } from './tiers';

/**
 * Embedded fallback tier tables for Binance USDⓈ-M perpetuals, used when neither the position
 * nor the venue supplies the tier in force. Binance re-tiers by announcement; a live table
 * (`GET /fapi/v1/leverageBracket`, signed) takes precedence once an account is connected.
 *
 * Source: the Binance bracket snapshot committed in freqtrade
 * (`freqtrade/exchange/binance_leverage_tiers.json`, last changed 2024-10-24, commit 3d9514d2),
 * as transcribed in research/methodology.md §1.2 table (c). The maintenance amounts are checked
 * against the recursion when the table is built (methodology B5).
 */
export const BINANCE_USDM_TIERS_AS_OF = '2024-10-24';
export const BINANCE_USDM_TIERS_SOURCE =
  'freqtrade binance_leverage_tiers.json, commit 3d9514d2; methodology §1.2 (c)';

/** A published bracket: [floor, cap, maintenance margin rate, max leverage, maintenance amount]. */
type BracketRow = readonly [string, string, string, number, string];

// prettier-ignore
const BTCUSDT: readonly BracketRow[] = [
  ['0', '50000', '0.004', 125, '0'],
  ['50000', '600000', '0.005', 100, '50'],
  ['600000', '3000000', '0.0065', 75, '950'],
  ['3000000', '12000000', '0.01', 50, '11450'],
  ['12000000', '70000000', '0.02', 25, '131450'],
  ['70000000', '100000000', '0.025', 20, '481450'],
  ['100000000', '230000000', '0.05', 10, '2981450'],
  ['230000000', '480000000', '0.1', 5, '14481450'],
  ['480000000', '600000000', '0.125', 4, '26481450'],
  ['600000000', '800000000', '0.15', 3, '41481450'],
  ['800000000', '1200000000', '0.25', 2, '121481450'],
  ['1200000000', '1800000000', '0.5', 1, '421481450'],
];

// prettier-ignore
const ETHUSDT: readonly BracketRow[] = [
  ['0', '50000', '0.004', 125, '0'],
  ['50000', '600000', '0.005', 100, '50'],
  ['600000', '3000000', '0.0065', 75, '950'],
  ['3000000', '12000000', '0.01', 50, '11450'],
  ['12000000', '50000000', '0.02', 25, '131450'],
  ['50000000', '65000000', '0.025', 20, '381450'],
  ['65000000', '150000000', '0.05', 10, '2006450'],
  ['150000000', '320000000', '0.1', 5, '9506450'],
  ['320000000', '400000000', '0.125', 4, '17506450'],
  ['400000000', '530000000', '0.15', 3, '27506450'],
  ['530000000', '800000000', '0.25', 2, '80506450'],
  ['800000000', '1200000000', '0.5', 1, '280506450'],
];

const TABLES: Readonly<Record<string, readonly BracketRow[]>> = { BTCUSDT, ETHUSDT };
const built = new Map<string, MaintenanceTier[]>();

function toTierRow([
  floor,
  cap,
  maintenanceMarginRate,
  maxLeverage,
  maintenanceAmount,
]: BracketRow): TierRow {
  return { floor, cap, maintenanceMarginRate, maxLeverage, maintenanceAmount };
}

/** The embedded tiers for a Binance market id (e.g. `BTCUSDT`), or undefined when none is embedded. */
export function binanceUsdmEmbeddedTiers(marketId: string): readonly MaintenanceTier[] | undefined {
  const rows = TABLES[marketId];
  if (!rows) return undefined;
  let tiers = built.get(marketId);
  if (!tiers) {
    tiers = buildTiers(rows.map(toTierRow), `binanceusdm ${marketId}`);
    built.set(marketId, tiers);
  }
  return tiers;
}

export function binanceUsdmEmbeddedMarkets(): string[] {
  return Object.keys(TABLES);
}

/** The embedded table of a Binance market id as a {@link TierTable} for `symbol` (complete brackets). */
export function binanceUsdmEmbeddedTierTable(
  marketId: string,
  symbol: string,
): TierTable | undefined {
  const tiers = binanceUsdmEmbeddedTiers(marketId);
  if (!tiers) return undefined;
  return {
    venue: 'binanceusdm',
    symbol,
    source: BINANCE_USDM_TIERS_SOURCE,
    asOf: BINANCE_USDM_TIERS_AS_OF,
    basis: TierBasis.notional,
    tiers,
    complete: true,
  };
}
