import Decimal from 'decimal.js';
import { InstrumentKind, MarginMode, Side, type Account, type Instrument } from '../product/types';
import { PortfolioError } from '../portfolio/portfolio-error';
import type { MarginSilo } from '../risk/margin-silo';
import { linearLiquidationPrice } from './linear-liquidation-price';
import {
  linearIsolatedWallet,
  linearSettlementAsset,
  linearTieredAccountMargin,
  resolveLinearPosition,
  type LinearVenue,
  type ResolvedPosition,
} from './linear-tiered-account';
import { linearTieredSilos } from './linear-tiered-silos';
import type { AccountMargin } from './margin-types';
import { tierContains, type MaintenanceTier } from './tiers';
import type { MarginContext } from './venue-context';
import { crossHedgedPosition } from './cross-hedged-position';

/**
 * Gate USDT-margined perpetual futures (settle `usdt`), a classic futures account, cross or
 * isolated positions, one-way ("single") or dual (hedge) mode. BTC-settled (inverse) perpetuals,
 * delivery futures and Gate's unified (multi-currency / portfolio) margin are not computed: the
 * portfolio file's reader refuses the instruments, the adapter the account modes, by name.
 *
 * - Maintenance margin: the risk-limit tiers by position value in USDT, in the gradient form
 *   MM = value × MMR_tier − deduction (gate-tier-tables.ts). Precedence as for every linear venue
 *   (linear-tiered-account.ts): the position's tier in force > the file's table from the public
 *   `GET /api/v4/futures/usdt/risk_limit_tiers` > refusal naming both (no table is embedded:
 *   gate-tier-tables.ts).
 * - Liquidation price, Gate help centre "Calculation of Liquidation Price"
 *   (https://www.gate.com/help/futures/perpetual/22160/calculation-of-liquidation-price, quoted in
 *   freqtrade's exchange.py on 2022-12-31, and restated for USDT-margined perpetuals, cross and isolated, in Gate's blog
 *   "Gate Metal Contracts Liquidation Price Calculation",
 *   https://www.gate.com/blog/101350/gate-metal-futures-liquidation-price-manage-closing-risk-market-volatility,
 *   updated 2026-04-09, read in a stored copy of the gate.tv mirror):
 *     LP = (entry price ∓ margin / contract multiplier / size) / [1 ∓ (maintenance margin rate + taker fee rate)]
 *   "−" for a long, "+" for a short: liquidation where margin + unrealised P&L = MM + the taker fee
 *   to close at LP. Margin / multiplier / size is margin per base unit (size × multiplier = the
 *   quantity Q in base units). With the gradient tiers the deduction d adds to the margin:
 *     long  LP = (EP − (M + d)/Q) / (1 − (MMR + fee)),  short LP = (EP + (M + d)/Q) / (1 + (MMR + fee))
 *   with the tier that holds Q × LP (d = 0 in tier 1, where this is Gate's formula as published).
 *   Isolated: M is the position's margin. Cross: the blog gives M = the cross margin balance less
 *   the position's own unrealised P&L; with several cross symbols the engine holds the others at
 *   mark and counts their maintenance margin and fee to close too (equity = Σ (MM + fee × value)),
 *   which is Gate's formula for a single cross symbol. The fee is the position's `takerFeeRate`
 *   (the key's rate from `GET /api/v4/futures/usdt/fee`; 0 when a file leaves it out, the price then
 *   a little further from mark).
 * - Margin ratio: maintenance margin / equity as for every venue (Gate liquidates when the
 *   position's margin balance falls to its maintenance margin, help centre 22160 above).
 *
 * Where the engine's figure may differ from Gate's: Gate picks a position's tier by "the position
 * and open order value" (help centre 22162) — the engine knows no orders, so the position's value
 * alone.
 *
 * A symbol held both long and short in cross margin (dual mode): Gate's futures pages say "In
 * hedge mode, the calculation is based on the MMR of the higher-value position" (its futures
 * introduction page per contract, "Leverage and Margin", quoted above). That is not built: such
 * an account is refused by name, as Bitget's same case is (bitget.ts), rather than have each leg
 * tiered by its own value.
 */
export const GATE = 'gate';

/** USDT-margined perpetuals only (Gate's `futures/usdt`). */
export function gateSupportsInstrument(instrument: Instrument): boolean {
  return instrument.kind === InstrumentKind.linearPerpetual && instrument.settle === 'USDT';
}

/** Gate's contract name: `BTC/USDT:USDT` → `BTC_USDT`. */
export function gateContract(instrument: Instrument): string {
  return `${instrument.base}_${instrument.quote}`;
}

/**
 * Gate's liquidation price of one position (module doc) given `margin` — the isolated margin, or
 * for cross the margin the position has to lose — with its tiers (the one holding Q × LP is used)
 * and the taker fee rate. Null when no positive price liquidates it.
 */
export function gateLiquidationPrice(
  side: Side,
  quantity: Decimal,
  entryPrice: Decimal,
  margin: Decimal,
  tiers: readonly MaintenanceTier[],
  takerFeeRate: Decimal = new Decimal(0),
): Decimal | null {
  if (tiers.length === 0) throw new RangeError('gateLiquidationPrice requires at least one tier');
  // Margin + P&L − MM − fee × value rises with the price for a long (falls for a short), so at most
  // one tier's price lies in its own tier: that one is the liquidation price. The last tier also
  // takes values above its cap (tierForNotional's rule).
  for (const [index, tier] of tiers.entries()) {
    const rate = tier.maintenanceMarginRate.plus(takerFeeRate);
    const perUnit = margin.plus(tier.maintenanceAmount).div(quantity);
    const price =
      side === Side.long
        ? entryPrice.minus(perUnit).div(new Decimal(1).minus(rate))
        : entryPrice.plus(perUnit).div(new Decimal(1).plus(rate));
    if (price.lte(0)) continue;
    const value = quantity.mul(price);
    if (tierContains(tier, value) || (index === tiers.length - 1 && value.gt(tier.floor)))
      return price;
  }
  return null;
}

const GATE_VENUE: LinearVenue = {
  name: GATE,
  label: 'Gate',
  marketId: gateContract,
  tableEndpoint: 'public GET /api/v4/futures/usdt/risk_limit_tiers?contract=…; risk_limit in USDT',
  isolatedLiquidationChargesTakerFee: true,
  isolatedLiquidationPrice: (item: ResolvedPosition, isolatedWallet: Decimal) =>
    gateLiquidationPrice(
      item.position.side,
      item.quantity,
      item.position.entryPrice,
      isolatedWallet,
      item.tiers,
      item.position.takerFeeRate,
    ),
};

export function gateAccountMargin(account: Account, context: MarginContext): AccountMargin {
  refuseCrossHedgedSymbol(account);
  const margin = linearTieredAccountMargin(account, GATE_VENUE, context);
  const crossPrices = gateCrossLiquidationPrices(account, context);
  return {
    ...margin,
    positions: margin.positions.map((position, index) => {
      const price = crossPrices.get(index);
      return price === undefined ? position : { ...position, liquidationPrice: price };
    }),
  };
}

/**
 * The cross positions' liquidation prices with the taker fee to close (module doc), by position
 * index; a symbol's legs share one price. Empty when no cross position carries a fee rate (the
 * shared rule, equity = MM, is then Gate's with a fee of 0).
 */
function gateCrossLiquidationPrices(
  account: Account,
  context: MarginContext,
): Map<number, number | null> {
  const prices = new Map<number, number | null>();
  const resolved = account.positions.map((position) =>
    resolveLinearPosition(account, position, GATE_VENUE, context),
  );
  const cross = resolved
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => item.marginMode !== MarginMode.isolated);
  if (!cross.some(({ item }) => item.position.takerFeeRate?.gt(0) === true)) return prices;
  const settle = linearSettlementAsset(account, GATE_VENUE);
  const wallet = account.balances
    .filter((balance) => balance.asset === settle)
    .reduce((sum, balance) => sum.plus(balance.total), new Decimal(0));
  const crossWallet = resolved
    .filter((item) => item.marginMode === MarginMode.isolated)
    .reduce((sum, item) => sum.minus(linearIsolatedWallet(account, item)), wallet);
  const feeOf = (item: ResolvedPosition) => item.position.takerFeeRate ?? new Decimal(0);
  for (const symbol of new Set(cross.map(({ item }) => item.position.symbol))) {
    const own = cross.filter(({ item }) => item.position.symbol === symbol);
    const others = cross.filter(({ item }) => item.position.symbol !== symbol);
    const result = linearLiquidationPrice(
      own.map(({ item }) => ({
        side: item.position.side,
        quantity: item.quantity,
        entryPrice: item.position.entryPrice,
        tiers: withFee(item.tiers, feeOf(item)),
      })),
      {
        walletBalance: crossWallet,
        otherMaintenanceMargin: others.reduce(
          (sum, { item }) => sum.plus(item.maintenanceMargin).plus(item.notional.mul(feeOf(item))),
          new Decimal(0),
        ),
        otherUnrealizedPnl: others.reduce(
          (sum, { item }) => sum.plus(item.unrealizedPnl),
          new Decimal(0),
        ),
      },
    );
    for (const { index } of own) prices.set(index, result.price?.toNumber() ?? null);
  }
  return prices;
}

/** Tiers with the fee to close added to every rate (the deductions unchanged: MM + fee × value). */
function withFee(tiers: readonly MaintenanceTier[], fee: Decimal): MaintenanceTier[] {
  return tiers.map((tier) => ({
    ...tier,
    maintenanceMarginRate: tier.maintenanceMarginRate.plus(fee),
  }));
}

/**
 * Margin silos for path simulation (linear-tiered-silos.ts): the isolated silos charge the fee to
 * close already; the cross silo's positions are given it here, so paths liquidate where the
 * account's margin says.
 */
export function gateSilos(account: Account, context: MarginContext): MarginSilo[] {
  refuseCrossHedgedSymbol(account);
  return linearTieredSilos(account, GATE_VENUE, context).map((silo) => {
    if (silo.label !== 'cross') return silo;
    return {
      ...silo,
      positions: silo.positions.map((position, index) => {
        const fee =
          account.positions[silo.positionIndices[index] ?? -1]?.takerFeeRate?.toNumber() ?? 0;
        return fee === 0
          ? position
          : {
              ...position,
              tiers: position.tiers.map((tier) => ({ ...tier, rate: tier.rate + fee })),
            };
      }),
    };
  });
}

/** A symbol held both long and short in cross margin: Gate bases its MM on the larger leg's MMR. */
function refuseCrossHedgedSymbol(account: Account): void {
  const both = crossHedgedPosition(account);
  if (both === undefined) return;
  throw new PortfolioError([
    `account "${account.id}" position "${both.symbol}": held long and short in cross margin; in dual (hedge) mode Gate bases such a symbol's maintenance margin on the MMR of its higher-value leg (Gate's futures introduction page, "Leverage and Margin"), which is not built yet: close one leg`,
  ]);
}
