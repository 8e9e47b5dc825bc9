import { NotSupported } from 'ccxt-src/base/errors.js';
import Decimal from 'decimal.js';
import { PayloadReader } from '../api/payload-reader';
import type {
  PortfolioFilePosition,
  PortfolioFileTierTable,
  PortfolioFileVenueReportedPosition,
} from '../api/venue-api-types';
import { bitgetTierAt, bitgetTierWithRate } from './bitget-position-tiers';

/**
 * Bitget USDT-M positions from `GET /api/v2/mix/position/all-position?productType=USDT-FUTURES`
 * ("Get All Positions", https://www.bitget.com/api-doc/contract/position/get-all-position, docs
 * copy of 2025-03-20), read from the raw rows (decimal strings).
 *
 * Conventions (that page):
 * - `total` is the position size in base coin (available + locked), `holdSide` long/short;
 *   `posMode` one_way_mode / hedge_mode; `marginMode` crossed / isolated; `marginSize` the
 *   position's margin; `openPriceAvg` the entry price; `keepMarginRate` the tier's rate;
 *   `marginRatio` its maintenance margin rate ("0.1 represents 10%"): maintenance margin over the
 *   position's margin plus unrealised P&L, as the page's example reproduces (MM with the 0.06%
 *   taker fee: 251 × 0.0046 / (9.6695050093373343 + 1) = 0.1082149545822005).
 * - `liquidationPrice` "If the value <= 0, it means the position is at low risk and there is no
 *   liquidation price at this time": read as `null` (none), never as a price of 0.
 * - `assetMode` single / union: multi-assets mode margins every coin together, which the engine
 *   does not build, so such a position is refused by name (NotSupported).
 * - `cTime` the creation time: a position opened before 2025-11-10 08:00 UTC keeps Bitget's old
 *   maintenance rule (the tier's rate on the whole value, lib/engine/margin/bitget.ts), so it
 *   carries its tier in force (`keepMarginRate`, no offset) with that tier's maximum leverage
 *   from the position-tier table (bitget-position-tiers.ts `bitgetTierWithRate`).
 * - `marginSize`, "Margin amount (margin coin)", is read as the margin posted to an isolated
 *   position (its `isolatedMargin`). Bitget's notice "Bitget updates estimated liquidation price
 *   and margin calculation" (2025-09-29, https://www.bitget.com/support/articles/12560603838731)
 *   changed the displayed position margin from size × entry ÷ leverage to size × mark ÷ leverage
 *   and says existing positions are recalculated; it does not say whether an isolated position's
 *   `marginSize` in the API is still the margin posted (added margin included) or now that
 *   display figure, and no other field of the page carries the posted margin. Not established:
 *   if it is the display figure, an isolated position's equity, maintenance margin from
 *   `marginRatio` and liquidation price here are off by the difference, which the report shows
 *   beside Bitget's own `liquidationPrice`. The page's example (2023, before the notice) is the
 *   posted margin: 9.6695050093373343 at 20x on 0.01 BTC (size × entry ÷ 20 = 12.5).
 */
export const BITGET_POSITIONS_ENDPOINT =
  'GET /api/v2/mix/position/all-position?productType=USDT-FUTURES';

/**
 * When Bitget's tiered (slice by slice) maintenance margin began, for positions opened from then
 * on: "Bitget to update maintenance margin calculation for classic account futures", 2025-11-07,
 * https://www.bitget.com/support/articles/12560603841952 ("November 10, 2025, 8:00:00 AM (UTC)").
 */
export const BITGET_TIERED_MAINTENANCE_FROM_MS = Date.UTC(2025, 10, 10, 8);

export interface BitgetPositionRow {
  readonly symbol: string;
  readonly marginCoin: string;
  readonly side: 'long' | 'short';
  readonly hedgeMode: boolean;
  readonly marginMode: 'cross' | 'isolated';
  /** Size in base coin. */
  readonly size: string;
  readonly entryPrice: string;
  readonly markPrice: string;
  readonly leverage: string;
  readonly margin: string;
  readonly unrealizedPnl: string;
  /** null: Bitget reports none (a value ≤ 0). */
  readonly liquidationPrice: string | null;
  readonly maintenanceMarginRate: string;
  readonly marginRatio: string;
  readonly openedBeforeTieredMaintenance: boolean;
}

/** Checks one row. */
export function readBitgetPositionRow(raw: unknown, index: number): BitgetPositionRow {
  const reader = new PayloadReader('bitget', BITGET_POSITIONS_ENDPOINT);
  const base = `data[${index}]`;
  const row = reader.object(raw, base);
  const symbol = reader.text(row.symbol, `${base} symbol`);
  const where = `${base} "${symbol}"`;
  const assetMode = reader.oneOf(row.assetMode, ['single', 'union'] as const, `${where} assetMode`);
  if (assetMode === 'union')
    throw new NotSupported(
      `bitget: the USDT-M futures account is in multi-assets mode (${symbol} assetMode "union"); Margin Lens computes Bitget's single-asset mode only`,
    );
  const liquidation = reader.decimal(row.liquidationPrice, `${where} liquidationPrice`);
  const created = reader.integer(row.cTime, `${where} cTime`, 0);
  return {
    symbol,
    marginCoin: reader.text(row.marginCoin, `${where} marginCoin`),
    side: reader.oneOf(row.holdSide, ['long', 'short'] as const, `${where} holdSide`),
    hedgeMode:
      reader.oneOf(row.posMode, ['one_way_mode', 'hedge_mode'] as const, `${where} posMode`) ===
      'hedge_mode',
    marginMode:
      reader.oneOf(row.marginMode, ['crossed', 'isolated'] as const, `${where} marginMode`) ===
      'isolated'
        ? 'isolated'
        : 'cross',
    size: reader.decimal(row.total, `${where} total`, 'positive'),
    entryPrice: reader.decimal(row.openPriceAvg, `${where} openPriceAvg`, 'positive'),
    markPrice: reader.decimal(row.markPrice, `${where} markPrice`, 'positive'),
    leverage: reader.decimal(row.leverage, `${where} leverage`, 'positive'),
    margin: reader.decimal(row.marginSize, `${where} marginSize`, 'nonNegative'),
    unrealizedPnl: reader.decimal(row.unrealizedPL, `${where} unrealizedPL`),
    liquidationPrice: new Decimal(liquidation).gt(0) ? liquidation : null,
    maintenanceMarginRate: reader.decimal(
      row.keepMarginRate,
      `${where} keepMarginRate`,
      'nonNegative',
    ),
    marginRatio: reader.decimal(row.marginRatio, `${where} marginRatio`, 'nonNegative'),
    openedBeforeTieredMaintenance: created < BITGET_TIERED_MAINTENANCE_FROM_MS,
  };
}

export interface BitgetPositionContext {
  /** ccxt unified symbol. */
  readonly symbol: string;
  /** The key's taker fee rate on the symbol (bitget-trade-fee.ts), "0" when none is charged. */
  readonly takerFeeRate: string;
  /** The symbol's position tiers as the adapter writes them (bitget-position-tiers.ts). */
  readonly tiers: PortfolioFileTierTable['tiers'];
}

export function toBitgetPortfolioPosition(
  row: BitgetPositionRow,
  context: BitgetPositionContext,
): PortfolioFilePosition {
  const reader = new PayloadReader('bitget', BITGET_POSITIONS_ENDPOINT);
  // Bitget reports an isolated position's maintenance margin only through its ratio: MM =
  // marginRatio × (marginSize + unrealizedPL). A cross position's ratio is the cross account's.
  const maintenanceMargin =
    row.marginMode === 'isolated'
      ? reader.computed(
          new Decimal(row.marginRatio).mul(new Decimal(row.margin).plus(row.unrealizedPnl)),
          `"${row.symbol}" marginRatio × (marginSize + unrealizedPL)`,
        )
      : undefined;
  const venueReported: PortfolioFileVenueReportedPosition = {
    liquidationPrice: row.liquidationPrice,
    ...(maintenanceMargin !== undefined && { maintenanceMargin }),
  };
  return {
    symbol: context.symbol,
    side: row.side,
    contracts: row.size,
    contractSize: '1',
    entryPrice: row.entryPrice,
    markPrice: row.markPrice,
    leverage: new Decimal(row.leverage).toNumber(),
    ...(row.marginMode === 'isolated' && {
      marginMode: 'isolated' as const,
      isolatedMargin: row.margin,
    }),
    ...(row.hedgeMode && { positionSide: row.side }),
    ...(row.openedBeforeTieredMaintenance && {
      maintenanceMarginRate: row.maintenanceMarginRate,
      maintenanceAmount: '0',
      maxLeverage: (
        bitgetTierWithRate(context.tiers, row.maintenanceMarginRate) ??
        bitgetTierAt(context.tiers, new Decimal(row.size).mul(row.markPrice))
      ).maxLeverage,
    }),
    takerFeeRate: context.takerFeeRate,
    venueReported,
  };
}
