import Decimal from 'decimal.js';
import { PortfolioError } from '../portfolio/portfolio-error';
import {
  InstrumentKind,
  MarginMode,
  Side,
  type Account,
  type Instrument,
  type Position,
} from '../product/types';
import { linearLiquidationPrice, type LiquidationLeg } from './linear-liquidation-price';
import {
  feeToCloseFigure,
  type AccountMargin,
  type FeeToClose,
  type FeeToCloseFigure,
  type PositionMargin,
} from './margin-types';
import {
  TierBasis,
  TierOrigin,
  tierSizeOf,
  type TierChoice,
  type TierTable,
  type TierTableReference,
} from './tier-table';
import {
  tierContains,
  tierForNotional,
  tierInForceFields,
  TierForm,
  type MaintenanceTier,
} from './tiers';
import type { MarginContext } from './venue-context';

/**
 * The margin of an account of linear contracts with tiered maintenance margin, in one-way or
 * hedge mode, cross or isolated: each position's notional, unrealised P&L, initial margin
 * (notional / leverage) and maintenance margin (notional × MMR − maintenance amount, at mark),
 * both plus the venue's fee to close where it charges one as an amount (Bybit:
 * `LinearVenue.feeToClose`, a constant of the position folded into its tiers' maintenance
 * amounts), and the liquidation price of each symbol's silo (linear-liquidation-price.ts).
 * Venues configure it with their instruments, settlement assets and tiers: binance-usdm.ts,
 * bybit.ts, okx.ts, hyperliquid.ts.
 *
 * A position's tiers, in precedence order (tier-table.ts): its own tier in force
 * (`maintenanceMarginRate`, `maintenanceAmount`, `maxLeverage`, as the venue reported it) > the
 * venue's table for the symbol from the file (`tierTables`) > the venue's embedded dated table >
 * a refusal naming what to add. Size-based tables (OKX) pick the row for the position's size in
 * base units — all of the symbol's cross legs together, or the isolated leg alone — and charge its
 * rate on the whole notional, so the tier does not change with the price.
 * Units: the account's settlement asset (e.g. USDT, USDC).
 */
export interface LinearVenue {
  /** ccxt exchange id, for messages and for the file's `tierTables`. */
  readonly name: string;
  /** The venue's name for people ("Binance", "Bybit", "OKX"). */
  readonly label: string;
  /** The venue's own market id of an instrument (`BTCUSDT`, `BTC-USDT-SWAP`), for messages. */
  readonly marketId: (instrument: Instrument) => string;
  /** The venue's public table endpoint, for the refusal message. */
  readonly tableEndpoint: string;
  /** How the venue's tiers read (tiers.ts); absent: with a maintenance amount (deduction). */
  readonly tierForm?: TierForm;
  /** The embedded dated table for an instrument, where one is embedded. */
  readonly embeddedTierTable?: (instrument: Instrument) => TierTable | undefined;
  /** Venues whose maintenance margin follows a rule rather than tiers (Hyperliquid). */
  readonly tiersFor?: (account: Account, position: Position) => TierChoice;
  /**
   * Whether the venue liquidates an isolated position when its equity reaches the maintenance
   * margin plus the taker fee to close it (OKX), the position's `takerFeeRate` on its notional.
   */
  readonly isolatedLiquidationChargesTakerFee?: boolean;
  /**
   * Whether the venue's maintenance margin itself holds the taker fee to close, every tier's rate
   * raised by the position's `takerFeeRate` (Bitget: MM = Σ slice × (MMR_k + fee), bitget.ts), for
   * cross and isolated positions alike; the reported tier rate stays the venue's own.
   */
  readonly maintenanceChargesTakerFee?: boolean;
  /**
   * The venue's estimated fee to close a position, which it adds to the position's initial and
   * maintenance margin as an amount (Bybit: bybit-fee-to-close.ts), in the settlement asset.
   * Absent: none.
   */
  readonly feeToClose?: (account: Account, position: Position) => FeeToClose;
  /**
   * The venue's own isolated liquidation price, where it publishes one that differs from
   * equity = MM at the liquidation price (Bybit evaluates MM at entry). Absent: equity = MM.
   */
  readonly isolatedLiquidationPrice?: (
    item: ResolvedPosition,
    isolatedWallet: Decimal,
  ) => Decimal | null;
}

/** A linear perpetual or future settled in a USD stablecoin (USDT or USDC). */
export function isLinearStablecoinContract(instrument: Instrument): boolean {
  return (
    (instrument.kind === InstrumentKind.linearPerpetual ||
      instrument.kind === InstrumentKind.linearFuture) &&
    (instrument.settle === 'USDT' || instrument.settle === 'USDC')
  );
}

export interface ResolvedPosition {
  readonly position: Position;
  readonly marginMode: MarginMode;
  readonly quantity: Decimal;
  readonly notional: Decimal;
  readonly unrealizedPnl: Decimal;
  readonly tiers: readonly MaintenanceTier[];
  readonly tierSource: string;
  readonly tierOrigin: TierOrigin;
  readonly tierTable: TierTableReference | null;
  /** At mark, the venue's fee to close included. */
  readonly maintenanceMargin: Decimal;
  readonly maintenanceMarginRate: Decimal;
  readonly maxLeverage: number;
  /** Notional / leverage, plus the venue's fee to close; null when the leverage is unknown. */
  readonly initialMargin: Decimal | null;
  /** The venue's estimated fee to close, where its margin includes one (`LinearVenue.feeToClose`). */
  readonly feeToClose?: FeeToClose;
}

export function linearTieredAccountMargin(
  account: Account,
  venue: LinearVenue,
  context: MarginContext,
): AccountMargin {
  const settle = linearSettlementAsset(account, venue);
  const wallet = account.balances
    .filter((balance) => balance.asset === settle)
    .reduce((sum, balance) => sum.plus(balance.total), new Decimal(0));
  const resolved = account.positions.map((position) =>
    resolveLinearPosition(account, position, venue, context),
  );

  const isolatedWallets = resolved
    .filter((item) => item.marginMode === MarginMode.isolated)
    .map((item) => linearIsolatedWallet(account, item));
  const crossWallet = isolatedWallets.reduce((sum, value) => sum.minus(value), wallet);
  const cross = resolved.filter((item) => item.marginMode !== MarginMode.isolated);

  const liquidation = new Map<
    ResolvedPosition,
    { price: Decimal | null; method: 'closed-form' | 'numeric' }
  >();
  for (const symbol of new Set(cross.map((item) => item.position.symbol))) {
    const own = cross.filter((item) => item.position.symbol === symbol);
    const others = cross.filter((item) => item.position.symbol !== symbol);
    const result = linearLiquidationPrice(own.map(toLeg), {
      walletBalance: crossWallet,
      otherMaintenanceMargin: others.reduce(
        (sum, item) => sum.plus(item.maintenanceMargin),
        new Decimal(0),
      ),
      otherUnrealizedPnl: others.reduce(
        (sum, item) => sum.plus(item.unrealizedPnl),
        new Decimal(0),
      ),
    });
    for (const item of own) liquidation.set(item, result);
  }
  for (const item of resolved.filter((entry) => entry.marginMode === MarginMode.isolated)) {
    if (venue.isolatedLiquidationPrice) {
      liquidation.set(item, {
        price: venue.isolatedLiquidationPrice(item, linearIsolatedWallet(account, item)),
        method: 'closed-form',
      });
      continue;
    }
    const result = linearLiquidationPrice([toLeg(item)], {
      walletBalance: linearIsolatedWallet(account, item),
      otherMaintenanceMargin: new Decimal(0),
      otherUnrealizedPnl: new Decimal(0),
    });
    liquidation.set(item, result);
  }

  const positions: PositionMargin[] = resolved.map((item) => {
    const result = liquidation.get(item);
    return {
      symbol: item.position.symbol,
      side: item.position.side,
      marginMode: item.marginMode,
      quantity: item.quantity.toNumber(),
      markPrice: item.position.markPrice.toNumber(),
      notional: item.notional.toNumber(),
      unrealizedPnl: item.unrealizedPnl.toNumber(),
      initialMargin: item.initialMargin?.toNumber() ?? null,
      maintenanceMargin: item.maintenanceMargin.toNumber(),
      maintenanceMarginRate: item.maintenanceMarginRate.toNumber(),
      maxLeverage: item.maxLeverage,
      tierSource: item.tierSource,
      tierOrigin: item.tierOrigin,
      tierTable: item.tierTable,
      liquidationPrice: result?.price?.toNumber() ?? null,
      liquidationMethod: result?.method ?? 'closed-form',
      referencePrice: item.position.markPrice.toNumber(),
      ...feeToCloseShown(item, venue),
    };
  });

  const unrealized = resolved.reduce((sum, item) => sum.plus(item.unrealizedPnl), new Decimal(0));
  const equity = wallet.plus(unrealized);
  const maintenance = resolved.reduce(
    (sum, item) => sum.plus(item.maintenanceMargin),
    new Decimal(0),
  );
  const initialMargins = positions.map((position) => position.initialMargin);
  return {
    accountId: account.id,
    venue: account.venue,
    settle,
    walletBalance: wallet.toNumber(),
    equity: equity.toNumber(),
    initialMargin: initialMargins.some((value) => value === null)
      ? null
      : initialMargins.reduce<number>((sum, value) => sum + (value ?? 0), 0),
    maintenanceMargin: maintenance.toNumber(),
    marginRatio: marginRatio(maintenance, equity),
    positions,
  };
}

export function linearSettlementAsset(account: Account, venue: LinearVenue): string {
  const assets = new Set([
    ...account.positions.map((position) => position.instrument.settle),
    // (A zero balance line holds no asset.)
    ...account.balances
      .filter((balance) => !balance.total.isZero())
      .map((balance) => balance.asset),
  ]);
  if (assets.size > 1) {
    throw new PortfolioError([
      `account "${account.id}": positions and balances mix ${[...assets].join(', ')}; ${venue.name} multi-asset margin is not supported yet, so give each settlement asset its own account`,
    ]);
  }
  return [...assets][0] ?? 'USDT';
}

export function resolveLinearPosition(
  account: Account,
  position: Position,
  venue: LinearVenue,
  context: MarginContext,
): ResolvedPosition {
  const quantity = position.contracts.mul(position.contractSize);
  const notional = quantity.mul(position.markPrice);
  const direction = position.side === Side.long ? 1 : -1;
  const unrealizedPnl = quantity.mul(position.markPrice.minus(position.entryPrice)).mul(direction);
  const choice = positionTiers(account, position, venue, context);
  const fee = venue.maintenanceChargesTakerFee === true ? position.takerFeeRate : undefined;
  // The fee raises every tier's rate alike, so the maintenance amounts (the recursion's rate
  // differences) stay as they are.
  const tiers =
    fee === undefined || fee.isZero()
      ? choice.tiers
      : choice.tiers.map((row) => ({
          ...row,
          maintenanceMarginRate: row.maintenanceMarginRate.plus(fee),
        }));
  const tier = tierForNotional(tiers, notional);
  const feeToClose = venue.feeToClose?.(account, position);
  const closing = feeToClose?.amount ?? new Decimal(0);
  return {
    position,
    marginMode: position.marginMode ?? account.marginMode,
    quantity,
    notional,
    unrealizedPnl,
    ...choice,
    tiers,
    maintenanceMargin: notional
      .mul(tier.maintenanceMarginRate)
      .minus(tier.maintenanceAmount)
      .plus(closing),
    maintenanceMarginRate: tierForNotional(choice.tiers, notional).maintenanceMarginRate,
    maxLeverage: tier.maxLeverage,
    initialMargin:
      position.leverage === undefined ? null : notional.div(position.leverage).plus(closing),
    ...(feeToClose !== undefined && { feeToClose }),
  };
}

/**
 * The fee to close the report shows for a position: the venue's amount where its margin adds one
 * (Bybit, `LinearVenue.feeToClose`); where the taker fee is in every tier's rate instead
 * (`maintenanceChargesTakerFee`, Bitget), the part of the maintenance margin that is the fee,
 * notional × takerFeeRate (Σ slice × (MMR_k + fee) − Σ slice × MMR_k), inside
 * `maintenanceMargin` only — with the rate null and 0 when the position gave none, so that a
 * maintenance margin below the venue's for want of the fee is said, as for Bybit.
 */
function feeToCloseShown(
  item: ResolvedPosition,
  venue: LinearVenue,
): { feeToClose?: FeeToCloseFigure } {
  if (item.feeToClose !== undefined) return { feeToClose: feeToCloseFigure(item.feeToClose) };
  if (venue.maintenanceChargesTakerFee !== true) return {};
  const rate = item.position.takerFeeRate;
  return {
    feeToClose: feeToCloseFigure({
      amount: rate === undefined ? new Decimal(0) : item.notional.mul(rate),
      takerFeeRate: rate ?? null,
    }),
  };
}

/**
 * The position's tiers with its fee to close folded into each maintenance amount (MM = notional ×
 * rate − (amount − fee)), so that a liquidation price or a simulated silo charges the fee as the
 * venue does: a constant of the position, whatever the price.
 */
export function tiersWithFeeToClose(item: ResolvedPosition): readonly MaintenanceTier[] {
  const fee = item.feeToClose?.amount;
  if (fee === undefined || fee.isZero()) return item.tiers;
  return item.tiers.map((tier) => ({
    ...tier,
    maintenanceAmount: tier.maintenanceAmount.minus(fee),
  }));
}

/**
 * The position's tiers: its own tier in force > the file's venue table > the embedded table >
 * refusal (tier-table.ts).
 */
function positionTiers(
  account: Account,
  position: Position,
  venue: LinearVenue,
  context: MarginContext,
): TierChoice {
  // The file's reader requires the amount where the venue's tiers have one (account-schema.ts).
  if (position.maintenanceMarginRate !== undefined) {
    const tier: MaintenanceTier = {
      floor: new Decimal(0),
      cap: null,
      maintenanceMarginRate: position.maintenanceMarginRate,
      maintenanceAmount: position.maintenanceAmount ?? new Decimal(0),
      maxLeverage: position.maxLeverage ?? 1,
    };
    return {
      tiers: [tier],
      tierSource: 'position (venue tier in force)',
      tierOrigin: TierOrigin.position,
      tierTable: null,
    };
  }
  if (venue.tiersFor) return venue.tiersFor(account, position);
  const fromFile = context.tierTable?.(venue.name, position.symbol, account.id);
  if (fromFile) return tiersFromTable(account, position, venue, fromFile, TierOrigin.venueTable);
  const embedded = venue.embeddedTierTable?.(position.instrument);
  if (embedded) return tiersFromTable(account, position, venue, embedded, TierOrigin.embedded);
  throw new PortfolioError([
    `account "${account.id}" position "${position.symbol}": no embedded ${venue.label} tier table for ${venue.marketId(position.instrument)} and no tierTables entry for ${venue.name} ${position.symbol}; add ${tierInForceFields(venue.tierForm ?? TierForm.deduction)} (the tier in force) to the position, or the venue's table (${venue.tableEndpoint}) to the file's tierTables`,
  ]);
}

/**
 * The tiers a table gives a position. Notional tables give every row (the liquidation price picks
 * the row at that price); size tables give the one row for the position's size in base units.
 * A partial table refuses a notional beyond its last row; a size table refuses a size beyond its
 * last row whether or not it is complete (tier-table.ts `complete`), and a position counted in
 * other contracts than the ones the table was converted with (`contractValue`).
 */
function tiersFromTable(
  account: Account,
  position: Position,
  venue: LinearVenue,
  table: TierTable,
  origin: TierOrigin,
): TierChoice {
  const where = `account "${account.id}" position "${position.symbol}"`;
  const from =
    origin === TierOrigin.venueTable
      ? `${venue.label} tier table from the file (${table.source}, ${table.asOf})`
      : `embedded ${venue.label} tier table ${venue.marketId(position.instrument)} (${table.source}, ${table.asOf})`;
  const reference = { source: table.source, asOf: table.asOf };
  const last = table.tiers[table.tiers.length - 1];
  if (table.basis === TierBasis.notional) {
    const notional = position.contracts.mul(position.contractSize).mul(position.markPrice);
    if (!table.complete && last?.cap && notional.gt(last.cap)) {
      throw new PortfolioError([
        `${where}: notional ${notional.toString()} is above the last row (${last.cap.toString()}) of the partial ${from}; add ${tierInForceFields(venue.tierForm ?? TierForm.deduction)} (the tier in force) to the position`,
      ]);
    }
    return { tiers: table.tiers, tierSource: from, tierOrigin: origin, tierTable: reference };
  }
  const base = position.instrument.base;
  const inForce = tierInForceFields(venue.tierForm ?? TierForm.deduction);
  const contractValue = table.contractValue;
  if (
    contractValue !== undefined &&
    !position.contractSize.eq(1) &&
    !position.contractSize.eq(contractValue)
  ) {
    throw new PortfolioError([
      `${where}: its contract size ${position.contractSize.toString()} ${base} is not the contract value ${contractValue.toString()} ${base} the ${from} counts its tiers in (the venue may have changed it); give the size in ${base} or ${contractValue.toString()} ${base} contracts, or add ${inForce} (the tier in force) to the position`,
    ]);
  }
  const size = tierSizeOf(account, position);
  const index = table.tiers.findIndex((tier) => tierContains(tier, size));
  if (index < 0) {
    throw new PortfolioError([
      `${where}: size ${size.toString()} ${base} is above the last row (${last?.cap?.toString() ?? '?'}) of the ${table.complete ? '' : 'partial '}${from}, the largest position its tiers allow (check the position's contracts and contract size); add ${inForce} (the tier in force) to the position`,
    ]);
  }
  const row = index;
  const tier = table.tiers[row] as MaintenanceTier;
  return {
    tiers: [{ ...tier, floor: new Decimal(0), cap: null }],
    tierSource: `${from}, tier ${row + 1} for ${size.toString()} ${position.instrument.base}`,
    tierOrigin: origin,
    tierTable: reference,
  };
}

/**
 * The isolated wallet balance: as given, else the initial margin at entry (Q·EP / leverage) plus
 * the venue's fee to close, which the venue puts in the position's margin when it opens it (Bybit).
 */
export function linearIsolatedWallet(account: Account, item: ResolvedPosition): Decimal {
  const { position } = item;
  if (position.isolatedMargin !== undefined) return position.isolatedMargin;
  if (position.leverage !== undefined)
    return item.quantity
      .mul(position.entryPrice)
      .div(position.leverage)
      .plus(item.feeToClose?.amount ?? 0);
  throw new PortfolioError([
    `account "${account.id}" position "${position.symbol}" isolatedMargin: an isolated position needs isolatedMargin (or leverage to derive it)`,
  ]);
}

function toLeg(item: ResolvedPosition): LiquidationLeg {
  return {
    side: item.position.side,
    quantity: item.quantity,
    entryPrice: item.position.entryPrice,
    tiers: tiersWithFeeToClose(item),
  };
}

function marginRatio(maintenance: Decimal, equity: Decimal): number {
  if (equity.gt(0)) return maintenance.div(equity).toNumber();
  return maintenance.isZero() ? 0 : Number.POSITIVE_INFINITY;
}
