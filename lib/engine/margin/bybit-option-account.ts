import { optionMarkIv } from '../product/option-mark-iv';
import { PortfolioError } from '../portfolio/portfolio-error';
import { accountMarginOf } from './account-margin-of';
import { black76Price } from '../pricer/black76';
import { timeToExpiry as yearsToExpiry } from '../product/expiry';
import {
  InstrumentKind,
  MarginMode,
  Side,
  type Account,
  type OptionInstrument,
  type Position,
} from '../product/types';
import { siloMaintenanceMargin, type MarginSilo, type SiloTier } from '../risk/margin-silo';
import {
  bybitOptionMargin,
  bybitOptionParameters,
  bybitOptionUnderlyings,
  bybitShortOptionMaintenance,
  type BybitOptionParameters,
} from './bybit-option-margin';
import {
  linearSettlementAsset,
  resolveLinearPosition,
  tiersWithFeeToClose,
  type LinearVenue,
  type ResolvedPosition,
} from './linear-tiered-account';
import { toSiloTier } from './linear-tiered-silos';
import { feeToCloseFigure, type AccountMargin, type PositionMargin } from './margin-types';
import { perUnderlyingLiquidationPrices } from './solve-liquidation-price';
import { TierOrigin } from './tier-table';
import type { MarginContext } from './venue-context';
import { pooledSilo } from './pooled-account-book';

/**
 * A Bybit Unified Trading Account in cross margin holding linear options (`BTC/USDC:USDC-YYMMDD-K-C|P`,
 * or USDT-settled) beside linear perpetuals and futures in the same settlement asset, as one
 * margin silo. Money in the settlement asset (USDC or USDT, taken at par with USD as Bybit
 * quotes options); prices in USD.
 *
 * Sources:
 * - UTA glossary, "Key Terms and Formulas in Unified Trading Account" [OFFICIAL,
 *   https://www.bybit.com/en/help-center/article/Glossary-Unified-Trading-Account, mirror
 *   bytick.com updated 2026-03-13]: under cross margin
 *     Margin Balance = Wallet Balance + Perp & Futures Unrealized P&L   (no option value)
 *     Account MM Rate = Total Maintenance Margin / (Margin Balance − Haircut Loss + Order Loss)
 *   with Haircut Loss and Order Loss from open spot orders (none in a portfolio file: 0 here).
 * - UTA-Trading-Rules [OFFICIAL, methodology §2.2]: the account is liquidated when its MM rate
 *   reaches 100%; no per-position liquidation price is published.
 * - Options: bybit-option-margin.ts (short option MM and IM; long options none — the premium was
 *   paid from the wallet). "Account MM = Sum (Short Position MM)" (options margin page).
 * - Perpetuals and futures: tiered MM at mark (linear-tiered-account.ts: the position's tier >
 *   the file's table > the embedded table > refusal); IM = notional / leverage.
 *
 * Report: `equity` is the margin balance, `maintenanceMargin` = Σ positions' MM, `marginRatio` =
 * MM / margin balance (Bybit's `accountMMRate`). Options' unrealised P&L, (mark − entry)·q, is
 * reported per position but, as the glossary says, is not part of the cross margin balance: a
 * short option's liability enters through its MM, which contains its mark.
 *
 * Liquidation: the silo's surplus is margin balance − MM as a function of the underlyings'
 * prices. Perpetuals move with their underlying (mark × ratio); each option's mark moves by its
 * Black-76 change at its mark IV on the index (mark(S) = max(0, mark₀ + V(S) − V(S₀)), time to
 * expiry held at `asOf`, expiry 08:00 UTC per Bybit's options FAQ), so the surplus at today's
 * prices is exactly the venue-formula figure. No closed form exists, so each position's
 * liquidation price is solved numerically along its underlying with the others at their marks
 * (solve-liquidation-price.ts); options are measured on the index.
 */
export interface OptionLeg {
  readonly position: Position;
  readonly base: string;
  readonly sign: number;
  readonly quantity: number;
  readonly type: 'call' | 'put';
  readonly strike: number;
  readonly timeToExpiry: number;
  readonly lognormalVol: number;
  readonly mark: number;
  readonly entry: number;
  readonly index: number;
  /** Black-76 value at today's index (the base of the mark's move). */
  readonly modelValue: number;
  readonly parameters: BybitOptionParameters;
}

interface FutureLeg {
  readonly resolved: ResolvedPosition;
  readonly base: string;
  readonly quantity: number;
  readonly entry: number;
  readonly mark: number;
  readonly tiers: readonly SiloTier[];
}

interface UnifiedBook {
  readonly settle: string;
  readonly wallet: number;
  readonly futures: readonly FutureLeg[];
  readonly options: readonly OptionLeg[];
  /** Underlyings, and the price each is measured on now (the index, else a perpetual's mark). */
  readonly bases: readonly string[];
  readonly references: readonly number[];
}

export function bybitOptionAccountMargin(
  account: Account,
  venue: LinearVenue,
  context: MarginContext,
): AccountMargin {
  const book = unifiedBook(account, venue, context);
  const atMarks = evaluate(book, book.references);
  const nearest = perUnderlyingLiquidationPrices(book.bases, book.references, (prices) =>
    surplusOf(evaluate(book, prices)),
  );

  const futures: PositionMargin[] = book.futures.map((leg) => {
    const { resolved } = leg;
    const level = nearest(leg.base);
    const reference = book.references[book.bases.indexOf(leg.base)] ?? leg.mark;
    return {
      symbol: resolved.position.symbol,
      side: resolved.position.side,
      marginMode: MarginMode.cross,
      quantity: leg.quantity,
      markPrice: leg.mark,
      notional: resolved.notional.toNumber(),
      unrealizedPnl: resolved.unrealizedPnl.toNumber(),
      initialMargin: resolved.initialMargin?.toNumber() ?? null,
      maintenanceMargin: resolved.maintenanceMargin.toNumber(),
      maintenanceMarginRate: resolved.maintenanceMarginRate.toNumber(),
      maxLeverage: resolved.maxLeverage,
      tierSource: resolved.tierSource,
      tierOrigin: resolved.tierOrigin,
      tierTable: resolved.tierTable,
      liquidationPrice: level === null ? null : (level * leg.mark) / reference,
      liquidationMethod: 'numeric',
      referencePrice: leg.mark,
      ...(resolved.feeToClose !== undefined && {
        feeToClose: feeToCloseFigure(resolved.feeToClose),
      }),
    };
  });
  const options: PositionMargin[] = book.options.map((leg) => {
    const margin = bybitOptionLegMargin(leg);
    const notional = leg.quantity * leg.index;
    return {
      symbol: leg.position.symbol,
      side: leg.position.side,
      marginMode: MarginMode.cross,
      quantity: leg.quantity,
      markPrice: leg.mark,
      notional,
      unrealizedPnl: leg.sign * leg.quantity * (leg.mark - leg.entry),
      initialMargin: margin.initial,
      maintenanceMargin: margin.maintenance,
      maintenanceMarginRate: notional > 0 ? margin.maintenance / notional : 0,
      maxLeverage: 1,
      tierSource: `Bybit options standard margin (${leg.parameters.source})`,
      tierOrigin: TierOrigin.venueRule,
      tierTable: null,
      liquidationPrice: nearest(leg.base),
      liquidationMethod: 'numeric',
      referencePrice: leg.index,
    };
  });
  // Positions in the file's order.
  const bySymbol = new Map(
    [...futures, ...options].map((item) => [`${item.symbol} ${item.side}`, item]),
  );
  const positions = account.positions.map(
    (position) => bySymbol.get(`${position.symbol} ${position.side}`) as PositionMargin,
  );

  const equity = atMarks.marginBalance;
  const maintenance = positions.reduce((sum, item) => sum + item.maintenanceMargin, 0);
  return accountMarginOf({
    accountId: account.id,
    venue: account.venue,
    settle: book.settle,
    walletBalance: book.wallet,
    equity,
    maintenanceMargin: maintenance,
    positions,
  });
}

/** The account as one silo whose surplus (margin balance − MM) revalues options and perpetuals. */
export function bybitOptionAccountSilos(
  account: Account,
  venue: LinearVenue,
  context: MarginContext,
): MarginSilo[] {
  if (account.positions.length === 0) return [];
  const book = unifiedBook(account, venue, context);
  const atMarks = evaluate(book, book.references);
  // What can leave: margin balance above initial margin (a perpetual without its leverage at the
  // tier's maximum leverage, as collateral-units.ts does for linear silos).
  const initial =
    book.futures.reduce((sum, leg) => {
      const { resolved } = leg;
      return (
        sum +
        (resolved.initialMargin?.toNumber() ?? resolved.notional.toNumber() / resolved.maxLeverage)
      );
    }, 0) + book.options.reduce((sum, leg) => sum + bybitOptionLegMargin(leg).initial, 0);
  return [
    pooledSilo(account, {
      wallet: book.wallet,
      assets: book.bases,
      markPrices: book.references,
      surplus: (prices) => surplusOf(evaluate(book, prices)),
      freeCollateral: Math.max(0, atMarks.marginBalance - initial),
    }),
  ];
}

function unifiedBook(account: Account, venue: LinearVenue, context: MarginContext): UnifiedBook {
  const where = `account "${account.id}"`;
  if (account.marginMode !== MarginMode.cross) {
    throw new PortfolioError([
      `${where} marginMode: Bybit options are margined in a cross-margin Unified Trading Account; "${account.marginMode}" with options is not supported, use "cross"`,
    ]);
  }
  const settle = linearSettlementAsset(account, venue);
  const wallet = account.balances
    .filter((balance) => balance.asset === settle)
    .reduce((sum, balance) => sum + balance.total.toNumber(), 0);
  const futures: FutureLeg[] = [];
  const options: OptionLeg[] = [];
  for (const position of account.positions) {
    const at = `${where} position "${position.symbol}"`;
    if (position.marginMode === MarginMode.isolated) {
      throw new PortfolioError([
        `${at} marginMode: an account holding options is one cross-margin silo; move isolated positions to their own account`,
      ]);
    }
    const { instrument } = position;
    if (instrument.kind !== InstrumentKind.option) {
      const resolved = resolveLinearPosition(account, position, venue, context);
      const quantity = resolved.quantity.toNumber();
      futures.push({
        resolved,
        base: instrument.base,
        quantity,
        entry: position.entryPrice.toNumber(),
        mark: position.markPrice.toNumber(),
        tiers: tiersWithFeeToClose(resolved).map(toSiloTier),
      });
      continue;
    }
    options.push(bybitOptionLeg(account, position, instrument, context));
  }
  const bases = [...new Set(account.positions.map((position) => position.instrument.base))];
  const references = bases.map(
    (base) =>
      options.find((leg) => leg.base === base)?.index ??
      futures.find((leg) => leg.base === base)?.mark ??
      1,
  );
  return { settle, wallet, futures, options, bases, references };
}

/**
 * A Bybit option position as a leg these rules price: its margin parameters, the underlying's
 * index (market.prices), its mark IV and time to expiry at `asOf`, and its Black-76 value at
 * today's index; refuses an underlying without parameters or index, and an expired option.
 */
export function bybitOptionLeg(
  account: Account,
  position: Position,
  instrument: OptionInstrument,
  context: MarginContext,
): OptionLeg {
  const where = `account "${account.id}"`;
  const at = `${where} position "${position.symbol}"`;
  const parameters = bybitOptionParameters(instrument.base);
  if (!parameters) {
    throw new PortfolioError([
      `${at} symbol: Bybit publishes option margin parameters for ${bybitOptionUnderlyings().join(', ')} options only; ${instrument.base} options are not supported yet`,
    ]);
  }
  const index = context.underlyingPrice(instrument.base);
  if (index === undefined) {
    throw new PortfolioError([
      `market prices ${instrument.base}: ${where} holds ${instrument.base} options, which need the ${instrument.base} index price in market.prices`,
    ]);
  }
  const asOf = Date.parse(context.asOf);
  if (!(instrument.expiryTimeMs > asOf)) {
    throw new PortfolioError([
      `${at} symbol: the option expired (${instrument.expiry} 08:00 UTC) at or before asOf ${context.asOf}; remove it`,
    ]);
  }
  const timeToExpiry = yearsToExpiry(instrument.expiryTimeMs, asOf);
  const type = instrument.optionType;
  const strike = instrument.strike;
  const lognormalVol = optionMarkIv(position);
  return {
    position,
    base: instrument.base,
    sign: position.side === Side.long ? 1 : -1,
    quantity: position.contracts.mul(position.contractSize).toNumber(),
    type,
    strike,
    timeToExpiry,
    lognormalVol,
    mark: position.markPrice.toNumber(),
    entry: position.entryPrice.toNumber(),
    index,
    modelValue: black76Price({ type, forward: index, strike, timeToExpiry, lognormalVol }),
    parameters,
  };
}

/** The leg's standard margin now (index, mark and entry as given), in its settlement coin. */
export function bybitOptionLegMargin(leg: OptionLeg): { initial: number; maintenance: number } {
  return bybitOptionMargin({
    side: leg.position.side,
    type: leg.type,
    strike: leg.strike,
    index: leg.index,
    entry: leg.entry,
    mark: leg.mark,
    quantity: leg.quantity,
    parameters: leg.parameters,
  });
}

/**
 * A short leg's maintenance margin with the index moved by `ratio`: its mark moves by its Black-76
 * change at its mark IV, mark(S) = max(0, mark₀ + V(S) − V(S₀)), time held at `asOf`; a long
 * leg's is 0. In its settlement coin.
 */
export function bybitOptionLegMaintenanceAt(leg: OptionLeg, ratio: number): number {
  if (leg.sign > 0) return 0;
  const index = leg.index * ratio;
  const value = black76Price({
    type: leg.type,
    forward: index,
    strike: leg.strike,
    timeToExpiry: leg.timeToExpiry,
    lognormalVol: leg.lognormalVol,
  });
  const mark = Math.max(0, leg.mark + value - leg.modelValue);
  return bybitShortOptionMaintenance(index, mark, leg.quantity, leg.parameters);
}

interface Evaluation {
  readonly marginBalance: number;
  readonly maintenance: number;
}

/** Margin balance and MM with each underlying at `prices` (in `book.bases` order). */
function evaluate(book: UnifiedBook, prices: readonly number[]): Evaluation {
  let marginBalance = book.wallet;
  let maintenance = 0;
  const ratio = (base: string) => {
    const unit = book.bases.indexOf(base);
    const reference = book.references[unit] ?? 1;
    return (prices[unit] ?? reference) / reference;
  };
  for (const leg of book.futures) {
    const price = leg.mark * ratio(leg.base);
    const signed = leg.resolved.position.side === Side.long ? leg.quantity : -leg.quantity;
    marginBalance += signed * (price - leg.entry);
    maintenance += siloMaintenanceMargin(leg.tiers, leg.quantity * price);
  }
  for (const leg of book.options) maintenance += bybitOptionLegMaintenanceAt(leg, ratio(leg.base));
  return { marginBalance, maintenance };
}

function surplusOf(evaluation: Evaluation): number {
  return evaluation.marginBalance - evaluation.maintenance;
}
