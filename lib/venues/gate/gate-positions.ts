import Decimal from 'decimal.js';
import { PayloadReader } from '../api/payload-reader';
import type {
  PortfolioFilePosition,
  PortfolioFileVenueReportedPosition,
} from '../api/venue-api-types';

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
 *   units (the contract list). A row with `size` 0 is not a position and is dropped.
 * - `leverage` "0 means cross margin; positive number means isolated margin"; a cross position's
 *   leverage is `cross_leverage_limit`. `margin` is the position's margin (isolated).
 * - `mode`: `single` (one-way), `dual_long` / `dual_short` (the legs of dual, i.e. hedge, mode).
 * - `liq_price` is Gate's liquidation price; "0" or "" (no price shown) is unknown, never 0.
 * - `maintenance_margin` ("Maintenance margin required for the position"), where Gate fills it,
 *   is passed on as the venue's figure beside the engine's. `maintenance_rate` (the current tier's
 *   rate) is not read: the engine takes the contract's whole table (gate-risk-limit-tiers.ts),
 *   which also holds the deduction the rate alone lacks.
 */
export const GATE_POSITIONS_ENDPOINT = 'GET /api/v4/futures/usdt/positions';

export interface GatePositionRow {
  /** Gate's contract name, e.g. `BTC_USDT`. */
  readonly contract: string;
  readonly marginMode: 'cross' | 'isolated';
  readonly side: 'long' | 'short';
  readonly hedgeLeg: boolean;
  /** Absolute size in contracts. */
  readonly contracts: string;
  readonly entryPrice: string;
  readonly markPrice: string;
  readonly leverage: string | undefined;
  readonly isolatedMargin: string | undefined;
  readonly liquidationPrice: string | undefined;
  readonly maintenanceMargin: string | undefined;
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
  if (!size.isInteger()) reader.fail(`${where} size`, `must be whole contracts, got ${sizeText}`);
  const mode = reader.oneOf(
    row.mode,
    ['single', 'dual_long', 'dual_short'] as const,
    `${where} mode`,
  );
  if ((mode === 'dual_long' && size.isNeg()) || (mode === 'dual_short' && size.isPos()))
    reader.fail(`${where} size`, `${sizeText} has the wrong sign for mode "${mode}"`);
  const leverage = new Decimal(reader.decimal(row.leverage, `${where} leverage`, 'nonNegative'));
  const marginMode = leverage.isZero() ? 'cross' : 'isolated';
  const liquidation = reader.optionalDecimal(row.liq_price, `${where} liq_price`, 'nonNegative');
  return {
    contract,
    marginMode,
    side: size.isNeg() ? 'short' : 'long',
    hedgeLeg: mode !== 'single',
    contracts: size.abs().toFixed(),
    entryPrice: reader.decimal(row.entry_price, `${where} entry_price`, 'positive'),
    markPrice: reader.decimal(row.mark_price, `${where} mark_price`, 'positive'),
    leverage:
      marginMode === 'isolated'
        ? leverage.toFixed()
        : reader.optionalDecimal(
            row.cross_leverage_limit,
            `${where} cross_leverage_limit`,
            'positive',
          ),
    isolatedMargin:
      marginMode === 'isolated'
        ? reader.decimal(row.margin, `${where} margin`, 'nonNegative')
        : undefined,
    liquidationPrice:
      liquidation === undefined || new Decimal(liquidation).isZero() ? undefined : liquidation,
    maintenanceMargin: reader.optionalDecimal(
      row.maintenance_margin,
      `${where} maintenance_margin`,
      'nonNegative',
    ),
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
  const venueReported: PortfolioFileVenueReportedPosition = {
    ...(row.liquidationPrice !== undefined && { liquidationPrice: row.liquidationPrice }),
    ...(row.maintenanceMargin !== undefined && { maintenanceMargin: row.maintenanceMargin }),
  };
  return {
    symbol: context.symbol,
    side: row.side,
    contracts: row.contracts,
    contractSize: context.contractSize,
    entryPrice: row.entryPrice,
    markPrice: row.markPrice,
    ...(row.leverage !== undefined && { leverage: new Decimal(row.leverage).toNumber() }),
    ...(row.isolatedMargin !== undefined && {
      marginMode: 'isolated' as const,
      isolatedMargin: row.isolatedMargin,
    }),
    ...(row.hedgeLeg && { positionSide: row.side }),
    ...(context.takerFeeRate !== undefined && { takerFeeRate: context.takerFeeRate }),
    ...(Object.keys(venueReported).length > 0 && { venueReported }),
  };
}
