import Decimal from 'decimal.js';
import type { PortfolioFileTier } from '../api/venue-api-types';
import type { PayloadReader } from '../api/payload-reader';

/**
 * The perpetual universe of Hyperliquid's `metaAndAssetCtxs` answer: per coin its mark price, max
 * leverage and margin tiers
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint/perpetuals).
 *
 * Margin tiers (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers): a table
 * lists each tier's `lowerBound` of notional (USDC) and `maxLeverage`; "for IDs less than 50,
 * there is a single tier with max leverage equal to the ID". For tier n
 *   maintenance_margin_rate(n) = 1 / (2 · maxLeverage(n))   (half the initial margin rate at max leverage)
 *   maintenance_deduction(0) = 0,
 *   maintenance_deduction(n) = deduction(n − 1) + lowerBound(n) · (rate(n) − rate(n − 1)),
 *   maintenance_margin = notional · rate − deduction,
 * which is the tier form with maintenance amounts of lib/engine/margin/tiers.ts. A tier's cap is
 * the next tier's lower bound. Rates like 1/30 do not end: they are written to 20 significant
 * digits, and each deduction is computed from the written rates so that the rows are consistent.
 */
export interface HyperliquidAsset {
  readonly coin: string;
  readonly markPrice: string;
  readonly maxLeverage: number;
  readonly tiers: readonly PortfolioFileTier[];
}

export function readHyperliquidMeta(
  response: unknown,
  reader: PayloadReader,
): ReadonlyMap<string, HyperliquidAsset> {
  const answer = reader.array(response, 'answer');
  if (answer.length !== 2)
    reader.fail('answer', `must be [meta, assetCtxs], got ${answer.length} entries`);
  const meta = reader.object(answer[0], '[0]');
  const universe = reader.array(meta.universe, '[0] universe');
  const contexts = reader.array(answer[1], '[1]');
  if (contexts.length !== universe.length)
    reader.fail('[1]', `holds ${contexts.length} asset contexts for ${universe.length} assets`);
  const tables = readMarginTables(meta, reader);
  const assets = new Map<string, HyperliquidAsset>();
  universe.forEach((raw, index) => {
    const where = `[0] universe[${index}]`;
    const entry = reader.object(raw, where);
    const coin = reader.text(entry.name, `${where} name`);
    const named = `${where} "${coin}"`;
    const maxLeverage = positiveNumber(reader, entry.maxLeverage, `${named} maxLeverage`);
    const tableId =
      entry.marginTableId === undefined
        ? maxLeverage
        : positiveNumber(reader, entry.marginTableId, `${named} marginTableId`);
    const rows = tableId < 50 ? [{ lowerBound: '0', maxLeverage: tableId }] : tables.get(tableId);
    if (rows === undefined)
      reader.fail(`${named} marginTableId`, `${tableId} is not among the margin tables`);
    const context = reader.object(contexts[index], `[1][${index}]`);
    const markPrice = reader.decimalString(context.markPx, `[1][${index}] "${coin}" markPx`);
    assets.set(coin, { coin, markPrice, maxLeverage, tiers: tierRows(rows) });
  });
  return assets;
}

interface TableRow {
  readonly lowerBound: string;
  readonly maxLeverage: number;
}

function readMarginTables(
  meta: Record<string, unknown>,
  reader: PayloadReader,
): Map<number, readonly TableRow[]> {
  const tables = new Map<number, readonly TableRow[]>();
  if (meta.marginTables === undefined) return tables;
  reader.array(meta.marginTables, '[0] marginTables').forEach((raw, index) => {
    const where = `[0] marginTables[${index}]`;
    const pair = reader.array(raw, where);
    const id = pair[0];
    if (typeof id !== 'number' || !Number.isInteger(id))
      reader.fail(`${where} [0]`, `must be a table id (a whole number), got ${typeof id}`);
    const table = reader.object(pair[1], `${where} [1]`);
    const rows = reader
      .array(table.marginTiers, `${where} marginTiers`)
      .map((rawTier, tierIndex) => {
        const tierWhere = `${where} marginTiers[${tierIndex}]`;
        const tier = reader.object(rawTier, tierWhere);
        return {
          lowerBound: reader.decimalString(tier.lowerBound, `${tierWhere} lowerBound`),
          maxLeverage: positiveNumber(reader, tier.maxLeverage, `${tierWhere} maxLeverage`),
        };
      });
    if (rows.length === 0) reader.fail(`${where} marginTiers`, 'holds no tier');
    if (!new Decimal(rows[0]?.lowerBound ?? '0').isZero())
      reader.fail(`${where} marginTiers[0] lowerBound`, 'must be 0: the first tier starts at 0');
    rows.forEach((row, tierIndex) => {
      const previous = rows[tierIndex - 1];
      if (previous && !new Decimal(row.lowerBound).gt(previous.lowerBound))
        reader.fail(
          `${where} marginTiers[${tierIndex}] lowerBound`,
          'must be above the previous tier',
        );
    });
    tables.set(id, rows);
  });
  return tables;
}

/** Portfolio-file tier rows: floor, cap, rate 1/(2·maxLeverage), deduction by the recursion. */
function tierRows(rows: readonly TableRow[]): PortfolioFileTier[] {
  let previousRate = new Decimal(0);
  let amount = new Decimal(0);
  return rows.map((row, index) => {
    const rate = new Decimal(new Decimal(1).div(2 * row.maxLeverage).toPrecision(20));
    amount = amount.plus(new Decimal(row.lowerBound).mul(rate.minus(previousRate)));
    previousRate = rate;
    const next = rows[index + 1];
    return {
      floor: new Decimal(row.lowerBound).toFixed(),
      cap: next === undefined ? null : new Decimal(next.lowerBound).toFixed(),
      maintenanceMarginRate: rate.toFixed(),
      maintenanceAmount: amount.toFixed(),
      maxLeverage: row.maxLeverage,
    };
  });
}

/** The tier a notional falls in: the last whose floor it reaches. */
export function hyperliquidTierAt(
  tiers: readonly PortfolioFileTier[],
  notional: Decimal,
): PortfolioFileTier | undefined {
  return tiers.filter((tier) => notional.gte(tier.floor)).at(-1);
}

/**
 * A leverage figure or table id: a positive JSON number (or numeric string, as older answers
 * and ccxt's examples carry them).
 */
function positiveNumber(reader: PayloadReader, value: unknown, where: string): number {
  return Number(reader.numericDecimal(value, where, 'positive'));
}
