import Decimal from 'decimal.js';
import positionTiers from './okx-position-tiers-2026-05-28.json';
import { TierBasis, type TierTable } from './tier-table';
import { buildTiers, TierForm, type TierRow } from './tiers';

/**
 * How OKX's position tiers read: by size in contracts (base units here), the tier's rate on the
 * whole position, no maintenance amount (`GET /api/v5/public/position-tiers`: `mmr`, no deduction).
 */
export const OKX_TIER_TABLES = { basis: TierBasis.quantity, form: TierForm.flat } as const;

/**
 * Embedded fallback position tiers for OKX USDT perpetual swaps, used when neither the position
 * nor the file (`tierTables`, from the public `GET /api/v5/public/position-tiers`) gives the tier.
 *
 * OKX tiers are by position size in contracts, and a tier's maintenance margin rate applies to the
 * whole position: MM = contracts × contract value × mark × MMR, with no deduction ("Tiered
 * maintenance margin ratio rules", https://www.okx.com/help/v-tiered-maintenance-margin-ratio-rules;
 * the API's `mmr`), so they use the `flat` form and the `quantity` basis (tier-table.ts). A tier
 * covers sizes above the previous tier's `maxSz` up to its own (the same reading as the key path,
 * lib/venues/okx/okx-position-tiers.ts); the contract counts are converted to base units with the
 * instrument's contract value `ctVal` (`GET /api/v5/public/instruments`).
 *
 * Source: okx-position-tiers-2026-05-28.json, written by scripts/extract-okx-position-tiers.ts
 * from a recorded answer of OKX's public `GET /api/v5/public/position-tiers` (instType=SWAP): the
 * freqtrade leverage-tier cache `user_data/data/okx/futures/leverage_tiers_USDT.json` (ccxt
 * `fetchLeverageTiers` output, each row's raw OKX fields in `info`) committed in
 * https://github.com/loveolu/crypto-strategy-research at
 * 346d4b70dd15035b77c23d782edfdb3690f542ad, read from OKX on 2026-05-28 19:50 UTC (the file's
 * `updated`). That file (10.5 million characters) could not be copied whole where this was written:
 * its 30 tables were read in 16,000-character pages and their rows typed into the script's input
 * format; every table then passed the script's checks (tiers 1…N, each `minSz` just above the
 * previous `maxSz`), every row has `maxLever` = 1/`imr` to OKX's two decimals, every table's steps
 * are regular (one `maxSz` step and a 0.5-point `mmr` step from the third tier on), and
 * rows were checked again against the recording by an independent reading
 * (okx-tier-tables.test.ts holds the checks; docs/embedded-tier-tables.md says how the tables were
 * read and the second reading).
 *
 * Each table's contract value and its source are in the data file (`contractValue`,
 * `contractValueSource`); the report's table source names the value, and a position counted in
 * other contracts is refused (tier-table.ts `contractValue`). The recording does not say which
 * margin mode's tiers it holds (ccxt asks OKX for `tdMode` cross unless told otherwise); OKX
 * publishes one list for both modes on these perpetuals as far as we have seen, and the table is
 * used for isolated legs too. All 30 tables are complete (93
 * tiers; 99 for BTC and ETH), to 50% IMR / 2x (the last MMR 46.5–48.75%). OKX re-tiers by announcement, so a table can be out
 * of date; the report names its date beside every figure from it.
 */
export const OKX_TIERS_AS_OF: string = positionTiers.asOf;
export const OKX_TIERS_SOURCE: string = positionTiers.source;

/**
 * One tier as OKX's `GET /api/v5/public/position-tiers` gives it, decimal strings in the data
 * file's `fields` order: [tier, minSz, maxSz, mmr, imr, maxLever].
 */
export type RawPositionTier = readonly string[];

interface EmbeddedInstrument {
  readonly symbol: string;
  readonly contractValue: string;
  readonly contractValueSource: string;
  readonly rows: readonly RawPositionTier[];
}

const TABLES: Readonly<Record<string, EmbeddedInstrument>> = positionTiers.positionTiers;
const built = new Map<string, TierTable>();

/** OKX's rows as tier rows in base units: each floor the previous `maxSz`, sizes × `ctVal`. */
export function okxPositionTierRows(
  rows: readonly RawPositionTier[],
  contractValue: string,
): TierRow[] {
  const size = (contracts: string) => new Decimal(contracts).mul(contractValue).toString();
  const maxSz = (row: RawPositionTier | undefined) => row?.[2] ?? '0';
  return rows.map((row, index) => ({
    floor: index === 0 ? '0' : size(maxSz(rows[index - 1])),
    cap: size(maxSz(row)),
    maintenanceMarginRate: row[3] ?? '',
    maxLeverage: Number(row[5]),
  }));
}

/** The embedded table of an OKX instrument id (e.g. `ETH-USDT-SWAP`), or undefined. */
export function okxEmbeddedTierTable(instrumentId: string): TierTable | undefined {
  if (!Object.hasOwn(TABLES, instrumentId)) return undefined;
  const entry = TABLES[instrumentId];
  if (!entry) return undefined;
  let table = built.get(instrumentId);
  if (!table) {
    const base = entry.symbol.split('/')[0] ?? '';
    table = {
      venue: 'okx',
      symbol: entry.symbol,
      source: `${OKX_TIERS_SOURCE}; contract value ${entry.contractValue} ${base}`,
      contractValue: new Decimal(entry.contractValue),
      asOf: OKX_TIERS_AS_OF,
      basis: OKX_TIER_TABLES.basis,
      tiers: buildTiers(
        okxPositionTierRows(entry.rows, entry.contractValue),
        `okx ${instrumentId}`,
        OKX_TIER_TABLES.form,
      ),
      complete: true,
    };
    built.set(instrumentId, table);
  }
  return table;
}

/** The OKX instrument ids with embedded tiers, in the data file's order. */
export function okxEmbeddedInstruments(): string[] {
  return Object.keys(TABLES);
}
