import Decimal from 'decimal.js';
import recorded from './hyperliquid-margin-tables-2025-11-11.json';
import { TierBasis, type TierTable } from './tier-table';
import { buildTiers, type TierRow } from './tiers';

/**
 * Embedded fallback margin tables for Hyperliquid perpetuals of the first perp dex (settled in
 * USDC), used when a position comes without the asset's max leverage and tier in force (a
 * portfolio file, positions read from the page); with a connection the adapter reads the live
 * `meta` and gives the position its tier (lib/venues/hyperliquid/hyperliquid-meta.ts).
 *
 * Source: hyperliquid-margin-tables-2025-11-11.json, written by
 * scripts/extract-hyperliquid-margin-tables.ts from a recorded answer of Hyperliquid's public
 * `POST /info {"type":"metaAndAssetCtxs"}` — the sample answer in the comment above
 * `MetaAndAssetCtxs` in `perp.go` of https://github.com/SwellNetwork/hyperliquid-go-sdk at commit
 * 8a8a7e986267cc60822498d45463a89794eff7a6 of 2025-11-11 (the answer carries no time of its own;
 * its BTC mark, 105,942, is that week's). Kept per asset: `maxLeverage`, `marginTableId` and the
 * tiers (`lowerBound`, `maxLeverage`) of each table id of 50 and above. The data file names its
 * source and date ({@link HYPERLIQUID_TABLES_SOURCE}, {@link HYPERLIQUID_TABLES_AS_OF});
 * Hyperliquid changes max leverage and tables by announcement, so a table can be out of date, and
 * the report names the date beside every figure from it.
 *
 * Assets: the 30 listed perpetuals with the largest 24-hour notional volume (`dayNtlVlm`) in the
 * same answer — ranked by measured volume on that day (BTC, ETH, SOL, ZEC, HYPE, LTC, XRP, XPL,
 * PUMP, NEAR, FARTCOIN, DOGE, ASTER, STRK, BNB, FIL, TRUMP, WLFI, ENA, ICP, VIRTUAL, UNI, LINK,
 * TAO, APT, SUI, TIA, ADA, AVAX, ZK). Builder-deployed (HIP-3) dexes have tables of their own and
 * none is embedded.
 *
 * Margin tiers (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers): "for IDs
 * less than 50, there is a single tier with max leverage equal to the ID"; otherwise the table
 * lists each tier's lower bound of notional (USDC) and max leverage, a tier's cap being the next
 * tier's lower bound. For tier n, maintenance_margin_rate(n) = 1 / (2 · maxLeverage(n)) ("half of
 * the initial margin at max leverage", https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations)
 * and maintenance_deduction(n) = deduction(n − 1) + lowerBound(n) · (rate(n) − rate(n − 1)),
 * MM = notional · rate − deduction: the tier form with maintenance amounts of tiers.ts (its
 * recursion). Rates like 1/6 do not end: written to 20 significant digits, as the adapter writes
 * them. Units: notional in USDC (`notional` basis).
 */
export const HYPERLIQUID_TABLES_AS_OF: string = recorded.asOf;
export const HYPERLIQUID_TABLES_SOURCE: string = recorded.source;

/** One recorded tier: its lower bound of notional (USDC) and max leverage. */
export interface RecordedMarginTier {
  readonly lowerBound: string;
  readonly maxLeverage: number;
}

interface RecordedAsset {
  readonly maxLeverage: number;
  readonly marginTableId: number;
}

const ASSETS: Readonly<Record<string, RecordedAsset>> = recorded.assets;
const TABLES: Readonly<Record<string, readonly RecordedMarginTier[]>> = recorded.marginTables;
const built = new Map<string, TierTable>();

/** The tiers of a margin table id: one tier at the id below 50, else the recorded table. */
export function hyperliquidMarginTiers(tableId: number): readonly RecordedMarginTier[] | undefined {
  if (tableId < 50) return [{ lowerBound: '0', maxLeverage: tableId }];
  return Object.hasOwn(TABLES, String(tableId)) ? TABLES[String(tableId)] : undefined;
}

/** Tier rows: floor the lower bound, cap the next one, rate 1/(2·max leverage) to 20 digits. */
export function hyperliquidTierRows(tiers: readonly RecordedMarginTier[]): TierRow[] {
  return tiers.map((tier, index) => ({
    floor: new Decimal(tier.lowerBound).toFixed(),
    cap:
      index + 1 < tiers.length ? new Decimal(tiers[index + 1]?.lowerBound ?? '0').toFixed() : null,
    maintenanceMarginRate: new Decimal(1).div(2 * tier.maxLeverage).toPrecision(20),
    maxLeverage: tier.maxLeverage,
  }));
}

/**
 * The embedded table of a Hyperliquid coin of the first dex (e.g. `BTC`) as a {@link TierTable}
 * for `symbol` (e.g. `BTC/USDC:USDC`), or undefined when none is embedded.
 */
export function hyperliquidEmbeddedTierTable(coin: string, symbol: string): TierTable | undefined {
  if (!Object.hasOwn(ASSETS, coin)) return undefined;
  const asset = ASSETS[coin] as RecordedAsset;
  let table = built.get(coin);
  if (!table) {
    const tiers = hyperliquidMarginTiers(asset.marginTableId);
    if (!tiers)
      throw new RangeError(
        `hyperliquid ${coin}: margin table ${asset.marginTableId} is not recorded`,
      );
    table = {
      venue: 'hyperliquid',
      symbol,
      source: HYPERLIQUID_TABLES_SOURCE,
      asOf: HYPERLIQUID_TABLES_AS_OF,
      basis: TierBasis.notional,
      tiers: buildTiers(hyperliquidTierRows(tiers), `hyperliquid ${coin}`),
      complete: true,
    };
    built.set(coin, table);
  }
  return table;
}

/** The coins with an embedded margin table, by the recorded day's volume (largest first). */
export function hyperliquidEmbeddedCoins(): string[] {
  return Object.keys(ASSETS);
}

/** The asset's max leverage as recorded (its first tier's), or undefined when not embedded. */
export function hyperliquidEmbeddedMaxLeverage(coin: string): number | undefined {
  return Object.hasOwn(ASSETS, coin) ? ASSETS[coin]?.maxLeverage : undefined;
}
