import Decimal from 'decimal.js';
import { PortfolioError } from '../portfolio/portfolio-error';
import { InstrumentKind, MarginMode, Side, type Account, type Instrument } from '../product/types';
import type { MarginSilo } from '../risk/margin-silo';
import {
  inverseTieredAccountMargin,
  inverseTieredSilos,
  isInverseUsdContract,
  type InverseVenue,
} from './inverse-tiered-account';
import {
  isLinearStablecoinContract,
  linearTieredAccountMargin,
  type LinearVenue,
  type ResolvedPosition,
} from './linear-tiered-account';
import { linearTieredSilos } from './linear-tiered-silos';
import {
  okxMultiCurrencyAccountMargin,
  okxMultiCurrencyAccountSilos,
  okxMultiCurrencyAssets,
  refuseOkxUnmarkedCurrencies,
} from './okx-multi-currency-account';
import { holdsOptions } from '../product/holds-options';
import { okxOptionAccountMargin, okxOptionAccountSilos } from './okx-option-account';
import { okxEmbeddedTierTable, OKX_TIER_TABLES } from './okx-tier-tables';
import { solveLiquidationPrices } from './solve-liquidation-price';
import type { AccountMargin } from './margin-types';
import type { MarginContext } from './venue-context';

/**
 * OKX (v5): linear USDT/USDC swaps and futures, cross, isolated and portfolio margin; inverse
 * (coin-margined) USD swaps and futures, cross and isolated. An account holds one kind or the
 * other.
 *
 * - Tiers: by position size in contracts, the tier's MMR on the whole position (no deduction):
 *   the position's tier in force (`mmr`) > the file's table from the public
 *   `/api/v5/public/position-tiers` (floor and cap in base units: contracts × ctVal) > the embedded
 *   dated tables of 30 USDT perpetuals (okx-tier-tables.ts) > refusal. Cross legs of a symbol count
 *   together, an isolated leg alone (linear-tiered-account.ts).
 * - Isolated liquidation price, OKX's margin-ratio rule: liquidation when the margin ratio falls
 *   to 100%, "account equity equal to or less than the required maintenance margin plus any
 *   applicable liquidation fees" (OKX help, "Tiered maintenance margin ratio rules", §1.1,
 *   updated 2025-05-16, https://www.okx.com/help/v-tiered-maintenance-margin-ratio-rules), the
 *   fee being the taker fee to close at the liquidation price:
 *     long  LP = (EP − WB/Q) / (1 − (MMR + taker)),  short LP = (EP + WB/Q) / (1 + (MMR + taker))
 *   with the position's `takerFeeRate` (the key's rate from `GET /api/v5/account/trade-fee`,
 *   okx-trade-fee.ts; 0 when a file leaves it out, the price then a little further from mark).
 *   Linear contracts only: the inverse rule below does not charge the fee yet, and a file's
 *   `takerFeeRate` on an inverse position is refused rather than ignored.
 * - Cross: equity = MM with the other positions at mark (linear-liquidation-price.ts).
 * - Multi-currency margin across currencies (a cross account holding or settling in more than one
 *   currency, with its currencies' USD prices, `collateralIndex`): one account in USD with OKX's discount-rate collateral,
 *   okx-multi-currency-account.ts.
 * - Options (coin-margined BTC-USD and ETH-USD) in a single-currency margin account, with the
 *   coin's inverse swaps and futures: okx-option-account.ts (OKX's "Option Margin" rule).
 * - Inverse (coin-margined) swaps, cross and isolated: the same margin-ratio rule with "÷ mark" in
 *   place of "× mark" (methodology §3.2): MM = contracts × ctVal / mark × MMR in coin, liquidation
 *   where equity = MM, i.e. the closed form of inverse-tiered-account.ts with no maintenance amount
 *   (taker fee 0, as above). Tiers by size in USD (contracts × ctVal); no inverse table is
 *   embedded, so a position carries its tier or the file brings OKX's table.
 * - Portfolio margin per risk unit (methodology §3.2–3.3; 2024-05 announcement for the structure,
 *   coefficients inferred from the position-builder example, exact on every digit of it):
 *     MMR = max(max(MR1, MR2, MR6) + MR3 + MR4 + MR5, MR7),  IMR = 1.3·MMR
 *   with, for linear swaps and futures (MR2, MR3, MR5 are option components, 0 here):
 *     MR1 = worst loss over the price grid ±range in range/3 steps,
 *     MR6 = ½ · worst loss at ±2·range,  MR4 = basis rate·|cash delta|,  MR7 = reduction rate·|cash delta|.
 */
export const OKX = 'okx';

export interface OkxRiskUnitParameters {
  readonly priceRange: number;
  readonly basisRate: number;
  readonly reductionRate: number;
  readonly source: string;
}

export const OKX_PM_PARAMETERS: Readonly<Record<string, OkxRiskUnitParameters>> = {
  BTC: {
    priceRange: 0.12,
    basisRate: 0.002,
    reductionRate: 0.0045,
    source: 'inferred from the position-builder API example (methodology §3.3 O1)',
  },
  LTC: {
    priceRange: 0.18,
    basisRate: 0.008,
    reductionRate: 0.007,
    source: 'inferred from the position-builder API example (methodology §3.3 O1)',
  },
};

export const OKX_IMR_FACTOR = 1.3;

export interface OkxRiskUnitMargin {
  readonly mr1: number;
  readonly mr4: number;
  readonly mr6: number;
  readonly mr7: number;
  readonly maintenance: number;
  readonly initial: number;
}

/**
 * One risk unit of linear positions: `valueAtIndex` the signed USD value of the unit's positions at
 * the index (P&L of a move m is valueAtIndex·m), `cashDelta` its USD delta at mark.
 */
export function okxRiskUnitMargin(
  valueAtIndex: number,
  cashDelta: number,
  parameters: OkxRiskUnitParameters,
): OkxRiskUnitMargin {
  const lossAt = (move: number) => Math.max(-valueAtIndex * move, valueAtIndex * move, 0);
  const grid = [1, 2, 3].map((step) => (parameters.priceRange * step) / 3);
  const mr1 = Math.max(...grid.map(lossAt));
  const mr6 = 0.5 * lossAt(2 * parameters.priceRange);
  const mr4 = parameters.basisRate * Math.abs(cashDelta);
  const mr7 = parameters.reductionRate * Math.abs(cashDelta);
  const maintenance = Math.max(Math.max(mr1, mr6) + mr4, mr7);
  return { mr1, mr4, mr6, mr7, maintenance, initial: OKX_IMR_FACTOR * maintenance };
}

/**
 * Linear USDT/USDC contracts, inverse USD contracts (coin-margined swaps and futures) and options
 * (coin-margined ones computed, others refused by name: okx-option-account.ts).
 */
export function okxSupportsInstrument(instrument: Instrument): boolean {
  return (
    isLinearStablecoinContract(instrument) ||
    isInverseUsdContract(instrument) ||
    instrument.kind === InstrumentKind.option
  );
}

/** OKX's isolated liquidation price with the taker fee rate (0 when unknown). */
export function okxIsolatedLiquidationPrice(
  side: Side,
  quantity: Decimal,
  entryPrice: Decimal,
  isolatedMargin: Decimal,
  maintenanceMarginRate: Decimal,
  takerFeeRate = new Decimal(0),
): Decimal | null {
  const rate = maintenanceMarginRate.plus(takerFeeRate);
  const perUnit = isolatedMargin.div(quantity);
  const price =
    side === Side.long
      ? entryPrice.minus(perUnit).div(new Decimal(1).minus(rate))
      : entryPrice.plus(perUnit).div(new Decimal(1).plus(rate));
  return price.gt(0) ? price : null;
}

/** OKX's instrument id: `BTC/USDT:USDT` → `BTC-USDT-SWAP`, futures `BTC-USDT-261225`. */
export function okxInstrumentId(instrument: Instrument): string {
  return `${instrument.base}-${instrument.quote}-${instrument.expiry ?? 'SWAP'}`;
}

const OKX_VENUE: LinearVenue = {
  name: OKX,
  label: 'OKX',
  marketId: okxInstrumentId,
  tierForm: OKX_TIER_TABLES.form,
  isolatedLiquidationChargesTakerFee: true,
  tableEndpoint:
    'public GET /api/v5/public/position-tiers; floor and cap in base units, contracts × ctVal',
  embeddedTierTable: (instrument) => okxEmbeddedTierTable(okxInstrumentId(instrument)),
  isolatedLiquidationPrice: (item: ResolvedPosition, isolatedWallet: Decimal) =>
    okxIsolatedLiquidationPrice(
      item.position.side,
      item.quantity,
      item.position.entryPrice,
      isolatedWallet,
      item.maintenanceMarginRate,
      item.position.takerFeeRate,
    ),
};

const OKX_INVERSE_VENUE: InverseVenue = {
  name: OKX,
  label: 'OKX',
  marketId: okxInstrumentId,
  tierForm: OKX_TIER_TABLES.form,
  tableEndpoint:
    'public GET /api/v5/public/position-tiers?instType=SWAP&instFamily=BTC-USD; floor and cap in USD, contracts × ctVal',
};

/**
 * Whether an OKX account holds inverse contracts (then all of them are, in cross or isolated
 * margin: portfolio margin of inverse contracts is not built).
 */
function isInverseAccount(account: Account): boolean {
  const inverse = account.positions.filter((position) =>
    isInverseUsdContract(position.instrument),
  ).length;
  if (inverse === 0) return false;
  if (inverse < account.positions.length) {
    throw new PortfolioError([
      `account "${account.id}": an OKX account here holds linear or inverse contracts, not both; split it in two`,
    ]);
  }
  if (account.marginMode === MarginMode.portfolio) {
    throw new PortfolioError([
      `account "${account.id}" marginMode: OKX portfolio margin of inverse (coin-margined) contracts is not supported yet; use "cross" or "isolated"`,
    ]);
  }
  const withFee = account.positions.find((position) => position.takerFeeRate !== undefined);
  if (withFee) {
    throw new PortfolioError([
      `account "${account.id}" position "${withFee.symbol}" takerFeeRate: OKX's liquidation with the fee to close is built for linear contracts only; leave it out for an inverse contract (its liquidation price is then the maintenance-margin one)`,
    ]);
  }
  return true;
}

/**
 * A portfolio-margin account as one silo: equity (wallet + Σ q·(P − EP)) less the sum of its risk
 * units' MMR, each position's price moving with its underlying's price (prices by base, in
 * `bases` order).
 */
function okxPortfolioBook(account: Account): {
  bases: string[];
  marks: number[];
  wallet: number;
  surplus: (prices: readonly number[]) => number;
  freeCollateral: number;
} {
  const legs = account.positions.map((position) => ({
    base: position.instrument.base,
    quantity:
      (position.side === Side.long ? 1 : -1) *
      position.contracts.mul(position.contractSize).toNumber(),
    entry: position.entryPrice.toNumber(),
    mark: position.markPrice.toNumber(),
  }));
  const bases = [...new Set(legs.map((leg) => leg.base))];
  const marks = bases.map((base) => legs.find((leg) => leg.base === base)?.mark ?? 1);
  const settle = account.positions[0]?.instrument.settle;
  const wallet = account.balances
    .filter((balance) => settle === undefined || balance.asset === settle)
    .reduce((sum, balance) => sum + balance.total.toNumber(), 0);
  for (const base of bases) {
    if (!OKX_PM_PARAMETERS[base])
      throw new PortfolioError([
        `account "${account.id}": no OKX portfolio-margin parameters for the ${base} risk unit (known: ${Object.keys(OKX_PM_PARAMETERS).join(', ')})`,
      ]);
  }
  const surplus = (prices: readonly number[]) => {
    let equity = wallet;
    let maintenance = 0;
    bases.forEach((base, unit) => {
      const ratio = (prices[unit] ?? marks[unit] ?? 1) / (marks[unit] ?? 1);
      let value = 0;
      for (const leg of legs) {
        if (leg.base !== base) continue;
        const price = leg.mark * ratio;
        equity += leg.quantity * (price - leg.entry);
        value += leg.quantity * price;
      }
      maintenance += okxRiskUnitMargin(
        value,
        value,
        OKX_PM_PARAMETERS[base] as OkxRiskUnitParameters,
      ).maintenance;
    });
    return equity - maintenance;
  };
  // What can leave the account: equity at mark above the units' IMR.
  const atMark = bases.map((base) =>
    legs.filter((leg) => leg.base === base).reduce((sum, leg) => sum + leg.quantity * leg.mark, 0),
  );
  const equityAtMark = legs.reduce(
    (sum, leg) => sum + leg.quantity * (leg.mark - leg.entry),
    wallet,
  );
  const initial = bases.reduce(
    (sum, base, unit) =>
      sum +
      okxRiskUnitMargin(
        atMark[unit] ?? 0,
        atMark[unit] ?? 0,
        OKX_PM_PARAMETERS[base] as OkxRiskUnitParameters,
      ).initial,
    0,
  );
  return { bases, marks, wallet, surplus, freeCollateral: Math.max(0, equityAtMark - initial) };
}

/**
 * Options are computed in a single-currency margin account (okx-option-account.ts); in a
 * multi-currency account they are refused by name.
 */
function isOptionAccount(account: Account): boolean {
  if (!holdsOptions(account)) return false;
  if (okxMultiCurrencyAssets(account) !== undefined) {
    throw new PortfolioError([
      `account "${account.id}": OKX options in a multi-currency margin account are not computed yet (their value and margin enter the USD adjusted equity at the coin's discount rate); they are computed in single-currency margin, one account per coin`,
    ]);
  }
  return true;
}

export function okxAccountMargin(account: Account, context: MarginContext): AccountMargin {
  if (isOptionAccount(account)) return okxOptionAccountMargin(account, OKX_INVERSE_VENUE, context);
  if (okxMultiCurrencyAssets(account) !== undefined)
    return okxMultiCurrencyAccountMargin(account, OKX_VENUE, context);
  refuseOkxUnmarkedCurrencies(account);
  if (isInverseAccount(account))
    return inverseTieredAccountMargin(account, OKX_INVERSE_VENUE, context);
  const margin = linearTieredAccountMargin(account, OKX_VENUE, context);
  if (account.marginMode !== MarginMode.portfolio) return margin;
  // Portfolio margin: one risk unit per underlying, marks standing in for the index; liquidation
  // where equity meets the units' MMR, moving one underlying at a time.
  const book = okxPortfolioBook(account);
  let maintenance = 0;
  let initial = 0;
  book.bases.forEach((base) => {
    const value = margin.positions
      .filter((position) => position.symbol.startsWith(`${base}/`))
      .reduce(
        (sum, position) => sum + (position.side === Side.long ? 1 : -1) * position.notional,
        0,
      );
    const result = okxRiskUnitMargin(
      value,
      value,
      OKX_PM_PARAMETERS[base] as OkxRiskUnitParameters,
    );
    maintenance += result.maintenance;
    initial += result.initial;
  });
  const positions = margin.positions.map((position) => {
    const unit = book.bases.findIndex((base) => position.symbol.startsWith(`${base}/`));
    const mark = book.marks[unit] ?? position.markPrice;
    const prices = solveLiquidationPrices(
      (price) => book.surplus(book.marks.map((other, index) => (index === unit ? price : other))),
      mark,
    );
    const nearest =
      prices.below === null
        ? prices.above
        : prices.above === null
          ? prices.below
          : mark - prices.below <= prices.above - mark
            ? prices.below
            : prices.above;
    const liquidationPrice = nearest === null ? null : (nearest * position.markPrice) / mark;
    return {
      ...position,
      liquidationPrice,
      liquidationMethod: 'numeric' as const,
      tierSource: `OKX portfolio margin (risk-unit MMR); per-position MM is the tier figure (${position.tierSource})`,
    };
  });
  return {
    ...margin,
    positions,
    maintenanceMargin: maintenance,
    initialMargin: initial,
    marginRatio:
      margin.equity > 0
        ? maintenance / margin.equity
        : maintenance > 0
          ? Number.POSITIVE_INFINITY
          : 0,
  };
}

export function okxSilos(account: Account, context: MarginContext): MarginSilo[] {
  if (isOptionAccount(account)) return okxOptionAccountSilos(account, OKX_INVERSE_VENUE, context);
  if (okxMultiCurrencyAssets(account) !== undefined)
    return okxMultiCurrencyAccountSilos(account, OKX_VENUE, context);
  if (isInverseAccount(account)) return inverseTieredSilos(account, OKX_INVERSE_VENUE, context);
  if (account.marginMode !== MarginMode.portfolio)
    return linearTieredSilos(account, OKX_VENUE, context);
  if (account.positions.length === 0) return [];
  const book = okxPortfolioBook(account);
  return [
    {
      accountId: account.id,
      label: 'cross',
      positionIndices: account.positions.map((_, index) => index),
      wallet: book.wallet,
      positions: [],
      nonlinear: { assets: book.bases, markPrices: book.marks, surplus: book.surplus },
      freeCollateral: book.freeCollateral,
    },
  ];
}
