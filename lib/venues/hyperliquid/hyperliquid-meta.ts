import Decimal from 'decimal.js';
import type { PortfolioFileTier } from '../api/venue-api-types';
import type { PayloadReader } from '../api/payload-reader';

/**
 * The perpetual universe of one perp dex from Hyperliquid's `metaAndAssetCtxs` answer (`dex`
 * absent for the first dex, a builder-deployed dex's name otherwise): per coin its mark price,
 * max leverage and margin tiers, and the dex's collateral token
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint/perpetuals;
 * `meta` takes `dex`, "Perp dex name. Defaults to the empty string which represents the first
 * perp dex"; ccxt 4.5.84's fetchHip3Markets sends the same `dex` with `metaAndAssetCtxs`). A
 * builder-deployed dex's coins are named `<dex>:<asset>` (`xyz:NVDA`) and its margin tables are
 * its own.
 *
 * Collateral: `collateralToken`, the index of the dex's collateral in spotMeta's `tokens`
 * (0 is USDC; a HIP-3 dex may use another token such as USDH), or undefined when the answer does
 * not carry it.
 *
 * Margin tiers (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers): a table
 * lists each tier's `lowerBound` of notional (USDC) and `maxLeverage`; "for IDs less than 50,
 * there is a single tier with max leverage equal to the ID". For tier n
 *   maintenance_margin_rate(n) = 1 / (2 · maxLeverage(n))   (half the initial margin rate at max leverage)
 *   maintenance_deduction(0) = 0,
 *   maintenance_deduction(n) = deduction(n − 1) + lowerBound(n) · (rate(n) − rate(n − 1)),
 *   maintenance_margin = notional · rate − deduction,
 * which is the tier form with maintenance amounts of lib/engine/margin/tiers.ts. A tier's cap is
 * the next tier's lower bound. An asset without `marginTableId` (older answers, before margin
 * tables) has the single tier at its `maxLeverage` that the liquidation rule describes
 * ("the maintenance margin is half of the initial margin at max leverage",
 * https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations): its max leverage is not
 * a table id, so 50x (an id of a tiered table) is not looked up among the tables. Rates like 1/30 do not end: they are written to 20 significant
 * digits, and each deduction is computed from the written rates so that the rows are consistent.
 */
export interface HyperliquidAsset {
  readonly coin: string;
  readonly markPrice: string;
  readonly maxLeverage: number;
  readonly tiers: readonly PortfolioFileTier[];
}

/** The dex's assets by coin as the venue names it (`BTC`, `xyz:NVDA`). */
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
    const rows =
      entry.marginTableId === undefined
        ? [{ lowerBound: '0', maxLeverage }]
        : tableRows(
            reader.integer(entry.marginTableId, `${named} marginTableId`, 1),
            tables,
            named,
            reader,
          );
    const context = reader.object(contexts[index], `[1][${index}]`);
    const markPrice = reader.decimalString(context.markPx, `[1][${index}] "${coin}" markPx`);
    assets.set(coin, { coin, markPrice, maxLeverage, tiers: tierRows(rows, reader, named) });
  });
  return assets;
}

/** spotMeta's index of the dex's collateral token (`[0] collateralToken`), when named. */
export function readHyperliquidCollateralToken(
  response: unknown,
  reader: PayloadReader,
): number | undefined {
  const meta = reader.object(reader.array(response, 'answer')[0], '[0]');
  if (meta.collateralToken === undefined) return undefined;
  return reader.integer(meta.collateralToken, '[0] collateralToken', 0);
}

/** A table id's rows: one tier at the id below 50, else the table of that id in the answer. */
function tableRows(
  tableId: number,
  tables: ReadonlyMap<number, readonly TableRow[]>,
  named: string,
  reader: PayloadReader,
): readonly TableRow[] {
  if (tableId < 50) return [{ lowerBound: '0', maxLeverage: tableId }];
  const rows = tables.get(tableId);
  if (rows === undefined)
    reader.fail(`${named} marginTableId`, `${tableId} is not among the margin tables`);
  return rows;
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
function tierRows(
  rows: readonly TableRow[],
  reader: PayloadReader,
  where: string,
): PortfolioFileTier[] {
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
      maintenanceMarginRate: reader.computed(
        rate,
        `${where} marginTiers[${index}] maintenance rate 1 / (2 × maxLeverage)`,
      ),
      maintenanceAmount: reader.computed(
        amount,
        `${where} marginTiers[${index}] maintenance deduction (lowerBound × change of rate)`,
      ),
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
