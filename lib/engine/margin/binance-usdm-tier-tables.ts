import brackets from './binance-usdm-brackets-2024-10-24.json';
import { TierBasis, type TierTable } from './tier-table';
import { buildTiers, type MaintenanceTier, type TierRow } from './tiers';

/**
 * Embedded fallback brackets for Binance USDⓈ-M perpetuals, used when neither the position nor the
 * file (`tierTables`) supplies the tier in force — a portfolio file or a page-read account. Binance
 * publishes its brackets only through a signed call (`GET /fapi/v1/leverageBracket`), so with a key
 * the adapter reads the account's own brackets and those take precedence (tier-table.ts).
 *
 * Source: binance-usdm-brackets-2024-10-24.json, written by scripts/extract-binance-brackets.ts
 * from freqtrade's `freqtrade/exchange/binance_leverage_tiers.json` (ccxt `fetchLeverageTiers`
 * output, each bracket's raw Binance fields in `info`) at commit
 * 3d9514d2660c42dfdbde517f7b421d1a5cf4f196 of 2024-10-24, the newest version of that file in the
 * stored freqtrade snapshot. The data file names its source and date ({@link
 * BINANCE_USDM_TIERS_SOURCE}, {@link BINANCE_USDM_TIERS_AS_OF}); Binance re-tiers by announcement,
 * so a table can be out of date, and the report names the date beside every figure from it.
 *
 * Symbols: 30 major USDⓈ-M USDT perpetuals chosen by hand (BTC, ETH, SOL, XRP, DOGE, BNB, ADA,
 * AVAX, LINK, DOT, LTC, BCH, TRX, SUI, TON, NEAR, APT, ARB, OP, FIL, ATOM, ETC, UNI, AAVE, INJ, SEI,
 * TIA, WIF, 1000PEPE, HBAR), not ranked by measured trading volume.
 *
 * Units: floor and cap are notionals in USDT (`notional` basis); `maintMarginRatio` is a fraction;
 * `cum` (the maintenance amount) in USDT, checked against the recursion when a table is built
 * (tiers.ts), so a transcription error stops the table rather than mispricing a position.
 */
export const BINANCE_USDM_TIERS_AS_OF: string = brackets.asOf;
export const BINANCE_USDM_TIERS_SOURCE: string = brackets.source;

/** One bracket as Binance's `GET /fapi/v1/leverageBracket` gives it (decimal strings). */
interface RawBracket {
  readonly notionalFloor: string;
  readonly notionalCap: string;
  readonly maintMarginRatio: string;
  readonly cum: string;
  readonly initialLeverage: string;
}

const TABLES: Readonly<Record<string, readonly RawBracket[]>> = brackets.brackets;
const built = new Map<string, MaintenanceTier[]>();

function toTierRow(bracket: RawBracket): TierRow {
  return {
    floor: bracket.notionalFloor,
    cap: bracket.notionalCap,
    maintenanceMarginRate: bracket.maintMarginRatio,
    maxLeverage: Number(bracket.initialLeverage),
    maintenanceAmount: bracket.cum,
  };
}

function embeddedRows(marketId: string): readonly TierRow[] | undefined {
  return Object.hasOwn(TABLES, marketId) ? TABLES[marketId]?.map(toTierRow) : undefined;
}

/** The embedded tiers for a Binance market id (e.g. `BTCUSDT`), or undefined when none is embedded. */
export function binanceUsdmEmbeddedTiers(marketId: string): readonly MaintenanceTier[] | undefined {
  const rows = embeddedRows(marketId);
  if (!rows) return undefined;
  let tiers = built.get(marketId);
  if (!tiers) {
    tiers = buildTiers(rows, `binanceusdm ${marketId}`);
    built.set(marketId, tiers);
  }
  return tiers;
}

/** The Binance market ids with embedded brackets, in the data file's order. */
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
