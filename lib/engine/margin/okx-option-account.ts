import { PortfolioError } from '../portfolio/portfolio-error';
import { black76Price } from '../pricer/black76';
import { timeToExpiry as yearsToExpiry } from '../product/expiry';
import { optionMarkIv } from '../product/option-mark-iv';
import {
  InstrumentKind,
  MarginMode,
  Side,
  type Account,
  type OptionInstrument,
  type Position,
} from '../product/types';
import type { MarginSilo } from '../risk/margin-silo';
import { accountMarginOf } from './account-margin-of';
import {
  inverseCoinLeg,
  inverseLegMargin,
  isInverseUsdContract,
  legAt,
  type CoinLeg,
  type InverseVenue,
} from './inverse-tiered-account';
import type { AccountMargin, PositionMargin } from './margin-types';
import {
  okxOptionMargin,
  okxOptionParameters,
  okxOptionUnderlyings,
  okxShortOptionMaintenance,
  type OkxOptionParameters,
} from './okx-option-margin';
import { nearestLiquidationPrice, solveLiquidationPrices } from './solve-liquidation-price';
import { TierOrigin } from './tier-table';
import type { MarginContext } from './venue-context';

/**
 * An OKX single-currency margin account in one coin (BTC or ETH) holding coin-margined options,
 * with any inverse (coin-margined) swaps and futures of the same coin. Money in the coin; prices
 * of the underlying in USD.
 *
 * - Margin balance, what the maintenance margin is measured against: the coin's balance (the
 *   premium of a sold option is in it) plus the swaps' and futures' P&L. An option's value is not
 *   in it: a short option's liability is carried by its maintenance margin, which contains its
 *   mark (okx-option-margin.ts). OKX's isolated option row confirms this form exactly, margin
 *   ratio = margin / (mmr + fee to close), 1.378417633171292 (okx-option-account.test.ts); OKX's
 *   own words for the cross ratio are not published in full (a copy of its single-currency page
 *   lists balance + P&L − orders − option buy costs − isolated margin − fees over MM + liquidation
 *   fees), so cross is the same form without the fees, as for OKX's other cross accounts. OKX's
 *   currency equity `eq` also counts options value = position × mark × contract multiplier ×
 *   contract value (OKX help "Calculation of option profit and loss",
 *   https://www.okx.com/help/iii-calculation-of-option-profit-and-loss), so it differs from the
 *   margin balance here by the options' value.
 * - Margin: options by okx-option-margin.ts; swaps and futures by their tier on the size in USD
 *   (inverse-tiered-account.ts: the position's tier in force > the file's table).
 * - Liquidation: cross positions when the margin balance reaches the maintenance margin (the
 *   margin ratio at 100%); an isolated short option when its margin reaches its maintenance
 *   margin plus the fee to close, min(`takerFeeRate`, 7% × mark) × its size in coins (OKX
 *   "Trading Fee Rules FAQ"); an isolated swap or future when its margin plus its P&L reaches its
 *   maintenance margin. A long option has no margin requirement and is never liquidated (no
 *   liquidation price; its isolated silo holds nothing that can fall below zero).
 * - Prices moving: each option's mark moves by its Black-76 change at its mark IV on the forward
 *   F of its expiry (OKX's `fwdPx`, the file's `forwardPrice`, else the index), F moving with the
 *   index at today's ratio F₀/S₀. A coin-margined option is marked in coin at V(F)/F (the Deribit
 *   convention, where mark × underlying_price is the Black-76 value; OKX quotes its mark volatility
 *   on `fwdPx`, and its coin mark is taken to follow the same convention — no OKX row long-dated
 *   enough to tell V(F)/F from V(F)/S was found), so at F the mark is (mark₀·F₀ + V(F) − V(F₀)) / F, never below 0
 *   (time held at `asOf`, expiry 08:00 UTC); today's figures are exactly the venue formula's. Each
 *   swap or future at its mark × S/S₀.
 *   No closed form exists: liquidation prices are found numerically on the index
 *   (solve-liquidation-price.ts); a swap's or future's is its mark at that index.
 */
interface OptionLeg {
  readonly position: Position;
  readonly sign: number;
  /** Size in coins of underlying. */
  readonly size: number;
  readonly type: 'call' | 'put';
  readonly strike: number;
  readonly timeToExpiry: number;
  readonly lognormalVol: number;
  /** Mark and entry, coin per coin of underlying. */
  readonly mark: number;
  readonly entry: number;
  /**
   * The option's forward over the index (OKX's `fwdPx` / index, the file's `forwardPrice`; 1
   * without one): the forward moves with the index at this basis.
   */
  readonly forwardRatio: number;
  /** Black-76 value in USD at today's forward. */
  readonly modelValue: number;
  readonly marginFactor: number;
  readonly parameters: OkxOptionParameters;
  readonly isolated: boolean;
  /** The key's taker fee rate (isolated legs' fee to close, okxOptionCloseFee); 0 when not given. */
  readonly takerFeeRate: number;
}

interface OptionBook {
  readonly coin: string;
  /** The coin's balance, isolated margin included (the file's wallet). */
  readonly wallet: number;
  /** The underlying's index now, USD. */
  readonly index: number;
  readonly options: readonly OptionLeg[];
  readonly futures: readonly CoinLeg[];
}

export function okxOptionAccountMargin(
  account: Account,
  venue: InverseVenue,
  context: MarginContext,
): AccountMargin {
  const book = optionBook(account, venue, context);
  const { index } = book;
  const crossLevel = crossCanBeLiquidated(account)
    ? nearestLiquidationPrice(
        solveLiquidationPrices((price) => crossSurplus(account, book, price), index),
        index,
      )
    : null;
  const levelOf = (isolated: boolean, position: Position) =>
    isolated && isLongOption(position)
      ? null
      : isolated
        ? nearestLiquidationPrice(
            solveLiquidationPrices(
              (price) => isolatedSurplus(account, book, position, price),
              index,
            ),
            index,
          )
        : crossLevel;

  const optionItems = book.options.map((leg): PositionMargin => {
    const margin = okxOptionLegMargin(leg, index);
    const notional = leg.size;
    return {
      symbol: leg.position.symbol,
      side: leg.position.side,
      marginMode: leg.isolated ? MarginMode.isolated : MarginMode.cross,
      quantity: leg.size,
      markPrice: leg.mark,
      notional,
      unrealizedPnl: leg.sign * leg.size * (leg.mark - leg.entry),
      initialMargin: margin.initial,
      maintenanceMargin: margin.maintenance,
      maintenanceMarginRate: margin.maintenance / notional,
      maxLeverage: 1,
      tierSource:
        leg.sign > 0
          ? 'OKX option margin: none on a long option, its premium paid (help "Option Margin")'
          : `OKX option margin, margin factor ${leg.marginFactor} (help "Option Margin"; c ${leg.parameters.c})`,
      tierOrigin: TierOrigin.venueRule,
      tierTable: null,
      liquidationPrice: levelOf(leg.isolated, leg.position),
      liquidationMethod: 'numeric',
      referencePrice: index,
    };
  });
  const futureItems = book.futures.map((leg): PositionMargin => {
    const level = levelOf(leg.isolated, leg.position);
    return inverseLegMargin(leg, level === null ? null : (level * leg.mark) / index, 'numeric');
  });
  const items = new Map<Position, PositionMargin>([
    ...book.options.map((leg, at) => [leg.position, optionItems[at] as PositionMargin] as const),
    ...book.futures.map((leg, at) => [leg.position, futureItems[at] as PositionMargin] as const),
  ]);
  const positions = account.positions.map((position) => items.get(position) as PositionMargin);
  const equity = book.wallet + futureItems.reduce((sum, item) => sum + item.unrealizedPnl, 0);
  return accountMarginOf({
    accountId: account.id,
    venue: account.venue,
    settle: book.coin,
    walletBalance: book.wallet,
    equity,
    maintenanceMargin: positions.reduce((sum, item) => sum + item.maintenanceMargin, 0),
    positions,
  });
}

/** The cross positions as one silo and each isolated position as its own, on the coin's index. */
export function okxOptionAccountSilos(
  account: Account,
  venue: InverseVenue,
  context: MarginContext,
): MarginSilo[] {
  const book = optionBook(account, venue, context);
  const { index } = book;
  const silo = (
    label: string,
    positionIndices: number[],
    wallet: number,
    surplus: (price: number) => number,
    freeCollateral: number,
  ): MarginSilo => ({
    accountId: account.id,
    label,
    positionIndices,
    wallet,
    positions: [],
    nonlinear: {
      assets: [book.coin],
      markPrices: [index],
      surplus: ([price = index]) => surplus(price),
    },
    freeCollateral,
  });
  const isolated = account.positions.flatMap((position, at) =>
    isIsolated(account, position) ? [at] : [],
  );
  const cross = account.positions.flatMap((position, at) =>
    isIsolated(account, position) ? [] : [at],
  );
  return [
    ...isolated.map((at) => {
      const position = account.positions[at] as Position;
      const wallet = isolatedMarginOf(account, position);
      // A long option cannot be liquidated: its silo holds nothing that can fall below zero.
      if (isLongOption(position))
        return {
          accountId: account.id,
          label: `${position.symbol} isolated`,
          positionIndices: [at],
          wallet,
          positions: [],
          freeCollateral: 0,
        };
      return silo(
        `${position.symbol} isolated`,
        [at],
        wallet,
        (price) => isolatedSurplus(account, book, position, price),
        0,
      );
    }),
    // Cross positions that carry no margin (long options only) cannot be liquidated either.
    ...(cross.length > 0 && !crossCanBeLiquidated(account)
      ? [
          {
            accountId: account.id,
            label: 'cross',
            positionIndices: cross,
            wallet: crossWallet(account, book),
            positions: [],
            freeCollateral: Math.max(0, crossWallet(account, book)),
          },
        ]
      : []),
    ...(cross.length > 0 && crossCanBeLiquidated(account)
      ? [
          silo(
            'cross',
            cross,
            crossWallet(account, book),
            (price) => crossSurplus(account, book, price),
            crossFreeCollateral(account, book),
          ),
        ]
      : []),
  ];
}

function isIsolated(account: Account, position: Position): boolean {
  return (position.marginMode ?? account.marginMode) === MarginMode.isolated;
}

function isolatedMarginOf(account: Account, position: Position): number {
  if (position.isolatedMargin !== undefined) return position.isolatedMargin.toNumber();
  throw new PortfolioError([
    `account "${account.id}" position "${position.symbol}" isolatedMargin: an isolated OKX position beside options needs its margin (OKX's \`margin\`)`,
  ]);
}

function crossWallet(account: Account, book: OptionBook): number {
  return account.positions
    .filter((position) => isIsolated(account, position))
    .reduce((sum, position) => sum - isolatedMarginOf(account, position), book.wallet);
}

/** A leg's equity and maintenance margin with the index at `price`, in coin. */
function legFigures(
  book: OptionBook,
  position: Position,
  price: number,
): {
  equity: number;
  maintenance: number;
} {
  const option = book.options.find((leg) => leg.position === position);
  if (option !== undefined) {
    const mark = optionMarkAt(option, book.index, price);
    return {
      // The option's value is not margin balance: a short's liability is in its MMR (+ mark).
      equity: 0,
      maintenance:
        option.sign < 0
          ? okxShortOptionMaintenance(
              option.type,
              mark,
              option.size,
              option.marginFactor,
              option.parameters,
            )
          : 0,
    };
  }
  const future = book.futures.find((leg) => leg.position === position) as CoinLeg;
  const at = legAt(future, (future.mark * price) / book.index);
  return { equity: at.unrealized, maintenance: at.maintenance };
}

function crossSurplus(account: Account, book: OptionBook, price: number): number {
  let surplus = crossWallet(account, book);
  for (const position of account.positions) {
    if (isIsolated(account, position)) continue;
    const figures = legFigures(book, position, price);
    surplus += figures.equity - figures.maintenance;
  }
  return surplus;
}

/**
 * An isolated short option's or swap's surplus at index `price`: its margin (plus a swap's P&L)
 * less its maintenance margin and, for an option, the fee to close it. Never called for a long
 * option, which has no maintenance margin and cannot be liquidated (no silo of its own).
 */
function isolatedSurplus(
  account: Account,
  book: OptionBook,
  position: Position,
  price: number,
): number {
  const figures = legFigures(book, position, price);
  const option = book.options.find((leg) => leg.position === position);
  const fee =
    option === undefined ? 0 : okxOptionCloseFee(option, optionMarkAt(option, book.index, price));
  return isolatedMarginOf(account, position) + figures.equity - figures.maintenance - fee;
}

/**
 * OKX's fee to close an option at liquidation, in coin: min(taker rate × size, 7% × mark × size)
 * (OKX "Trading Fee Rules FAQ", liquidation fee, the 7% cap in force since OKX's options fee
 * update of 2025-05-15, 12.5% before).
 */
function okxOptionCloseFee(leg: OptionLeg, mark: number): number {
  return Math.min(leg.takerFeeRate, 0.07 * mark) * leg.size;
}

/**
 * Whether the cross positions carry any margin: a short option, a swap or a future. Long options
 * alone have none, and a balance without a requirement is never liquidated.
 */
function crossCanBeLiquidated(account: Account): boolean {
  return account.positions.some(
    (position) => !isIsolated(account, position) && !isLongOption(position),
  );
}

/** Whether a position is a long option: no margin, never liquidated (OKX: premium paid). */
function isLongOption(position: Position): boolean {
  return position.instrument.kind === InstrumentKind.option && position.side === Side.long;
}

/** The cross equity above the cross positions' initial margin (what can leave), in coin. */
function crossFreeCollateral(account: Account, book: OptionBook): number {
  let free = crossWallet(account, book);
  for (const leg of book.options) {
    if (leg.isolated) continue;
    free -= okxOptionLegMargin(leg, book.index).initial;
  }
  for (const leg of book.futures) {
    if (leg.isolated) continue;
    const at = legAt(leg, leg.mark);
    free += at.unrealized - at.notional / (leg.position.leverage ?? leg.maxLeverage) - leg.fee;
  }
  return Math.max(0, free);
}

/**
 * An option's mark (coin per coin) with the index moved from `index` to `price`: OKX's mark plus
 * the Black-76 change of value at OKX's mark IV, the forward moving with the index at its basis.
 */
function optionMarkAt(leg: OptionLeg, index: number, price: number): number {
  if (price === index) return leg.mark;
  const value = black76Price({
    type: leg.type,
    forward: price * leg.forwardRatio,
    strike: leg.strike,
    timeToExpiry: leg.timeToExpiry,
    lognormalVol: leg.lognormalVol,
  });
  const forwardNow = index * leg.forwardRatio;
  const forwardThen = price * leg.forwardRatio;
  return Math.max(0, leg.mark * forwardNow + value - leg.modelValue) / forwardThen;
}

function okxOptionLegMargin(
  leg: OptionLeg,
  index: number,
): { initial: number; maintenance: number } {
  return okxOptionMargin({
    side: leg.position.side,
    type: leg.type,
    strike: leg.strike,
    underlying: index * leg.forwardRatio,
    mark: leg.mark,
    size: leg.size,
    marginFactor: leg.marginFactor,
    parameters: leg.parameters,
  });
}

function optionBook(account: Account, venue: InverseVenue, context: MarginContext): OptionBook {
  const where = `account "${account.id}"`;
  if (account.marginMode === MarginMode.portfolio) {
    throw new PortfolioError([
      `${where} marginMode: OKX portfolio margin with options is not supported (its option components MR2, MR3 and MR5 are not published in full); OKX options are computed in single-currency margin ("cross")`,
    ]);
  }
  // Each option's own refusals first (settlement, underlying, expiry), then the account's.
  for (const position of account.positions)
    if (position.instrument.kind === InstrumentKind.option)
      checkOkxOption(account, position, position.instrument, context);
  const coins = new Set([
    ...account.positions.map((position) => position.instrument.settle),
    ...account.balances.map((balance) => balance.asset),
  ]);
  if (coins.size > 1) {
    throw new PortfolioError([
      `${where}: an OKX account with options is computed in single-currency margin, one coin; it mixes ${[...coins].join(', ')}`,
    ]);
  }
  const coin = [...coins][0] as string;
  const index = context.underlyingPrice(coin);
  if (index === undefined) {
    throw new PortfolioError([
      `market prices ${coin}: ${where} holds ${coin} options, which need the ${coin} index price in market.prices`,
    ]);
  }
  const options: OptionLeg[] = [];
  const futures: CoinLeg[] = [];
  for (const position of account.positions) {
    const { instrument } = position;
    if (instrument.kind === InstrumentKind.option) {
      options.push(optionLeg(account, position, instrument, index, context));
    } else if (isInverseUsdContract(instrument)) {
      if (position.takerFeeRate !== undefined) {
        throw new PortfolioError([
          `${where} position "${position.symbol}" takerFeeRate: OKX's liquidation with the fee to close is built for linear contracts and options; leave it out for an inverse contract`,
        ]);
      }
      futures.push(inverseCoinLeg(account, position, venue, context));
    } else {
      throw new PortfolioError([
        `${where} position "${position.symbol}": an OKX account with options here holds the coin's options, swaps and futures only`,
      ]);
    }
  }
  const wallet = account.balances.reduce((sum, balance) => sum + balance.total.toNumber(), 0);
  return { coin, wallet, index, options, futures };
}

function optionLeg(
  account: Account,
  position: Position,
  instrument: OptionInstrument,
  index: number,
  context: MarginContext,
): OptionLeg {
  const parameters = checkOkxOption(account, position, instrument, context);
  const asOf = Date.parse(context.asOf);
  const sign = position.side === Side.long ? 1 : -1;
  if (sign < 0 && position.optionMarginFactor === undefined) {
    throw new PortfolioError([
      `account "${account.id}" position "${position.symbol}" optionMarginFactor: a short OKX option needs the margin factor of the account's seller tier (optMgnFactor of the public GET /api/v5/public/position-tiers?instType=OPTION)`,
    ]);
  }
  const timeToExpiry = yearsToExpiry(instrument.expiryTimeMs, asOf);
  const lognormalVol = optionMarkIv(position);
  const size = position.contracts.mul(position.contractSize).toNumber();
  const forward = position.forwardPrice?.toNumber() ?? index;
  return {
    position,
    sign,
    size,
    type: instrument.optionType,
    strike: instrument.strike,
    timeToExpiry,
    lognormalVol,
    mark: position.markPrice.toNumber(),
    entry: position.entryPrice.toNumber(),
    forwardRatio: forward / index,
    modelValue: black76Price({
      type: instrument.optionType,
      forward,
      strike: instrument.strike,
      timeToExpiry,
      lognormalVol,
    }),
    marginFactor: position.optionMarginFactor?.toNumber() ?? 1,
    parameters,
    isolated: isIsolated(account, position),
    takerFeeRate: position.takerFeeRate?.toNumber() ?? 0,
  };
}

/**
 * Refuses, by name, an OKX option these rules do not compute: one settled in another currency
 * than its underlying (USDⓈ-margined), one on an underlying OKX publishes no parameters for, an
 * expired one. Returns its parameters.
 */
function checkOkxOption(
  account: Account,
  position: Position,
  instrument: OptionInstrument,
  context: MarginContext,
): OkxOptionParameters {
  const at = `account "${account.id}" position "${position.symbol}"`;
  if (instrument.settle !== instrument.base || instrument.quote !== 'USD') {
    throw new PortfolioError([
      `${at} symbol: OKX options settled in ${instrument.settle} (USDⓈ-margined) are not computed yet; coin-margined ${okxOptionUnderlyings().join(' and ')} options are`,
    ]);
  }
  const parameters = okxOptionParameters(instrument.base);
  if (!parameters) {
    throw new PortfolioError([
      `${at} symbol: OKX publishes option margin parameters for ${okxOptionUnderlyings().join(', ')} options only; ${instrument.base} options are not supported`,
    ]);
  }
  if (!(instrument.expiryTimeMs > Date.parse(context.asOf))) {
    throw new PortfolioError([
      `${at} symbol: the option expired (${instrument.expiry} 08:00 UTC) at or before asOf ${context.asOf}; remove it`,
    ]);
  }
  return parameters;
}
