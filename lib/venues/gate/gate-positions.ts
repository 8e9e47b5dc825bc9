import { rowPortfolioPosition, type CheckedPositionRow } from '../api/row-portfolio-position';
import Decimal from 'decimal.js';
import { PayloadReader } from '../api/payload-reader';
import type { PortfolioFilePosition } from '../api/venue-api-types';

/**
 * Gate USDT-margined futures positions from `GET /api/v4/futures/usdt/positions`
 * (https://www.gate.com/docs/developers/apiv4/en/#get-user-position-list, the anchor ccxt
 * 4.5.84 cites; fields as the `Position` model of Gate's SDK generated from that documentation,
 * gateio/gateapi-python docs at commit 744afea, 2025-07-31, docs/Position.md), read from the raw rows (decimal strings): {@link readGatePositionRow} checks a
 * row, {@link toGatePortfolioPosition} makes it a portfolio-file position once the contract's
 * multiplier is known.
 *
 * Conventions (that model):
 * - `size` is in contracts, signed (negative = short); a contract is `quanto_multiplier` base
 *   units (the contract list). The model now types `size` as a string ("Position size", Position.md
 *   at gateio/gateapi-python commit 0d99dbb), so it is read as a decimal and may be fractional;
 *   a number is read the same way. A row with `size` 0 is not a position and is dropped.
 * - Margin mode and leverage: the current fields are `pos_margin_mode` ("isolated - Isolated
 *   Margin, cross - Cross Margin") and `lever` ("the current leverage of the position, applicable
 *   to both isolated and cross margin, gradually replacing the current leverage and
 *   cross_leverage_limit"); Gate's documented example of the position list has `leverage` "0",
 *   `cross_leverage_limit` "0", `pos_margin_mode` "isolated", `lever` "30". They are preferred when
 *   present. Without them, the older rule: `leverage` "0 means cross margin; positive number means
 *   isolated margin", a cross position's leverage being `cross_leverage_limit` ("0" = not given).
 *   Where both are given and disagree — `pos_margin_mode` cross with a positive `leverage`, or an
 *   isolated position whose positive `leverage` differs from `lever` — the row is refused by name.
 *   `margin` is the position's margin (isolated).
 * - `mode`: `single` (one-way), `dual_long` / `dual_short` (the legs of dual, i.e. hedge, mode).
 * - `liq_price` is Gate's liquidation price; "0", "" and Gate's no-liquidation sentinel
 *   "99999999" (no price shown) are unknown, never a price.
 * - `maintenance_margin` ("Maintenance margin required for the position"), where Gate fills it,
 *   is passed on as the venue's figure beside the engine's. `maintenance_rate` (the current tier's
 *   rate) is not read: the engine takes the contract's whole table (gate-risk-limit-tiers.ts),
 *   which also holds the deduction the rate alone lacks.
 */
export const GATE_POSITIONS_ENDPOINT = 'GET /api/v4/futures/usdt/positions';

export interface GatePositionRow extends CheckedPositionRow {
  /** Gate's contract name, e.g. `BTC_USDT`. */
  readonly contract: string;
  readonly marginMode: 'cross' | 'isolated';
}

/** Checks one row; undefined for an empty position. */
export function readGatePositionRow(raw: unknown, index: number): GatePositionRow | undefined {
  const reader = new PayloadReader('gate', GATE_POSITIONS_ENDPOINT);
  const base = `[${index}]`;
  const row = reader.object(raw, base);
  const contract = reader.text(row.contract, `${base} contract`);
  const where = `${base} "${contract}"`;
  const sizeText = reader.numericDecimal(row.size, `${where} size`);
  const size = new Decimal(sizeText);
  if (size.isZero()) return undefined;
  const mode = reader.oneOf(
    row.mode,
    ['single', 'dual_long', 'dual_short'] as const,
    `${where} mode`,
  );
  if ((mode === 'dual_long' && size.isNeg()) || (mode === 'dual_short' && size.isPos()))
    reader.fail(`${where} size`, `${sizeText} has the wrong sign for mode "${mode}"`);
  const { marginMode, leverage } = readMarginMode(reader, row, where);
  const liquidation = reader.optionalDecimal(row.liq_price, `${where} liq_price`, 'nonNegative');
  return {
    contract,
    marginMode,
    side: size.isNeg() ? 'short' : 'long',
    hedgeLeg: mode !== 'single',
    contracts: size.abs().toFixed(),
    entryPrice: reader.decimal(row.entry_price, `${where} entry_price`, 'positive'),
    markPrice: reader.decimal(row.mark_price, `${where} mark_price`, 'positive'),
    leverage,
    isolatedMargin:
      marginMode === 'isolated'
        ? reader.decimal(row.margin, `${where} margin`, 'nonNegative')
        : undefined,
    liquidationPrice:
      liquidation === undefined ||
      new Decimal(liquidation).isZero() ||
      new Decimal(liquidation).eq(NO_LIQUIDATION)
        ? undefined
        : liquidation,
    maintenanceMargin: reader.optionalDecimal(
      row.maintenance_margin,
      `${where} maintenance_margin`,
      'nonNegative',
    ),
  };
}

/** Gate's `liq_price` when no price liquidates the position. */
const NO_LIQUIDATION = '99999999';

/** A given leverage: a positive decimal string, "0" and absent being not given. */
function givenLeverage(reader: PayloadReader, raw: unknown, field: string): string | undefined {
  const text = reader.optionalDecimal(raw, field, 'nonNegative');
  return text === undefined || new Decimal(text).isZero() ? undefined : text;
}

/** The row's margin mode and leverage (module doc: `pos_margin_mode`/`lever` first). */
function readMarginMode(
  reader: PayloadReader,
  row: Readonly<Record<string, unknown>>,
  where: string,
): { marginMode: 'cross' | 'isolated'; leverage: string | undefined } {
  const oldLeverage = givenLeverage(reader, row.leverage, `${where} leverage`);
  const crossLimit = givenLeverage(
    reader,
    row.cross_leverage_limit,
    `${where} cross_leverage_limit`,
  );
  const lever = givenLeverage(reader, row.lever, `${where} lever`);
  if (row.pos_margin_mode === undefined || row.pos_margin_mode === '') {
    // The older rule needs `leverage` itself: blank or missing is no margin mode at all.
    reader.decimal(row.leverage, `${where} leverage`, 'nonNegative');
    return oldLeverage === undefined
      ? { marginMode: 'cross', leverage: lever ?? crossLimit }
      : { marginMode: 'isolated', leverage: lever ?? oldLeverage };
  }
  const marginMode = reader.oneOf(
    row.pos_margin_mode,
    ['cross', 'isolated'] as const,
    `${where} pos_margin_mode`,
  );
  if (marginMode === 'cross' && oldLeverage !== undefined)
    reader.fail(
      `${where} pos_margin_mode`,
      `"cross" contradicts leverage ${oldLeverage} (a positive leverage is isolated margin)`,
    );
  if (
    marginMode === 'isolated' &&
    oldLeverage !== undefined &&
    lever !== undefined &&
    !new Decimal(oldLeverage).eq(lever)
  )
    reader.fail(`${where} lever`, `${lever} contradicts leverage ${oldLeverage}`);
  return {
    marginMode,
    leverage: lever ?? (marginMode === 'isolated' ? oldLeverage : crossLimit),
  };
}

export interface GatePositionContext {
  /** ccxt unified symbol. */
  readonly symbol: string;
  /** `quanto_multiplier` of the contract: base units per contract. */
  readonly contractSize: string;
  /** The key's taker fee rate on this contract (gate-trade-fee.ts). */
  readonly takerFeeRate?: string;
}

export function toGatePortfolioPosition(
  row: GatePositionRow,
  context: GatePositionContext,
): PortfolioFilePosition {
  return {
    ...rowPortfolioPosition(row, context.symbol, context.contractSize),
    ...(context.takerFeeRate !== undefined && { takerFeeRate: context.takerFeeRate }),
  };
}
