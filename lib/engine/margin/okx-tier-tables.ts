import Decimal from 'decimal.js';
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
 * maintenance margin ratio rules", https://tr.okx.com/help/tier and the mirror in methodology §3.1;
 * margin ratio formula in methodology §3.2), so they use
 * the `flat` form and the `quantity` basis (tier-table.ts). The published contract counts are
 * converted to base units with the contract value `ctVal` of `GET /api/v5/public/instruments`
 * (ETH-USDT-SWAP: 0.1 ETH per contract).
 *
 * ETH-USDT-SWAP — source: OKEx announcement "OKEx position tiers to be adjusted"
 * (https://support.okexcn.com/hc/en-us/articles/4402607424781-OKEx-position-tiers-to-be-adjusted),
 * "9:00 am UTC on Jun. 11", section "1. USDT perpetual swaps / ETHUSDT perpetual swap":
 *   tier 1: 0–3,000 cont, MMR 0.40%, min IMR 0.80%, 125x;
 *   tier 2: 3,001–6,000 cont, 0.50%, 1.00%, 100x;
 *   tier 3: 6,001–12,000 cont, 1.00%, 1.50%, 66.66x;
 *   tier 4 and up: "Increase by 12,000 conts … Increase by 0.5% from the previous tier".
 * Only the three explicit rows are embedded, so the table is partial (a position above 12,000
 * contracts = 1,200 ETH is refused). The stored copy shows no year; the article was published
 * under the OKEx name, which OKX dropped in January 2022, so it is from 2021 at the latest — an old
 * table, shown with that date in the report. Whole contracts "3,001–6,000" are read as the size
 * interval (3,000, 6,000].
 *
 * BTC-USDT-SWAP: no published table with its rows and date could be found (the position-tier
 * announcements that could be read list other contracts); BTC positions need the tier in force or a table from the venue.
 */
export const OKX_TIERS_AS_OF = '2021-06-11 (year inferred, see okx-tier-tables.ts)';
export const OKX_TIERS_SOURCE =
  'OKEx announcement "OKEx position tiers to be adjusted" (support.okexcn.com, article 4402607424781)';

/** A published row: [max contracts, MMR in percent, max leverage]. */
type PositionTierRow = readonly [string, string, number];

// prettier-ignore
const ETH_USDT_SWAP: readonly PositionTierRow[] = [
  ['3000', '0.40', 125],
  ['6000', '0.50', 100],
  ['12000', '1.00', 66.66],
];

const TABLES: Readonly<
  Record<
    string,
    {
      readonly symbol: string;
      readonly contractValue: string;
      readonly rows: readonly PositionTierRow[];
    }
  >
> = { 'ETH-USDT-SWAP': { symbol: 'ETH/USDT:USDT', contractValue: '0.1', rows: ETH_USDT_SWAP } };
const built = new Map<string, TierTable>();

/** Published rows (contracts, percent) as tier rows in base units with fractional rates. */
export function okxPositionTierRows(
  rows: readonly PositionTierRow[],
  contractValue: string,
): TierRow[] {
  const size = (contracts: string) => new Decimal(contracts).mul(contractValue).toString();
  return rows.map(([maxContracts, percent, maxLeverage], index) => ({
    floor: index === 0 ? '0' : size(rows[index - 1]?.[0] ?? '0'),
    cap: size(maxContracts),
    maintenanceMarginRate: new Decimal(percent).div(100).toString(),
    maxLeverage,
  }));
}

/** The embedded table of an OKX instrument id (e.g. `ETH-USDT-SWAP`), or undefined. */
export function okxEmbeddedTierTable(instrumentId: string): TierTable | undefined {
  const entry = TABLES[instrumentId];
  if (!entry) return undefined;
  let table = built.get(instrumentId);
  if (!table) {
    table = {
      venue: 'okx',
      symbol: entry.symbol,
      source: OKX_TIERS_SOURCE,
      asOf: OKX_TIERS_AS_OF,
      basis: OKX_TIER_TABLES.basis,
      tiers: buildTiers(
        okxPositionTierRows(entry.rows, entry.contractValue),
        `okx ${instrumentId}`,
        OKX_TIER_TABLES.form,
      ),
      complete: false,
    };
    built.set(instrumentId, table);
  }
  return table;
}

export function okxEmbeddedInstruments(): string[] {
  return Object.keys(TABLES);
}
