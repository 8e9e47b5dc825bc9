import { holdsOptions } from '../product/holds-options';
import Decimal from 'decimal.js';
import { PortfolioError } from '../portfolio/portfolio-error';
import { InstrumentKind, Side, type Account, type Instrument } from '../product/types';
import {
  inverseTieredAccountMargin,
  inverseTieredSilos,
  isInverseUsdContract,
  type CoinLeg,
  type InverseVenue,
} from './inverse-tiered-account';
import type { MarginSilo } from '../risk/margin-silo';
import { bybitOptionAccountMargin, bybitOptionAccountSilos } from './bybit-option-account';
import { bybitOptionMargin, bybitOptionParameters } from './bybit-option-margin';
import { bybitFeeToClose } from './bybit-fee-to-close';
import { bybitEmbeddedTierTable } from './bybit-tier-tables';
import {
  bybitUnifiedAccountMargin,
  bybitUnifiedAccountSilos,
  isBybitCrossCollateralAccount,
} from './bybit-unified-account';
import {
  isLinearStablecoinContract,
  linearTieredAccountMargin,
  type LinearVenue,
  type ResolvedPosition,
} from './linear-tiered-account';
import { linearTieredSilos } from './linear-tiered-silos';
import type { AccountMargin } from './margin-types';
import { tierForNotional } from './tiers';
import type { MarginContext } from './venue-context';

/**
 * Bybit (v5): linear USDT/USDC contracts (Unified Trading Account) and inverse USD contracts,
 * cross or isolated; an account holds one kind or the other.
 * Sources (research/methodology.md §2): margin-parameters page (MM = position value × MMR − MM
 * deduction; deduction recursion, Y6), "Liquidation Price (USDT Contract)" (isolated:
 * LP = EP ∓ (position margin − MM)/Q with MM at entry; Y1–Y3), "Liquidation Price Calculation
 * under Isolated Mode (UTA)" (inverse, two versions below; Y5), options spread article (Y7).
 * Cross (UTA): Bybit liquidates at account MM rate 100% and publishes no per-position price; the
 * price shown is where equity = MM with the other positions at mark. A cross account holding
 * linear options (USDC or USDT settled) beside linear perpetuals and futures follows
 * bybit-option-account.ts (option standard margin, one silo, numeric liquidation prices). Tiers: the position's risk
 * limit tier in force (maintenanceMarginRate, maintenanceAmount = MM deduction, as the position
 * list reports it) > the file's table from the public `/v5/market/risk-limit` > the embedded
 * dated USDT perpetual tables (bybit-tier-tables.ts, 19 majors) > refusal. Risk limits bound the position value
 * (notional in USDT, or in coin for inverse contracts).
 * A cross-margin Unified Trading Account holding more than one coin (collateral in other coins
 * than its contracts' settlement coin, or USDT and USDC contracts together) is one
 * cross-collateral account: bybit-unified-account.ts.
 * Fee to close: Bybit adds its estimated fee to close (taker fee × value at the bankruptcy price)
 * to every perpetual's and future's IM and MM, linear and inverse, cross and isolated, in the
 * regular and the unified account (bybit-fee-to-close.ts, with its sources), at the position's
 * `takerFeeRate` (the key's rate from `GET /v5/account/fee-rate`; 0 when a file leaves it out,
 * and the report's `feeToClose.takerFeeRate` is then null). Options carry none here.
 */
export const BYBIT = 'bybit';

/**
 * Linear USDT/USDC contracts, inverse USD contracts (Bybit's inverse derivatives) and options
 * settled in USDC or USDT (`BTC/USDC:USDC-YYMMDD-K-C|P`).
 */
export function bybitSupportsInstrument(instrument: Instrument): boolean {
  return (
    isLinearStablecoinContract(instrument) ||
    isInverseUsdContract(instrument) ||
    (instrument.kind === InstrumentKind.option &&
      instrument.settle === instrument.quote &&
      (instrument.settle === 'USDC' || instrument.settle === 'USDT'))
  );
}

/**
 * Bybit's USDT-contract isolated liquidation price: LP = EP − side·(PM − MM)/Q, with the position
 * margin PM (initial margin plus the fee to close it holds, added margin, less funding taken from
 * it) and MM = Q·EP·MMR − deduction + fee to close, evaluated at entry. The fee to close is the
 * one at PM's bankruptcy price (bybit-fee-to-close.ts); a position opened at leverage L with no
 * margin added holds that same fee in PM, so the fee cancels and LP = EP·(1 ∓ 1/L ± MMR) as in
 * Bybit's examples.
 */
export function bybitIsolatedLiquidationPrice(
  side: Side,
  quantity: Decimal,
  entryPrice: Decimal,
  positionMargin: Decimal,
  maintenanceMarginRate: Decimal,
  deduction: Decimal,
  feeToClose: Decimal = new Decimal(0),
): Decimal | null {
  const maintenance = quantity
    .mul(entryPrice)
    .mul(maintenanceMarginRate)
    .minus(deduction)
    .plus(feeToClose);
  const move = positionMargin.minus(maintenance).div(quantity);
  const price = side === Side.long ? entryPrice.minus(move) : entryPrice.plus(move);
  return price.gt(0) ? price : null;
}

/**
 * Inverse isolated liquidation price under UTA, as published ("Liquidation Price Calculation under
 * Isolated Mode (Unified Trading Account)", https://www.bybit.com/en/help-center/article/
 * Liquidation-Price-Calculation-under-Isolated-Mode-Unified-Trading-Account, last updated
 * 2026-05-27):
 *   long  LP = Qusd·(1 + MMR) / (Qusd/EP + Qusd/EP/L + EM/(1 + f) + MMD)
 *   short LP = Qusd·(1 − MMR) / (Qusd/EP − Qusd/EP/L − EM/(1 − f) − MMD)
 * (EM extra margin in coin, MMD the MM deduction in coin, f the taker fee rate; IM and MM both
 * hold the estimated fee to close, which cancels but for the extra margin's share).
 */
export function bybitInverseIsolatedLiquidationPrice(
  side: Side,
  notionalUsd: number,
  entryPrice: number,
  leverage: number,
  maintenanceMarginRate: number,
  extraMargin = 0,
  deduction = 0,
  takerFeeRate = 0,
): number | null {
  const value = notionalUsd / entryPrice;
  const price =
    side === Side.long
      ? (notionalUsd * (1 + maintenanceMarginRate)) /
        (value + value / leverage + extraMargin / (1 + takerFeeRate) + deduction)
      : (notionalUsd * (1 - maintenanceMarginRate)) /
        (value - value / leverage - extraMargin / (1 - takerFeeRate) - deduction);
  return price > 0 && Number.isFinite(price) ? price : null;
}

/**
 * The older version (2024-09-10) of the same article, kept for regression: MM at entry,
 *   long LP = Qusd / (PV + (IM − MM)),  short LP = Qusd / (PV − (IM − MM)),
 *   PV = Qusd/EP, IM = PV/L, MM = PV·MMR − MMD.
 */
export function bybitInverseIsolatedLiquidationPrice2024(
  side: Side,
  notionalUsd: number,
  entryPrice: number,
  leverage: number,
  maintenanceMarginRate: number,
  deduction = 0,
): number | null {
  const value = notionalUsd / entryPrice;
  const cushion = value / leverage - (value * maintenanceMarginRate - deduction);
  const price = notionalUsd / (side === Side.long ? value + cushion : value - cushion);
  return price > 0 && Number.isFinite(price) ? price : null;
}

/**
 * Cross-margin standard margin of a short USDC/USDT BTC put (Bybit options spread article, Y7):
 *   MM = [max(0.03·S, 0.03·mark) + mark + 0.2%·S]·qty
 *   IM = max([max(0.15·S − OTM, 0.1·S) + max(entry, mark)]·qty, MM),  OTM = max(S − K, 0)
 * with S the index and prices in USD — bybit-option-margin.ts with BTC's parameters.
 */
export function bybitShortPutMargin(
  index: number,
  strike: number,
  entry: number,
  mark: number,
  quantity: number,
): { initial: number; maintenance: number } {
  const parameters = bybitOptionParameters('BTC');
  if (!parameters) throw new RangeError('bybitShortPutMargin: no BTC option parameters');
  return bybitOptionMargin({
    side: Side.short,
    type: 'put',
    strike,
    index,
    entry,
    mark,
    quantity,
    parameters,
  });
}

/** Bybit's market id: `BTC/USDT:USDT` → `BTCUSDT`, `BTC/USD:BTC` → `BTCUSD`. */
export function bybitMarketId(instrument: Instrument): string {
  return `${instrument.base}${instrument.quote}`;
}

const BYBIT_VENUE: LinearVenue = {
  name: BYBIT,
  label: 'Bybit',
  marketId: bybitMarketId,
  tableEndpoint: 'public GET /v5/market/risk-limit; maintenanceAmount is the MM deduction',
  embeddedTierTable: (instrument) =>
    instrument.expiry === undefined ? bybitEmbeddedTierTable(bybitMarketId(instrument)) : undefined,
  feeToClose: (account, position) => bybitFeeToClose(account, position, false),
  // Bybit's formula evaluates MM at entry: the risk-limit tier of the entry value.
  isolatedLiquidationPrice: (item: ResolvedPosition, isolatedWallet: Decimal) => {
    const atEntry = tierForNotional(item.tiers, item.quantity.mul(item.position.entryPrice));
    return bybitIsolatedLiquidationPrice(
      item.position.side,
      item.quantity,
      item.position.entryPrice,
      isolatedWallet,
      atEntry.maintenanceMarginRate,
      atEntry.maintenanceAmount,
      item.feeToClose?.amount,
    );
  },
};

/**
 * Inverse isolated legs use the current UTA formula (2026-05-27) in position-margin form, PM the
 * position's margin in coin (IM + fee to close + extra margin, as Bybit's positionIM reports it),
 * f the taker fee rate: the MM's fee to close is f × N/BP with N/BP = (N/EP ± PM)/(1 ± f)
 * (bybit-fee-to-close.ts), so equity = MM at LP reads
 *   long  LP = N·(1 + MMR) / ((N/EP + PM)/(1 + f) + MMD)
 *   short LP = N·(1 − MMR) / ((N/EP − PM)/(1 − f) − MMD)
 * — with PM = N/EP/L + f·N/EP·(1 ± 1/L) + EM this is bybitInverseIsolatedLiquidationPrice,
 * EM/(1 ± f) and all (Y5 with f = 0).
 */
const BYBIT_INVERSE_VENUE: InverseVenue = {
  name: BYBIT,
  label: 'Bybit',
  marketId: bybitMarketId,
  tableEndpoint: 'public GET /v5/market/risk-limit?category=inverse; notional in coin',
  feeToClose: (account, position) => bybitFeeToClose(account, position, true),
  isolatedLiquidationPrice: (leg: CoinLeg, positionMargin: number) => {
    const notional = leg.contracts * leg.contractSize;
    const fee = leg.position.takerFeeRate?.toNumber() ?? 0;
    const price =
      leg.sign > 0
        ? (notional * (1 + leg.rate)) /
          ((notional / leg.entry + positionMargin) / (1 + fee) + leg.amount)
        : (notional * (1 - leg.rate)) /
          ((notional / leg.entry - positionMargin) / (1 - fee) - leg.amount);
    return price > 0 && Number.isFinite(price) ? price : null;
  },
};

/** A Bybit account holds either linear or inverse contracts (UTA vs the inverse derivatives account). */
function isInverseAccount(account: Account): boolean {
  const inverse = account.positions.filter((position) =>
    isInverseUsdContract(position.instrument),
  ).length;
  if (inverse > 0 && inverse < account.positions.length) {
    throw new PortfolioError([
      `account "${account.id}": a Bybit account holds linear or inverse contracts, not both; split it in two`,
    ]);
  }
  return inverse > 0;
}

export function bybitAccountMargin(account: Account, context: MarginContext): AccountMargin {
  if (isBybitCrossCollateralAccount(account))
    return bybitUnifiedAccountMargin(account, BYBIT_VENUE, context);
  if (!isInverseAccount(account) && holdsOptions(account))
    return bybitOptionAccountMargin(account, BYBIT_VENUE, context);
  return isInverseAccount(account)
    ? inverseTieredAccountMargin(account, BYBIT_INVERSE_VENUE, context)
    : linearTieredAccountMargin(account, BYBIT_VENUE, context);
}

export function bybitSilos(account: Account, context: MarginContext): MarginSilo[] {
  if (isBybitCrossCollateralAccount(account))
    return bybitUnifiedAccountSilos(account, BYBIT_VENUE, context);
  if (!isInverseAccount(account) && holdsOptions(account))
    return bybitOptionAccountSilos(account, BYBIT_VENUE, context);
  return isInverseAccount(account)
    ? inverseTieredSilos(account, BYBIT_INVERSE_VENUE, context)
    : linearTieredSilos(account, BYBIT_VENUE, context);
}
