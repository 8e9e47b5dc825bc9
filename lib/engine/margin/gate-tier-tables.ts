import Decimal from 'decimal.js';
import { TierBasis, type TierTable } from './tier-table';
import { buildTiers, TierForm, type TierRow } from './tiers';

/**
 * How Gate's USDT-margined risk-limit tiers read: by position value in USDT (`risk_limit`, the
 * tier's cap), the maintenance margin in the gradient form — "The system first calculates it using
 * the maintenance margin ratio (MMR) of the lowest tier, applying the next tier's MMR only to the
 * portion exceeding the previous limit" (Gate, "Leverage and Margin", its futures introduction page per contract, e.g.
 * https://www.gate.com/futures-introduction/margin/perpetual-usdtm-SAND_USDT, read in a stored
 * copy of a Gate mirror, undated),
 * which is MM = value × MMR_tier − deduction, the deduction being the public
 * `GET /api/v4/futures/usdt/risk_limit_tiers` field `deduction` ("Maintenance margin quick
 * calculation deduction amount", https://www.gate.com/docs/developers/apiv4/en/#query-risk-limit-tiers;
 * gateio/gateapi-python docs/FuturesLimitRiskTiers.md, 2025-07-31). Gate moved from one fixed rate per chosen tier to this gradient on
 * 2025-07-29 (Gate's announcement of that date, as Gate News reported it: "from a fixed level
 * maintenance margin rate calculation to a gradient calculation based on position value").
 * So the `notional` basis and the `deduction` form (tiers.ts), as Binance's brackets.
 */
export const GATE_TIER_TABLES = { basis: TierBasis.notional, form: TierForm.deduction } as const;

/**
 * Embedded fallback tiers for BTC_USDT, used when neither the position nor the file
 * (`tierTables`, from the public risk_limit_tiers endpoint) gives them. Source: Gate help centre
 * "Risk Limit Explanation" (https://www.gate.com/help/futures/futures-logic/22162, updated
 * 2025-09-30, read in a stored copy of the bi.live mirror), its BTCUSDT table: risk limit (cap, USDT), tiered MMR, max leverage:
 *   1: 20,000 0.40% 125x; 2: 50,000 0.45% 111x; 3: 100,000 0.50% 100x; 4: 200,000 0.70% 75x;
 *   5: 1,000,000 1.00% 50x; 6: 2,000,000 2.00% 25x; 7: 3,000,000 5.00% 10x; 8: 5,000,000 50.00% 1.05x.
 * The article shows these eight rows as its example; Gate's table may run further, so the table is
 * partial (a position above 5,000,000 USDT is refused). Deductions follow by the recursion.
 */
export const GATE_TIERS_AS_OF = '2025-09-30';
export const GATE_TIERS_SOURCE =
  'Gate help centre "Risk Limit Explanation" (https://www.gate.com/help/futures/futures-logic/22162)';

/** A published row: [risk limit in USDT, MMR in percent, max leverage]. */
type RiskLimitRow = readonly [string, string, number];

// prettier-ignore
const BTC_USDT: readonly RiskLimitRow[] = [
  ['20000', '0.40', 125],
  ['50000', '0.45', 111],
  ['100000', '0.50', 100],
  ['200000', '0.70', 75],
  ['1000000', '1.00', 50],
  ['2000000', '2.00', 25],
  ['3000000', '5.00', 10],
  ['5000000', '50.00', 1.05],
];

const TABLES: Readonly<
  Record<string, { readonly symbol: string; readonly rows: readonly RiskLimitRow[] }>
> = { BTC_USDT: { symbol: 'BTC/USDT:USDT', rows: BTC_USDT } };

const built = new Map<string, TierTable>();

/** Published rows (USDT caps, percent) as tier rows with fractional rates. */
function tierRows(rows: readonly RiskLimitRow[]): TierRow[] {
  return rows.map(([cap, percent, maxLeverage], index) => ({
    floor: index === 0 ? '0' : (rows[index - 1]?.[0] ?? '0'),
    cap,
    maintenanceMarginRate: new Decimal(percent).div(100).toString(),
    maxLeverage,
  }));
}

/** The embedded table of a Gate contract (e.g. `BTC_USDT`), or undefined. */
export function gateEmbeddedTierTable(contract: string): TierTable | undefined {
  const entry = TABLES[contract];
  if (!entry) return undefined;
  let table = built.get(contract);
  if (!table) {
    table = {
      venue: 'gate',
      symbol: entry.symbol,
      source: GATE_TIERS_SOURCE,
      asOf: GATE_TIERS_AS_OF,
      basis: GATE_TIER_TABLES.basis,
      tiers: buildTiers(tierRows(entry.rows), `gate ${contract}`, GATE_TIER_TABLES.form),
      complete: false,
    };
    built.set(contract, table);
  }
  return table;
}
