import Decimal from 'decimal.js';
import { PayloadReader } from '../api/payload-reader';
import type { PortfolioFileTierTable } from '../api/venue-api-types';

/**
 * Bitget's public position tiers, `GET /api/v2/mix/market/query-position-lever?symbol=…&
 * productType=USDT-FUTURES` ("Get Position Tier", https://www.bitget.com/api-doc/contract/
 * position/Get-Query-Position-Lever, docs copy of 2025-03-20): rows of `level`, `startUnit` and
 * `endUnit` (the tier's position value in USDT: Bitget's tier announcements list them as "Value
 * (USDT)"), `leverage` (the tier's maximum) and `keepMarginRate` (a fraction).
 *
 * The portfolio file takes them on the engine's notional basis with the offset (deduction) form
 * (lib/engine/margin/bitget.ts): floor `startUnit`, cap `endUnit`, no maintenance amount given
 * (the engine derives each tier's offset from the rates). Rows are sorted by level; a gap or an
 * overlap between one row's `endUnit` and the next `startUnit` is a malformed answer.
 */
export const BITGET_POSITION_TIERS_ENDPOINT = 'GET /api/v2/mix/market/query-position-lever';

export function bitgetTierTable(
  response: unknown,
  marketId: string,
  symbol: string,
  asOf: string,
): PortfolioFileTierTable {
  const reader = new PayloadReader(
    'bitget',
    `${BITGET_POSITION_TIERS_ENDPOINT}?symbol=${marketId}&productType=USDT-FUTURES`,
  );
  const rows = reader.array(reader.object(response, 'response').data, 'data').map((raw, index) => {
    const where = `data[${index}]`;
    const row = reader.object(raw, where);
    const level = reader.integer(row.level, `${where} level`, 1);
    const at = `${where} level ${level}`;
    if (reader.text(row.symbol, `${at} symbol`) !== marketId)
      reader.fail(`${at} symbol`, `is not ${marketId}`);
    const rate = reader.decimal(row.keepMarginRate, `${at} keepMarginRate`, 'nonNegative');
    if (new Decimal(rate).gte(1))
      reader.fail(`${at} keepMarginRate`, `must be a fraction below 1, got "${rate}"`);
    return {
      level,
      floor: reader.decimal(row.startUnit, `${at} startUnit`, 'nonNegative'),
      cap: reader.decimal(row.endUnit, `${at} endUnit`, 'positive'),
      maintenanceMarginRate: rate,
      maxLeverage: new Decimal(
        reader.decimal(row.leverage, `${at} leverage`, 'positive'),
      ).toNumber(),
    };
  });
  if (rows.length === 0) reader.fail('data', `lists no tiers for ${marketId}`);
  rows.sort((a, b) => a.level - b.level);
  rows.forEach((row, index) => {
    const previous = rows[index - 1];
    const expected = previous === undefined ? '0' : previous.cap;
    if (!new Decimal(row.floor).eq(expected))
      reader.fail(
        `data level ${row.level} startUnit`,
        `${row.floor} does not continue the previous tier (${expected})`,
      );
  });
  return {
    venue: 'bitget',
    symbol,
    source: BITGET_POSITION_TIERS_ENDPOINT,
    asOf,
    tiers: rows.map(({ floor, cap, maintenanceMarginRate, maxLeverage }) => ({
      floor,
      cap,
      maintenanceMarginRate,
      maxLeverage,
    })),
  };
}

type BitgetTier = PortfolioFileTierTable['tiers'][number];

/**
 * The table's tier holding a position value (USDT at mark): the row with floor ≤ value < cap;
 * above the last cap, the last row. Tiers as `bitgetTierTable` writes them (contiguous, sorted).
 */
export function bitgetTierAt(tiers: readonly BitgetTier[], value: Decimal.Value): BitgetTier {
  const at = new Decimal(value);
  const tier = tiers.find((row) => row.cap === null || at.lt(row.cap)) ?? tiers[tiers.length - 1];
  if (tier === undefined) throw new Error('bitgetTierAt: a Bitget tier table has at least one row');
  return tier;
}

/**
 * The table's tier whose maintenance margin rate is `rate` (a position's `keepMarginRate`):
 * Bitget's rates rise with the level, one per row, so the rate names the tier whatever the tier
 * boundaries of the user's level ("Bitget futures: Position tier system explained", 2025-05-26,
 * https://www.bitget.com/support/articles/12560603819706: the Special Levels widen the bounds and
 * keep each tier's leverage and rate). Undefined when no row has it.
 */
export function bitgetTierWithRate(
  tiers: readonly BitgetTier[],
  rate: Decimal.Value,
): BitgetTier | undefined {
  return tiers.find((row) => new Decimal(row.maintenanceMarginRate).eq(rate));
}
