import Decimal from 'decimal.js';
import { PortfolioError } from '../portfolio/portfolio-error';
import { MarginMode, Side, type Account, type Position } from '../product/types';
import type { FeeToClose } from './margin-types';

/**
 * Bybit's estimated fee to close a position: the taker fee on the position's value at its
 * bankruptcy price, which Bybit adds to the position's initial AND maintenance margin. Money in the
 * settlement asset (USDT/USDC for linear contracts, the coin for inverse ones); rates are
 * fractions (0.00055 for 0.055%).
 *
 * Sources (Bybit help center):
 * - "Initial Margin Calculation (USDC Perpetual & Futures)"
 *   (https://www.bybit.com/en/help-center/article/Initial-Margin-Calculation-USDC-Contract, the
 *   current version, undated, read 2026-12 from a stored mirror of the help center; the earlier
 *   https://help.bybit.com/hc/en-us/articles/4430167656729-Initial-Margin-Calculation-USDC-Contract-
 *   has the same fee with IM at entry and 0.06%: 13.50 and 2,513.50 long, 16.50 and 2,516.50
 *   short):
 *     long  Estimated Fee to Close Position = Position Size × Position Average Entry Price ×
 *           (1 − 1 / Leverage) × Taker Fee Rate
 *     short … × (1 + 1 / Leverage) × Taker Fee Rate
 *   "the initial margin shown in the position tab includes the taker fee, which may be incurred
 *   in closing the position": IM = Position Value / Leverage + that fee (worked example: 0.5 BTC
 *   at 50,000, 10x, mark 50,500, 0.055% → 12.375 and IM 2,537.375 long; 15.125 and 2,540.125
 *   short).
 * - "Maintenance Margin Calculation (USDC Contract)"
 *   (https://help.bybit.com/hc/en-us/articles/4431367679641-Maintenance-Margin-Calculation-USDC-Contract-,
 *   undated):
 *   "Maintenance Margin = Position Size × Position Average Price × Maintenance Margin Rate +
 *   Estimated Fee to Close Position" (1 BTC at 51,000, 10x, MMR 0.5%, 0.06% → 255 + 27.54).
 * - "Liquidation Price Calculation under Isolated Mode (Unified Trading Account)"
 *   (https://www.bybit.com/en/help-center/article/Liquidation-Price-Calculation-under-Isolated-Mode-Unified-Trading-Account,
 *   last updated 2026-05-27), inverse contracts: "Initial Margin = (Position Value / Leverage) +
 *   Estimated Fee to Close Position", "Maintenance Margin = (Position Value x MMR) − Maintenance
 *   Margin Deduction + Estimated Fee to Close Position", and the liquidation price with the extra
 *   margin divided by (1 ± Taker Fee Rate) (bybit.ts `bybitInverseIsolatedLiquidationPrice`).
 * - "Order Cost (USDT Contract)" (https://help.bybit.com/hc/en-us/articles/900000169703, undated): "Fee to
 *   close = (Quantity of contracts × Bankruptcy Price derived from Order Price) × Taker fee",
 *   bankruptcy price (long) = Entry Price × (1 − Initial Margin Rate) (8,000 at 50x, 0.075% →
 *   7,840 and 5.88).
 *
 * The bankruptcy price is where the position's margin is used up, the fee to close at that price
 * included. Leverage gives it when the margin is the position's initial margin plus that fee
 * (cross, and isolated as opened): EP × (1 ∓ 1/L) for linear contracts, and for inverse ones the
 * coin value Q/BP = Q/EP × (1 ± 1/L). An isolated position whose margin PM is known (extra margin
 * added, or funding taken) is bankrupt where PM + P&L = fee at that price:
 *   linear  long Q·BP = (Q·EP − PM)/(1 − f),   short Q·BP = (Q·EP + PM)/(1 + f)
 *   inverse long Q/BP = (Q/EP + PM)/(1 + f),   short Q/BP = (Q/EP − PM)/(1 − f)
 * which with PM = IM + fee + EM gives back the leverage form plus EM/(1 ∓ f) (linear) or
 * EM/(1 ± f) (inverse): the term of the 2026-05-27 inverse formula.
 *
 * A position without `takerFeeRate` is charged no fee (0): the report says so
 * (`feeToClose.takerFeeRate` null), and Bybit's own figures are then higher by the fee.
 * Cost: O(1).
 */

/**
 * The position's value at its bankruptcy price (quote × size for linear contracts, coin for
 * inverse ones) from its leverage, or from its isolated margin when the file gives one.
 */
function bankruptcyValue(
  account: Account,
  position: Position,
  inverse: boolean,
  takerFeeRate: Decimal,
): Decimal {
  const size = position.contracts.mul(position.contractSize);
  const isolated = (position.marginMode ?? account.marginMode) === MarginMode.isolated;
  if (isolated && position.isolatedMargin !== undefined) {
    const margin = position.isolatedMargin;
    const sign = position.side === Side.long ? 1 : -1;
    const atEntry = inverse ? size.div(position.entryPrice) : size.mul(position.entryPrice);
    // linear: (Q·EP ∓ PM)/(1 ∓ f); inverse: (Q/EP ± PM)/(1 ± f).
    const towards = inverse ? sign : -sign;
    const value = atEntry
      .plus(margin.mul(towards))
      .div(new Decimal(1).plus(takerFeeRate.mul(towards)));
    return Decimal.max(value, 0);
  }
  if (position.leverage === undefined) {
    throw new PortfolioError([
      `account "${account.id}" position "${position.symbol}" takerFeeRate: Bybit charges the fee to close at the bankruptcy price, entry × (1 ∓ 1/leverage); add the position's leverage${isolated ? ' or its isolatedMargin' : ''}`,
    ]);
  }
  return valueAtLeverage(
    position.side,
    size,
    position.entryPrice,
    new Decimal(position.leverage),
    inverse,
  );
}

/** Linear Q·EP·(1 ∓ 1/L), inverse Q/EP·(1 ± 1/L): the value at the leverage's bankruptcy price. */
function valueAtLeverage(
  side: Side,
  size: Decimal,
  entryPrice: Decimal,
  leverage: Decimal,
  inverse: boolean,
): Decimal {
  const sign = side === Side.long ? 1 : -1;
  const imr = new Decimal(1).div(leverage).mul(inverse ? sign : -sign);
  const atEntry = inverse ? size.div(entryPrice) : size.mul(entryPrice);
  return Decimal.max(atEntry.mul(new Decimal(1).plus(imr)), 0);
}

/**
 * Bybit's estimated fee to close `position` (linear or inverse, cross or isolated), in its
 * settlement asset: taker fee rate × value at the bankruptcy price; 0 without a rate.
 */
export function bybitFeeToClose(
  account: Account,
  position: Position,
  inverse: boolean,
): FeeToClose {
  const rate = position.takerFeeRate;
  if (rate === undefined || rate.isZero())
    return { amount: new Decimal(0), takerFeeRate: rate ?? null };
  return {
    amount: bankruptcyValue(account, position, inverse, rate).mul(rate),
    takerFeeRate: rate,
  };
}

/**
 * The fee to close at the bankruptcy price of the position's leverage (what the position's
 * initial margin adds, and an isolated position's margin holds when opened), for the
 * worked examples: linear size × EP × (1 ∓ 1/L) × f, inverse size/EP × (1 ± 1/L) × f.
 */
export function bybitFeeToCloseAtLeverage(
  side: Side,
  size: Decimal,
  entryPrice: Decimal,
  leverage: Decimal,
  takerFeeRate: Decimal,
  inverse = false,
): Decimal {
  return valueAtLeverage(side, size, entryPrice, leverage, inverse).mul(takerFeeRate);
}
