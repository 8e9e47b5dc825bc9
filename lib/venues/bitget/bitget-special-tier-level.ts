import { NotSupported } from 'ccxt-src/base/errors.js';
import Decimal from 'decimal.js';
import type { PortfolioFileTierTable } from '../api/venue-api-types';
import { bitgetTierAt } from './bitget-position-tiers';
import type { BitgetPositionRow } from './bitget-positions';

/**
 * A position whose tiers are not the public table's, refused by name rather than computed with
 * the wrong tier boundaries.
 *
 * Bitget gives each trading pair four sets of position tiers: standard and Special Levels 1–3,
 * whose boundaries are 2×, 3× and 4× the standard ones, each tier keeping its leverage and
 * maintenance margin rate ("Bitget futures: Position tier system explained", 2025-05-26,
 * https://www.bitget.com/support/articles/12560603819706: Standard 0–150,000 USDT for BTCUSDT's
 * first tier, Special Level 1 0–300,000), the level being the account's.
 * `GET /api/v2/mix/market/query-position-lever` answers the standard set: its documentation
 * describes it as the trading pair's configuration, rate-limited per IP, with no user in the
 * request (https://www.bitget.com/api-doc/contract/position/Get-Query-Position-Lever). ccxt
 * (4.5.84) reads that public endpoint in `fetchMarketLeverageTiers`; its API map also lists the
 * same path as a signed call (`privateMixGetV2MixMarketQueryPositionLever`), but Bitget documents
 * no user-specific answer for it, so it is not taken for the user's tiers, and no v2 endpoint
 * documents them. Under the slice-by-slice rule (positions opened since 2025-11-10 08:00 UTC,
 * lib/engine/margin/bitget.ts) the boundaries change the maintenance margin even where the rate
 * of the position's tier is the same (BTCUSDT at 330,000 USDT, 0.06% fee: 1,548 at Special
 * Level 1's 0–300,000 first tier against 1,698 at the standard 0–150,000).
 *
 * The check: the position's own `keepMarginRate` (Bitget's rate for its tier, at its value at
 * mark) against the public table's rate at that value (size × markPrice, both from the same row);
 * on a value exactly at a boundary either tier's rate passes. A mismatch is refused naming the
 * Special Level as the likely cause. A Special Level whose tier holds the position at the same
 * rate as the standard table passes unseen: its maintenance margin is then computed on the
 * standard boundaries, and differs from Bitget's by the slices between them (the report compares
 * an isolated position's with Bitget's own, from its `marginRatio`, and an all-cross account's
 * ratio with `crossedRiskRate`). Positions opened before 2025-11-10 carry their rate as their
 * tier in force, on the whole value, which no boundary changes: not checked.
 */
export function refuseSpecialTierLevel(
  row: BitgetPositionRow,
  table: PortfolioFileTierTable,
): void {
  if (row.openedBeforeTieredMaintenance) return;
  const value = new Decimal(row.size).mul(row.markPrice);
  const rate = new Decimal(row.maintenanceMarginRate);
  const tier = bitgetTierAt(table.tiers, value);
  const below = table.tiers.find((other) => other.cap !== null && value.eq(other.cap));
  if (rate.eq(tier.maintenanceMarginRate) || (below && rate.eq(below.maintenanceMarginRate)))
    return;
  const level = table.tiers.indexOf(tier) + 1;
  throw new NotSupported(
    `bitget: the ${row.side} ${row.symbol} position's tier rate (keepMarginRate ${row.maintenanceMarginRate}) is not the public position-tier table's at its value of ${value.toFixed()} USDT (${tier.maintenanceMarginRate}, tier ${level} of GET /api/v2/mix/market/query-position-lever, Bitget's standard tiers). The likely cause is a Special Level (1–3) on this account: its tier boundaries are 2×, 3× or 4× the standard ones (https://www.bitget.com/support/articles/12560603819706), which changes the maintenance margin, and Bitget's API publishes only the standard tiers. Enter the account in a portfolio file with its own tiers (a tier table naming the account, from Bitget's position-tier page for your level).`,
  );
}
