import Decimal from 'decimal.js';
import { venueSupportsInstrument, venueTierTableForm } from '../margin/venue-rules';
import { parseSymbol } from '../product/parse-symbol';
import {
  InstrumentKind,
  MarginMode,
  PositionMode,
  Side,
  type Account,
  type Instrument,
  type Position,
} from '../product/types';
import { isInverseContract } from '../product/inverse-contract';

/**
 * A candidate order (the pre-trade check) and the account as it would be once the order fills.
 *
 * Fill (fillPriceOf): a market order fills at the mark moved by half the quoted spread against
 * the trader (buy at mark·(1 + s/2), sell at mark·(1 − s/2), `halfSpread` = s/2; the mark itself
 * when no spread is given; deeper slippage is the liquidity add-on's), a resting limit or stop
 * order at its price. Fees are not charged (they depend on the
 * trader's fee tier).
 * Position arithmetic follows the venues' documented position accounting (Binance USDⓈ-M
 * "Position", Bybit "Average entry price"):
 * - adding in the position's direction averages the entry price, weighted by size for linear
 *   contracts (Σq·EP / Σq) and harmonically for inverse ones (ΣN / Σ(N/EP)), since an inverse
 *   contract's size N is in USD;
 * - reducing keeps the entry price and realises (fill − EP)·q (linear) or N·(1/EP − 1/fill)
 *   (inverse, in coin) into the wallet; an isolated position releases its margin pro rata;
 * - in one-way mode an order larger than the opposite position closes it and opens the rest at
 *   the fill price; in hedge mode the order goes to one leg (`positionSide`) and never flips it;
 * - reduce-only orders only reduce: their size is capped at the position they reduce;
 * - adding to an isolated position moves notional / leverage of the wallet into its margin.
 * A position whose size changes drops the tier the venue reported for its old size (the rules
 * then take the venue's table; `keepReportedTier` keeps it where no table is known) and the
 * venue's own figures (they were for the old position).
 * Units: `contracts` in the venue's contracts (× contract size = base units for linear contracts,
 * USD for inverse ones); prices in the quote currency.
 */
export const OrderType = { market: 'market', limit: 'limit', stop: 'stop' } as const;
export type OrderType = (typeof OrderType)[keyof typeof OrderType];

export interface CandidateOrder {
  readonly accountId: string;
  /** ccxt unified symbol. */
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly type: OrderType;
  /** Size in contracts, positive. */
  readonly contracts: Decimal;
  /** Limit or stop price; required unless the order is a market order. */
  readonly price?: Decimal;
  /** The leverage set for the symbol; the position's own when absent. */
  readonly leverage?: number;
  readonly reduceOnly: boolean;
  /** Hedge mode: the leg the order trades (the order's direction when absent and not reduce-only). */
  readonly positionSide?: 'long' | 'short';
  /** Base units (linear) or USD (inverse) per contract, when the account holds no such position. */
  readonly contractSize?: Decimal;
  /** The symbol's mark price, when no position in the book carries it. */
  readonly markPrice?: Decimal;
  /** The asset's max leverage where the venue's margin follows it (Hyperliquid), when no position on the venue carries it. */
  readonly maxLeverage?: number;
  /** Half the bid-ask spread as a fraction of the mark: where a market order fills (none: at the mark). */
  readonly halfSpread?: Decimal;
}

export interface OrderRefusal {
  /** The order field that is missing or wrong. */
  readonly field: keyof CandidateOrder;
  readonly message: string;
}

export interface AppliedOrder {
  readonly account: Account;
  readonly fillPrice: Decimal;
  /** Index of the traded position before (null when new) and after (null when closed). */
  readonly before: number | null;
  readonly after: number | null;
  /** Contracts the order actually trades (a reduce-only order is capped at its position). */
  readonly filledContracts: Decimal;
  /** Realised P&L into the wallet, in the settlement asset. */
  readonly realizedPnl: Decimal;
  /** Whether the order only reduces exposure (it closes or shrinks the position). */
  readonly reducesOnly: boolean;
}

export function applyOrder(
  account: Account,
  order: CandidateOrder,
  /** A position in `symbol` on `venue` elsewhere in the book (its mark, contract size, max leverage). */
  bookMark: (venue: string, symbol: string) => Position | undefined,
  options: { readonly keepReportedTier?: boolean } = {},
): AppliedOrder | OrderRefusal {
  const instrument = parseSymbol(order.symbol);
  if ('error' in instrument) return { field: 'symbol', message: instrument.error };
  if (instrument.kind === InstrumentKind.option || instrument.kind === InstrumentKind.spot)
    return {
      field: 'symbol',
      message: `${order.symbol}: the pre-trade check covers perpetuals and futures; options and spot are not built yet`,
    };
  if (!venueSupportsInstrument(account.venue, instrument))
    return {
      field: 'symbol',
      message: `${order.symbol} is not an instrument of ${account.venue}'s margin rules`,
    };
  if (!order.contracts.isFinite() || order.contracts.lte(0))
    return { field: 'contracts', message: 'the order size must be a positive number of contracts' };

  const hedge = account.positionMode === PositionMode.hedge;
  const direction = order.side === 'buy' ? Side.long : Side.short;
  const leg = hedge
    ? (order.positionSide ?? (order.reduceOnly ? opposite(direction) : direction))
    : undefined;
  // A hedge-mode leg is its positionSide, or its side where the file gives none.
  const index = account.positions.findIndex(
    (position) =>
      position.symbol === order.symbol &&
      (!hedge || (position.positionSide ?? position.side) === leg),
  );
  const existing = index < 0 ? undefined : account.positions[index];
  // Contract size and the like are the venue's: a template only from the same venue.
  const template = existing ?? bookMark(account.venue, order.symbol);
  const markPrice = existing?.markPrice ?? order.markPrice ?? template?.markPrice;
  if (markPrice === undefined)
    return {
      field: 'markPrice',
      message: `no position in ${order.symbol} carries its mark price: give the order's markPrice`,
    };
  const contractSize = existing?.contractSize ?? order.contractSize ?? template?.contractSize;
  if (contractSize === undefined)
    return {
      field: 'contractSize',
      message: `no position in ${order.symbol} carries its contract size: give the order's contractSize`,
    };
  if (order.type !== OrderType.market && order.price === undefined)
    return { field: 'price', message: `a ${order.type} order needs its price` };
  if (order.price !== undefined && (!order.price.isFinite() || order.price.lte(0)))
    return { field: 'price', message: 'the order price must be positive' };
  const fillPrice = fillPriceOf(order, markPrice);

  // Signed sizes in contracts: long positive.
  const held = existing ? signed(existing.side, existing.contracts) : new Decimal(0);
  let change = direction === Side.long ? order.contracts : order.contracts.neg();
  if (hedge && leg !== undefined && held.isZero() && direction !== leg)
    return {
      // Without a positionSide the leg came from reduce-only: that is the field to name.
      field: order.positionSide === undefined ? 'reduceOnly' : 'positionSide',
      message: `a ${order.side} order on the empty ${leg} ${order.symbol} leg would close nothing: hedge mode opens a ${leg} leg with a ${leg === Side.long ? 'buy' : 'sell'}`,
    };
  if (order.reduceOnly || hedge) {
    // Reduce-only orders (and hedge-mode orders against their leg) trade at most the position.
    const reducing = !held.isZero() && held.isNeg() !== change.isNeg();
    if (order.reduceOnly && !reducing)
      return {
        field: 'reduceOnly',
        message: existing
          ? `a reduce-only ${order.side} order does not reduce the ${existing.side} ${order.symbol} position`
          : `a reduce-only order needs a position in ${order.symbol} to reduce`,
      };
    if (reducing && change.abs().gt(held.abs())) change = held.neg();
  }
  const next = held.plus(change);
  const inverse = isInverseContract(instrument);
  const closed = Decimal.min(held.abs(), change.abs()).mul(held.isNeg() !== change.isNeg() ? 1 : 0);
  const entry = existing?.entryPrice ?? fillPrice;
  const realizedPnl = closed.isZero()
    ? new Decimal(0)
    : realized(
        inverse,
        held.isNeg() ? Side.short : Side.long,
        closed.mul(contractSize),
        entry,
        fillPrice,
      );

  let nextEntry: Decimal;
  if (next.isZero()) nextEntry = entry;
  else if (held.isZero() || held.isNeg() !== next.isNeg()) nextEntry = fillPrice;
  else if (held.abs().gte(next.abs())) nextEntry = entry;
  else nextEntry = averageEntry(inverse, held.abs(), entry, change.abs(), fillPrice);

  const marginMode = existing?.marginMode ?? account.marginMode;
  const leverage = order.leverage ?? existing?.leverage;
  let isolatedMargin = existing?.isolatedMargin;
  if (marginMode === MarginMode.isolated) {
    const oldIsolated = existing?.isolatedMargin ?? new Decimal(0);
    if (next.isZero()) isolatedMargin = undefined;
    else if (next.abs().lt(held.abs()) && held.isNeg() === next.isNeg())
      isolatedMargin = existing?.isolatedMargin?.mul(next.abs()).div(held.abs());
    else {
      if (leverage === undefined)
        return {
          field: 'leverage',
          message: `an isolated ${order.symbol} order needs the leverage it is placed at`,
        };
      const kept = held.isNeg() === next.isNeg() ? oldIsolated : new Decimal(0);
      const added = next.abs().minus(held.isNeg() === next.isNeg() ? held.abs() : 0);
      // A position opened by the order: its margin is left to the venue's rules, which derive it
      // from the leverage at entry with what the venue puts in it (Bybit: the fee to close,
      // "Order Cost (USDT Contract)"; linear-tiered-account.ts linearIsolatedWallet).
      isolatedMargin = kept.isZero()
        ? undefined
        : kept.plus(notional(inverse, added.mul(contractSize), fillPrice).div(leverage));
    }
  }

  const newMaxLeverage = order.maxLeverage ?? template?.maxLeverage;
  // A new position takes the key's taker fee of a same-kind contract in the account, where its
  // leverage is known: a venue charging the fee to close at the bankruptcy price (Bybit) needs it,
  // and without it the report says the fee is not counted rather than refusing the order.
  const takerFeeRate =
    existing?.takerFeeRate ??
    (leverage === undefined
      ? undefined
      : account.positions.find(
          (position) =>
            position.takerFeeRate !== undefined && position.instrument.kind === instrument.kind,
        )?.takerFeeRate);
  const settle = instrument.settle;
  const balances = account.balances.some((balance) => balance.asset === settle)
    ? account.balances.map((balance) =>
        balance.asset === settle ? { ...balance, total: balance.total.plus(realizedPnl) } : balance,
      )
    : [...account.balances, { asset: settle, total: realizedPnl }];

  const positions = [...account.positions];
  let after: number | null = null;
  if (next.isZero()) {
    if (index >= 0) positions.splice(index, 1);
  } else {
    const traded: Position = {
      symbol: order.symbol,
      instrument: existing?.instrument ?? (instrument as Instrument),
      side: next.isNeg() ? Side.short : Side.long,
      contracts: next.abs(),
      contractSize,
      entryPrice: nextEntry,
      markPrice,
      ...(leverage !== undefined && { leverage }),
      ...(existing?.marginMode !== undefined && { marginMode: existing.marginMode }),
      ...(isolatedMargin !== undefined && marginMode === MarginMode.isolated && { isolatedMargin }),
      ...(hedge && leg !== undefined && { positionSide: leg }),
      // The venue's tier in force was for the old size; keep it only while the size is unchanged
      // (or when asked, where the venue's table is unknown), and always where the venue's rules
      // read no tier table (Hyperliquid: margin from the asset's max leverage).
      ...(existing !== undefined &&
        (next.abs().eq(held.abs()) ||
          options.keepReportedTier ||
          venueTierTableForm(account.venue) === undefined) && {
          ...(existing.maintenanceMarginRate !== undefined && {
            maintenanceMarginRate: existing.maintenanceMarginRate,
          }),
          ...(existing.maintenanceAmount !== undefined && {
            maintenanceAmount: existing.maintenanceAmount,
          }),
          ...(existing.maxLeverage !== undefined && { maxLeverage: existing.maxLeverage }),
        }),
      ...(existing === undefined &&
        venueTierTableForm(account.venue) === undefined &&
        newMaxLeverage !== undefined && { maxLeverage: newMaxLeverage }),
      ...(existing?.markIv !== undefined && { markIv: existing.markIv }),
      // The key's taker fee (the fee to close in Bybit's IM and MM, OKX's isolated liquidation):
      // the position's own, else that of a contract of the same kind in the account (one key).
      ...(takerFeeRate !== undefined && { takerFeeRate }),
    };
    if (index >= 0) {
      positions[index] = traded;
      after = index;
    } else {
      positions.push(traded);
      after = positions.length - 1;
    }
  }
  // The venue's own account figures were for the account before the order.
  const changed: Account = {
    id: account.id,
    venue: account.venue,
    marginMode: account.marginMode,
    positionMode: account.positionMode,
    balances,
    positions,
  };
  return {
    account: changed,
    fillPrice,
    before: index < 0 ? null : index,
    after,
    filledContracts: change.abs(),
    realizedPnl,
    reducesOnly: !held.isZero() && held.isNeg() !== change.isNeg() && next.abs().lte(held.abs()),
  };
}

/**
 * Where the order fills, at the mark as the best price available now: a market order at the
 * mark; a limit order at its price, or at the mark when the price is already marketable (a buy
 * limit above the mark fills at the market); a stop order at its trigger, or at the mark when
 * the trigger is already passed (it triggers at once).
 */
function fillPriceOf(order: CandidateOrder, mark: Decimal): Decimal {
  const price = order.price;
  if (order.type === OrderType.market || price === undefined) {
    const half =
      order.type === OrderType.market ? (order.halfSpread ?? new Decimal(0)) : new Decimal(0);
    return order.side === 'buy' ? mark.mul(half.plus(1)) : mark.mul(new Decimal(1).minus(half));
  }
  const buy = order.side === 'buy';
  if (order.type === OrderType.limit)
    return buy ? Decimal.min(price, mark) : Decimal.max(price, mark);
  return buy ? Decimal.max(price, mark) : Decimal.min(price, mark);
}

function opposite(side: Side): Side {
  return side === Side.long ? Side.short : Side.long;
}

function signed(side: Side, contracts: Decimal): Decimal {
  return side === Side.long ? contracts : contracts.neg();
}

/** Position value in the settlement asset: q·P (linear, q in base units) or N/P (inverse, N in USD). */
function notional(inverse: boolean, size: Decimal, price: Decimal): Decimal {
  return inverse ? size.div(price) : size.mul(price);
}

/** Realised P&L of closing `size` of a position: (exit − EP)·q linear, N·(1/EP − 1/exit) inverse, signed by side. */
function realized(
  inverse: boolean,
  side: Side,
  size: Decimal,
  entry: Decimal,
  exit: Decimal,
): Decimal {
  const pnl = inverse
    ? size.mul(new Decimal(1).div(entry).minus(new Decimal(1).div(exit)))
    : size.mul(exit.minus(entry));
  return side === Side.long ? pnl : pnl.neg();
}

/** The entry price after adding: size-weighted (linear) or harmonic in USD size (inverse). */
function averageEntry(
  inverse: boolean,
  heldContracts: Decimal,
  entry: Decimal,
  addedContracts: Decimal,
  fill: Decimal,
): Decimal {
  const total = heldContracts.plus(addedContracts);
  return inverse
    ? total.div(heldContracts.div(entry).plus(addedContracts.div(fill)))
    : heldContracts.mul(entry).plus(addedContracts.mul(fill)).div(total);
}
