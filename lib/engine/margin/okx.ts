import Decimal from 'decimal.js';
import { PortfolioError } from '../portfolio/portfolio-error';
import { MarginMode, Side, type Account } from '../product/types';
import type { MarginSilo } from '../risk/margin-silo';
import {
  isLinearStablecoinContract,
  linearTieredAccountMargin,
  tierInForceRequired,
  type LinearVenue,
  type ResolvedPosition,
} from './linear-tiered-account';
import { linearTieredSilos } from './linear-tiered-silos';
import type { AccountMargin } from './margin-types';

/**
 * OKX (v5): linear USDT/USDC swaps and futures, cross, isolated and portfolio margin.
 *
 * - Tiers: the position tier in force (`mmr` of `/api/v5/public/position-tiers`, public), given
 *   on the position; no table is embedded.
 * - Isolated liquidation price, OKX's margin-ratio rule with the taker fee (freqtrade's
 *   implementation of OKX article 360053909592; methodology §3.2):
 *     long  LP = (EP − WB/Q) / (1 − (MMR + taker)),  short LP = (EP + WB/Q) / (1 + (MMR + taker))
 *   The taker fee rate is not part of the portfolio file yet, so it is 0 here (the price is then
 *   the MMR-only one, a little further from mark than OKX's).
 * - Cross: equity = MM with the other positions at mark (linear-liquidation-price.ts).
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

export const okxSupportsInstrument = isLinearStablecoinContract;

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

const OKX_VENUE: LinearVenue = {
  name: OKX,
  tiersFor: tierInForceRequired('OKX', 'the position tier in force (public position-tiers)'),
  isolatedLiquidationPrice: (item: ResolvedPosition, isolatedWallet: Decimal) =>
    okxIsolatedLiquidationPrice(
      item.position.side,
      item.quantity,
      item.position.entryPrice,
      isolatedWallet,
      item.maintenanceMarginRate,
    ),
};

export function okxAccountMargin(account: Account): AccountMargin {
  const margin = linearTieredAccountMargin(account, OKX_VENUE);
  if (account.marginMode !== MarginMode.portfolio) return margin;
  // Portfolio margin: one risk unit per underlying, marks standing in for the index.
  const units = new Map<string, { value: number; delta: number }>();
  for (const position of margin.positions) {
    const base = position.symbol.split('/')[0] ?? '';
    const signed = (position.side === Side.long ? 1 : -1) * position.notional;
    const unit = units.get(base) ?? { value: 0, delta: 0 };
    units.set(base, { value: unit.value + signed, delta: unit.delta + signed });
  }
  let maintenance = 0;
  let initial = 0;
  for (const [base, unit] of units) {
    const parameters = OKX_PM_PARAMETERS[base];
    if (!parameters)
      throw new PortfolioError([
        `account "${account.id}": no OKX portfolio-margin parameters for the ${base} risk unit (known: ${Object.keys(OKX_PM_PARAMETERS).join(', ')})`,
      ]);
    const result = okxRiskUnitMargin(unit.value, unit.delta, parameters);
    maintenance += result.maintenance;
    initial += result.initial;
  }
  return {
    ...margin,
    maintenanceMargin: maintenance,
    initialMargin: initial,
    marginRatio: margin.equity > 0 ? maintenance / margin.equity : Number.POSITIVE_INFINITY,
  };
}

export function okxSilos(account: Account): MarginSilo[] {
  return linearTieredSilos(account, OKX_VENUE);
}
