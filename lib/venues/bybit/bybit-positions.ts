import Decimal from 'decimal.js';
import { PayloadReader } from '../api/payload-reader';
import type {
  PortfolioFileAccount,
  PortfolioFilePosition,
  PortfolioFileVenueReportedPosition,
} from '../api/venue-api-types';
import type { BybitTierInForce } from './bybit-risk-limits';

/**
 * Bybit positions from `GET /v5/position/list` (https://bybit-exchange.github.io/docs/v5/position),
 * read from the raw rows (decimal strings) in two steps: {@link readBybitPositionRow} checks a
 * row, {@link toPortfolioPosition} turns it into a portfolio-file position once the symbol's
 * tier table and, for options, the mark IV are known.
 *
 * Units and conventions (all from that page unless said otherwise):
 * - `size` is always positive; `side` `Buy` = long, `Sell` = short, "" for an empty position
 *   (returned when a symbol is queried; such rows are not positions and are dropped).
 *   `positionIdx` 0 = one-way, 1 = the long leg and 2 = the short leg of a hedge-mode symbol.
 * - Contract size: linear contracts and options count the base coin (1 per unit of `size`);
 *   inverse contracts count USD — the documented inverse example has positionValue
 *   0.01092319 = size 300 / avgPrice 27,464.50 BTC, i.e. 1 USD per contract.
 * - `positionIM`/`positionMM` are the venue's own initial and maintenance margin (by mark price),
 *   in the settlement coin, each holding the estimated fee to close (taker fee × value at the
 *   bankruptcy price: lib/engine/margin/bybit-fee-to-close.ts); "" under portfolio margin. Under isolated margin `positionIM` is the
 *   position's margin (`positionBalance` is deprecated: "refer to positionIM").
 * - `liqPrice`: "" when the price would lie outside the instrument's price limits, and no price at
 *   all under portfolio margin. For an isolated position "" therefore means no liquidation price
 *   exists (`null`); for a cross position Bybit calls the figure an estimate (the account is
 *   liquidated as a whole), so "" — or "0" — is unknown (`undefined`), never 0
 *   (research peers.md §6.3); under portfolio margin and for options it is unknown as well.
 * - `riskId` names the risk-limit tier in force (0 under portfolio margin).
 * - Entry price: `avgPrice`, except for USDC-settled linear contracts (USDC perpetuals and
 *   futures, the `settleCoin=USDC` list). Bybit settles their unrealised P&L into the wallet at
 *   each session settlement (every 8 hours, or at the funding interval) and moves the position's
 *   entry to the settlement mark ("USDC Perpetual Session Settlement Mechanism",
 *   https://www.bybit.com/en/help-center/article/USDC-Perpetual-Session-Settlement-Mechanism,
 *   stored mirror www.ibybit.net; `GET /v5/asset/settlement-record` lists each settlement's
 *   `sessionAvgPrice` and `realisedPnl`). The position list documents that `avgPrice` "will not
 *   be changed with 8-hour
 *   session settlement" and that `sessionAvgPrice` is the "USDC contract session avg price, …
 *   the same figure as avg entry price shown in the web UI". The wallet balance already holds the
 *   settled P&L, so P&L from `avgPrice` would count it twice: `sessionAvgPrice` is the entry
 *   price when it is given (non-empty), else `avgPrice`.
 */
export const BYBIT_POSITIONS_ENDPOINT = 'GET /v5/position/list';

export type BybitPositionCategory = 'linear' | 'inverse' | 'option';

export interface BybitPositionRow {
  readonly category: BybitPositionCategory;
  readonly marketId: string;
  readonly side: 'long' | 'short';
  readonly positionIdx: 0 | 1 | 2;
  readonly size: string;
  readonly entryPrice: string;
  readonly markPrice: string;
  readonly leverage: string | undefined;
  readonly liquidationPrice: string | undefined;
  readonly initialMargin: string | undefined;
  readonly maintenanceMargin: string | undefined;
  readonly riskId: number;
}

/** Checks one row; undefined for an empty position (size 0, side ""). */
export function readBybitPositionRow(
  raw: unknown,
  category: BybitPositionCategory,
  index: number,
  /** The list's `settleCoin` (linear lists are read per settle coin). */
  settleCoin?: string,
): BybitPositionRow | undefined {
  const reader = new PayloadReader('bybit', `${BYBIT_POSITIONS_ENDPOINT}?category=${category}`);
  const base = `result.list[${index}]`;
  const row = reader.object(raw, base);
  const marketId = reader.text(row.symbol, `${base} symbol`);
  const where = `${base} "${marketId}"`;
  const size = reader.decimal(row.size, `${where} size`, 'nonNegative');
  const sideText = reader.oneOf(row.side, ['Buy', 'Sell', ''] as const, `${where} side`);
  if (new Decimal(size).isZero() || sideText === '') return undefined;
  const positionIdx = reader.oneOf(
    row.positionIdx,
    ['0', '1', '2'] as const,
    `${where} positionIdx`,
  );
  const side = sideText === 'Buy' ? 'long' : 'short';
  if ((positionIdx === '1' && side !== 'long') || (positionIdx === '2' && side !== 'short'))
    reader.fail(`${where} side`, `"${sideText}" contradicts positionIdx ${positionIdx}`);
  const liquidation = reader.optionalDecimal(row.liqPrice, `${where} liqPrice`, 'nonNegative');
  const averagePrice = reader.decimal(row.avgPrice, `${where} avgPrice`, 'positive');
  const sessionPrice =
    category === 'linear' && settleCoin === 'USDC'
      ? reader.optionalDecimal(row.sessionAvgPrice, `${where} sessionAvgPrice`, 'positive')
      : undefined;
  return {
    category,
    marketId,
    side,
    positionIdx: Number(positionIdx) as 0 | 1 | 2,
    size,
    entryPrice: sessionPrice ?? averagePrice,
    markPrice: reader.decimal(row.markPrice, `${where} markPrice`, 'positive'),
    leverage: reader.optionalDecimal(row.leverage, `${where} leverage`, 'positive'),
    liquidationPrice:
      liquidation === undefined || new Decimal(liquidation).isZero() ? undefined : liquidation,
    initialMargin: reader.optionalDecimal(row.positionIM, `${where} positionIM`, 'nonNegative'),
    maintenanceMargin: reader.optionalDecimal(row.positionMM, `${where} positionMM`, 'nonNegative'),
    riskId: row.riskId === undefined ? 0 : reader.integer(row.riskId, `${where} riskId`),
  };
}

export interface BybitPositionContext {
  /** The ccxt unified symbol of the row's instrument. */
  readonly symbol: string;
  readonly accountMarginMode: PortfolioFileAccount['marginMode'];
  /** The tier whose risk ID the row reports, when the venue listed it. */
  readonly tierInForce: BybitTierInForce | undefined;
  /** Options only: Bybit's mark implied volatility as a fraction. */
  readonly markIv: number | undefined;
  /** Options only: the forward Bybit's mark IV goes with (the ticker's `underlyingPrice`). */
  readonly forwardPrice?: string | undefined;
  /**
   * Perpetuals and futures: the key's taker fee rate charged (`GET /v5/account/fee-rate`,
   * bybit-fee-rate.ts), at which Bybit's IM and MM hold the estimated fee to close; undefined
   * when not read or a rebate. Given to a row with its leverage or its isolated margin only.
   */
  readonly takerFeeRate?: string | undefined;
}

export function toPortfolioPosition(
  row: BybitPositionRow,
  context: BybitPositionContext,
): PortfolioFilePosition {
  const isolatedMargin =
    context.accountMarginMode === 'isolated' && row.category !== 'option'
      ? (row.initialMargin ??
        new PayloadReader('bybit', BYBIT_POSITIONS_ENDPOINT).fail(
          `"${row.marketId}" positionIM`,
          'is empty for an isolated position (it is the position margin)',
        ))
      : undefined;
  const venueReported: PortfolioFileVenueReportedPosition = {
    ...liquidationField(row, context.accountMarginMode),
    ...(row.maintenanceMargin !== undefined && { maintenanceMargin: row.maintenanceMargin }),
    ...(row.initialMargin !== undefined && { initialMargin: row.initialMargin }),
  };
  return {
    symbol: context.symbol,
    side: row.side,
    contracts: row.size,
    contractSize: '1',
    entryPrice: row.entryPrice,
    markPrice: row.markPrice,
    ...(row.leverage !== undefined && { leverage: new Decimal(row.leverage).toNumber() }),
    ...(isolatedMargin !== undefined && { marginMode: 'isolated' as const, isolatedMargin }),
    ...(row.positionIdx !== 0 && { positionSide: row.side }),
    ...(context.tierInForce !== undefined && {
      maintenanceMarginRate: context.tierInForce.maintenanceMarginRate,
      maintenanceAmount: context.tierInForce.maintenanceAmount,
      maxLeverage: context.tierInForce.maxLeverage,
    }),
    ...(context.markIv !== undefined && { markIv: context.markIv }),
    ...(context.forwardPrice !== undefined && { forwardPrice: context.forwardPrice }),
    // Bybit's fee to close is at the bankruptcy price of the leverage, or of an isolated
    // position's margin: without either (an empty `leverage` on a cross row) no rate is given.
    ...(context.takerFeeRate !== undefined &&
      row.category !== 'option' &&
      (row.leverage !== undefined || isolatedMargin !== undefined) && {
        takerFeeRate: context.takerFeeRate,
      }),
    ...(Object.keys(venueReported).length > 0 && { venueReported }),
  };
}

function liquidationField(
  row: BybitPositionRow,
  marginMode: PortfolioFileAccount['marginMode'],
): Pick<PortfolioFileVenueReportedPosition, 'liquidationPrice'> {
  if (row.liquidationPrice !== undefined) return { liquidationPrice: row.liquidationPrice };
  // "" on an isolated position: outside the price limits, so none exists. Cross, portfolio and
  // options: unknown, so the field is left out.
  return marginMode === 'isolated' && row.category !== 'option' ? { liquidationPrice: null } : {};
}
