import Decimal from 'decimal.js';
import type { PortfolioFileTier } from '../api/venue-api-types';
import type { PayloadReader } from '../api/payload-reader';

/**
 * Binance's leverage brackets, per market id, as portfolio-file tier rows (decimal strings):
 * floor, cap, maintenance margin rate, maintenance amount (`cum`) and maximum leverage.
 *
 * - USDⓈ-M `GET /fapi/v1/leverageBracket` bounds a bracket by the position's notional in the
 *   margin asset (`notionalFloor`, `notionalCap`):
 *   https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Notional-and-Leverage-Brackets
 * - COIN-M `GET /dapi/v2/leverageBracket` bounds it by the position's size in the base coin
 *   (`qtyCap`, and a floor the documentation spells `qtylFloor`; `qtyFloor` is read too), which is
 *   the inverse contract's notional in coin:
 *   https://developers.binance.com/docs/derivatives/coin-margined-futures/account/rest-api/Notional-Bracket-for-Symbol
 *
 * The brackets are the account's own (a `notionalCoef` marks a user whose brackets Binance
 * adjusted; the rows are already the adjusted ones). Rows must start at 0 and be contiguous, the
 * rate a fraction below 1; anything else is a malformed payload. Units: notional in the margin
 * asset (USDⓈ-M) or coin (COIN-M); rates are fractions.
 */
export type BracketBasis = 'notional' | 'coinQuantity';

export function parseBinanceBrackets(
  payload: unknown,
  reader: PayloadReader,
  basis: BracketBasis,
): ReadonlyMap<string, readonly PortfolioFileTier[]> {
  const tables = new Map<string, readonly PortfolioFileTier[]>();
  reader.array(payload, 'response').forEach((rawEntry, index) => {
    const entry = reader.object(rawEntry, `[${index}]`);
    const marketId = reader.text(entry.symbol, `[${index}] symbol`);
    const where = `[${index}] "${marketId}" brackets`;
    const rows = reader.array(entry.brackets, where);
    if (rows.length === 0) reader.fail(where, 'must list at least one bracket');
    let previousCap = '0';
    const tiers = rows.map((rawRow, rowIndex): PortfolioFileTier => {
      const at = `${where}[${rowIndex}]`;
      const row = reader.object(rawRow, at);
      const floorKey =
        basis === 'notional' ? 'notionalFloor' : 'qtylFloor' in row ? 'qtylFloor' : 'qtyFloor';
      const capKey = basis === 'notional' ? 'notionalCap' : 'qtyCap';
      const floor = reader.numericDecimal(row[floorKey], `${at} ${floorKey}`, 'nonNegative');
      const cap = reader.numericDecimal(row[capKey], `${at} ${capKey}`, 'positive');
      const rate = reader.numericDecimal(
        row.maintMarginRatio,
        `${at} maintMarginRatio`,
        'nonNegative',
      );
      if (new Decimal(rate).gte(1))
        reader.fail(`${at} maintMarginRatio`, `must be a fraction below 1, got "${rate}"`);
      const amount = reader.numericDecimal(row.cum, `${at} cum`, 'nonNegative');
      const maxLeverage = reader.integer(row.initialLeverage, `${at} initialLeverage`, 1);
      if (!new Decimal(floor).eq(previousCap))
        reader.fail(
          `${at} ${floorKey}`,
          `must continue the previous bracket at ${previousCap}, got ${floor}`,
        );
      if (!new Decimal(cap).gt(floor))
        reader.fail(`${at} ${capKey}`, `must exceed the floor ${floor}, got ${cap}`);
      previousCap = cap;
      return { floor, cap, maintenanceMarginRate: rate, maintenanceAmount: amount, maxLeverage };
    });
    tables.set(marketId, tiers);
  });
  return tables;
}

/**
 * The bracket that holds a position of size `size` (floor < size ≤ cap; the first bracket holds
 * 0; above the last cap, the last bracket), the convention of lib/engine/margin/tiers.ts.
 */
export function bracketInForce(
  tiers: readonly PortfolioFileTier[],
  size: Decimal,
): PortfolioFileTier | undefined {
  for (const tier of tiers) {
    if (tier.cap === null || size.lte(tier.cap)) return tier;
  }
  return tiers[tiers.length - 1];
}
