import { TierBasis } from './tier-table';
import { TierForm } from './tiers';

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
 *
 * No table is embedded. The one table Gate's help centre shows (article 22162, "Risk Limit
 * Explanation", BTCUSDT tiers 20,000 at 0.40% … 5,000,000 at 50%) is an illustration, not
 * BTC_USDT's table: it contradicts Gate's own BTCUSDT example of the 2025-07-29 announcement (a
 * 1,200,000 USDT position: 6,000 USDT under the fixed rate, 4,900 under the gradient; that table
 * gives 24,000 and 13,165), and no dated recording of every row of
 * `risk_limit_tiers?contract=BTC_USDT` was found. A Gate position therefore needs the contract's
 * table in the file (the adapter reads it from the public endpoint) or its tier in force, and is
 * refused naming them otherwise (linear-tiered-account.ts).
 */
export const GATE_TIER_TABLES = { basis: TierBasis.notional, form: TierForm.deduction } as const;
