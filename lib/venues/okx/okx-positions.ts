import { rowPortfolioPosition, type CheckedPositionRow } from '../api/row-portfolio-position';
import { NotSupported } from 'ccxt-src/base/errors.js';
import Decimal from 'decimal.js';
import { PayloadReader } from '../api/payload-reader';
import type { PortfolioFilePosition } from '../api/venue-api-types';
import type { OkxTierInForce } from './okx-position-tiers';

/**
 * OKX positions from `GET /api/v5/account/positions`
 * (https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-positions), read from the raw
 * rows (decimal strings): {@link readOkxPositionRow} checks a row, {@link toOkxPortfolioPosition}
 * turns it into a portfolio-file position once the instrument's contract value and tier are known.
 *
 * Conventions (that page, unless said otherwise):
 * - `pos` is in contracts: signed in net mode (`posSide` "net", negative = short), positive with
 *   `posSide` long/short in long/short mode. A row with `pos` 0 is not a position (OKX keeps one
 *   after margin is moved in) and is dropped.
 * - `mgnMode` cross/isolated; `margin` is the isolated position's margin; `imr` (cross only) and
 *   `mmr` are OKX's own initial and maintenance margin, in the margin currency `ccy`.
 * - `liqPx` is an estimate; under cross OKX can leave it "" (ccxt/ccxt#21386, research peers.md
 *   §6.3), so "" — or "0" — is unknown (`undefined`), never 0. OKX does not document "" as "no
 *   liquidation price", so it is never read as `null`.
 * - Swaps, futures and options. An option's `avgPx` and `markPx` are in coin per coin of
 *   underlying (its `optVal` = pos × markPx × contract size), its size per contract ctVal × ctMult
 *   (ccxt's `contractSize` leaves ctMult out); `lever` and `liqPx` do not apply to options.
 *   Spot-margin positions (`MARGIN`) are refused with a clear error rather than left out of the
 *   account.
 */
export const OKX_POSITIONS_ENDPOINT = 'GET /api/v5/account/positions';

export interface OkxPositionRow extends CheckedPositionRow {
  readonly instType: 'SWAP' | 'FUTURES' | 'OPTION';
  readonly instId: string;
  readonly marginMode: 'cross' | 'isolated';
  readonly marginCurrency: string;
  readonly initialMargin: string | undefined;
  /** `idxPx`, the underlying's index in USD (read for options, whose margin is on the index). */
  readonly indexPrice: string | undefined;
}

/** Checks one row; undefined for a zero position. */
export function readOkxPositionRow(raw: unknown, index: number): OkxPositionRow | undefined {
  const reader = new PayloadReader('okx', OKX_POSITIONS_ENDPOINT);
  const base = `data[${index}]`;
  const row = reader.object(raw, base);
  const instId = reader.text(row.instId, `${base} instId`);
  const where = `${base} "${instId}"`;
  const instType = reader.oneOf(
    row.instType,
    ['SWAP', 'FUTURES', 'OPTION', 'MARGIN'] as const,
    `${where} instType`,
  );
  // NotSupported: an account Margin Lens cannot represent yet (connection-problem.ts), not an
  // unknown failure.
  if (instType === 'MARGIN')
    throw new NotSupported(
      `okx: spot-margin positions (${instId}) are not read yet; Margin Lens reads OKX swaps, futures and options`,
    );
  const posText = reader.decimal(row.pos, `${where} pos`);
  const pos = new Decimal(posText);
  if (pos.isZero()) return undefined;
  const posSide = reader.oneOf(row.posSide, ['long', 'short', 'net'] as const, `${where} posSide`);
  if (posSide !== 'net' && pos.isNeg())
    reader.fail(`${where} pos`, `is negative with posSide "${posSide}"`);
  const marginMode = reader.oneOf(row.mgnMode, ['cross', 'isolated'] as const, `${where} mgnMode`);
  const liquidation = reader.optionalDecimal(row.liqPx, `${where} liqPx`, 'nonNegative');
  return {
    instType,
    instId,
    marginMode,
    marginCurrency: reader.text(row.ccy, `${where} ccy`),
    side: posSide === 'net' ? (pos.isNeg() ? 'short' : 'long') : posSide,
    hedgeLeg: posSide !== 'net',
    contracts: posText.replace(/^[-+]/, ''),
    entryPrice: reader.decimal(row.avgPx, `${where} avgPx`, 'positive'),
    markPrice: reader.decimal(row.markPx, `${where} markPx`, 'positive'),
    leverage: reader.optionalDecimal(row.lever, `${where} lever`, 'positive'),
    isolatedMargin:
      marginMode === 'isolated'
        ? reader.decimal(row.margin, `${where} margin`, 'nonNegative')
        : undefined,
    liquidationPrice:
      liquidation === undefined || new Decimal(liquidation).isZero() ? undefined : liquidation,
    initialMargin: reader.optionalDecimal(row.imr, `${where} imr`, 'nonNegative'),
    maintenanceMargin: reader.optionalDecimal(row.mmr, `${where} mmr`, 'nonNegative'),
    indexPrice:
      instType === 'OPTION' ? reader.decimal(row.idxPx, `${where} idxPx`, 'positive') : undefined,
  };
}

export interface OkxPositionContext {
  /** ccxt unified symbol. */
  readonly symbol: string;
  /** `ctVal` of the instrument: base coin per contract (linear) or USD per contract (inverse). */
  readonly contractSize: string;
  readonly tierInForce: OkxTierInForce | undefined;
  /** The key's taker fee rate charged on this contract (okx-trade-fee.ts); isolated positions. */
  readonly takerFeeRate?: string;
  /**
   * Options: the mark IV and its forward (okx-option-summary.ts) and the seller tier's factor
   * (okx-option-tiers.ts).
   */
  readonly markIv?: number;
  readonly forwardPrice?: string;
  readonly optionMarginFactor?: string;
}

export function toOkxPortfolioPosition(
  row: OkxPositionRow,
  context: OkxPositionContext,
): PortfolioFilePosition {
  return {
    ...rowPortfolioPosition(row, context.symbol, context.contractSize),
    ...(context.tierInForce !== undefined && {
      maintenanceMarginRate: context.tierInForce.maintenanceMarginRate,
      maintenanceAmount: context.tierInForce.maintenanceAmount,
      maxLeverage: context.tierInForce.maxLeverage,
    }),
    ...(context.takerFeeRate !== undefined && { takerFeeRate: context.takerFeeRate }),
    ...(context.markIv !== undefined && { markIv: context.markIv }),
    ...(context.forwardPrice !== undefined && { forwardPrice: context.forwardPrice }),
    ...(context.optionMarginFactor !== undefined && {
      optionMarginFactor: context.optionMarginFactor,
    }),
  };
}
