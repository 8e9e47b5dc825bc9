import { PortfolioError } from '../portfolio/portfolio-error';
import {
  InstrumentKind,
  MarginMode,
  Side,
  type Account,
  type Instrument,
  type Position,
} from '../product/types';
import type { MarginSilo } from '../risk/margin-silo';
import type { AccountMargin, PositionMargin } from './margin-types';

/**
 * The margin of an account of inverse (coin-margined) contracts with the tier in force on each
 * position, cross or isolated: contract size CS in USD, money in coin.
 *
 *   notional (coin) = Q·CS/P,  MM = notional·MMR − cum,  IM = notional / leverage,
 *   uPnL = side·Q·CS·(1/EP − 1/P)
 *   LP = CS·(Σ Q·MMR + Σ side·Q) / (WB' + Σ cum + CS·Σ side·Q/EP),  WB' = WB − TMM1 + UPNL1
 *
 * summed over a symbol's legs: equity = MM at the liquidation price, other symbols of the silo at
 * mark (0 when isolated). This is Binance's COIN-M formula (research/methodology.md §1.4, checked
 * against Binance's calculator, B8); venues configure it (binance-coinm.ts, bybit.ts) and may give
 * their own isolated formula. No bracket tables are embedded: each position carries its tier.
 */
export interface InverseVenue {
  readonly name: string;
  /** The venue's own published closed form for an isolated leg (coin terms), used as published. */
  readonly isolatedLiquidationPrice?: (leg: CoinLeg, isolatedWallet: number) => number | null;
}

/** An inverse perpetual or future quoted in USD and settled in its base coin. */
export function isInverseUsdContract(instrument: Instrument): boolean {
  return (
    (instrument.kind === InstrumentKind.inversePerpetual ||
      instrument.kind === InstrumentKind.inverseFuture) &&
    instrument.quote === 'USD'
  );
}

export interface CoinLeg {
  readonly position: Position;
  readonly sign: number;
  readonly contracts: number;
  readonly contractSize: number;
  readonly entry: number;
  readonly mark: number;
  readonly rate: number;
  readonly amount: number;
  readonly isolated: boolean;
}

/** Unrealised P&L and MM of a leg at price P, in coin. */
function legAt(
  leg: CoinLeg,
  price: number,
): { unrealized: number; maintenance: number; notional: number } {
  const notional = (leg.contracts * leg.contractSize) / price;
  return {
    unrealized: leg.sign * leg.contracts * leg.contractSize * (1 / leg.entry - 1 / price),
    maintenance: notional * leg.rate - leg.amount,
    notional,
  };
}

/** The closed-form liquidation price of one symbol's legs; null when none is positive. */
export function inverseLiquidationPrice(
  legs: readonly CoinLeg[],
  adjustedWallet: number,
): number | null {
  const numerator = legs.reduce(
    (sum, leg) => sum + leg.contractSize * (leg.contracts * leg.rate + leg.sign * leg.contracts),
    0,
  );
  const denominator = legs.reduce(
    (sum, leg) => sum + leg.amount + (leg.contractSize * leg.sign * leg.contracts) / leg.entry,
    adjustedWallet,
  );
  if (denominator === 0) return null;
  const price = numerator / denominator;
  return price > 0 ? price : null;
}

function coinLegs(
  account: Account,
  venue: InverseVenue,
): { coin: string; wallet: number; legs: CoinLeg[] } {
  const coins = new Set([
    ...account.positions.map((position) => position.instrument.settle),
    ...account.balances.map((balance) => balance.asset),
  ]);
  if (coins.size > 1)
    throw new PortfolioError([
      `account "${account.id}": an inverse account on ${venue.name} is margined in one coin; it mixes ${[...coins].join(', ')}`,
    ]);
  const coin = [...coins][0] ?? 'BTC';
  const legs = account.positions.map((position): CoinLeg => {
    if (position.maintenanceMarginRate === undefined || position.maintenanceAmount === undefined) {
      throw new PortfolioError([
        `account "${account.id}" position "${position.symbol}": no embedded ${venue.name} tier table; add maintenanceMarginRate and maintenanceAmount (the tier in force, maintenance amount in coin)`,
      ]);
    }
    return {
      position,
      sign: position.side === Side.long ? 1 : -1,
      contracts: position.contracts.toNumber(),
      contractSize: position.contractSize.toNumber(),
      entry: position.entryPrice.toNumber(),
      mark: position.markPrice.toNumber(),
      rate: position.maintenanceMarginRate.toNumber(),
      amount: position.maintenanceAmount.toNumber(),
      isolated: (position.marginMode ?? account.marginMode) === MarginMode.isolated,
    };
  });
  return {
    coin,
    wallet: account.balances.reduce((sum, balance) => sum + balance.total.toNumber(), 0),
    legs,
  };
}

function isolatedWallet(account: Account, leg: CoinLeg): number {
  if (leg.position.isolatedMargin !== undefined) return leg.position.isolatedMargin.toNumber();
  if (leg.position.leverage !== undefined)
    return (leg.contracts * leg.contractSize) / leg.entry / leg.position.leverage;
  throw new PortfolioError([
    `account "${account.id}" position "${leg.position.symbol}" isolatedMargin: an isolated position needs isolatedMargin (or leverage to derive it)`,
  ]);
}

export function inverseTieredAccountMargin(account: Account, venue: InverseVenue): AccountMargin {
  const { coin, wallet, legs } = coinLegs(account, venue);
  const cross = legs.filter((leg) => !leg.isolated);
  const crossWallet = legs
    .filter((leg) => leg.isolated)
    .reduce((sum, leg) => sum - isolatedWallet(account, leg), wallet);
  const positions: PositionMargin[] = legs.map((leg) => {
    const atMark = legAt(leg, leg.mark);
    let price: number | null;
    if (leg.isolated) {
      price = venue.isolatedLiquidationPrice
        ? venue.isolatedLiquidationPrice(leg, isolatedWallet(account, leg))
        : inverseLiquidationPrice([leg], isolatedWallet(account, leg));
    } else {
      const own = cross.filter((other) => other.position.symbol === leg.position.symbol);
      const others = cross
        .filter((other) => other.position.symbol !== leg.position.symbol)
        .map((other) => legAt(other, other.mark));
      const adjusted =
        crossWallet -
        others.reduce((sum, other) => sum + other.maintenance, 0) +
        others.reduce((sum, other) => sum + other.unrealized, 0);
      price = inverseLiquidationPrice(own, adjusted);
    }
    return {
      symbol: leg.position.symbol,
      side: leg.position.side,
      marginMode: leg.isolated ? MarginMode.isolated : MarginMode.cross,
      quantity: (leg.contracts * leg.contractSize) / leg.mark,
      markPrice: leg.mark,
      notional: atMark.notional,
      unrealizedPnl: atMark.unrealized,
      initialMargin:
        leg.position.leverage === undefined ? null : atMark.notional / leg.position.leverage,
      maintenanceMargin: atMark.maintenance,
      maintenanceMarginRate: leg.rate,
      maxLeverage: leg.position.maxLeverage ?? 1,
      tierSource: 'position (venue tier in force)',
      liquidationPrice: price,
      liquidationMethod: 'closed-form',
      referencePrice: leg.mark,
    };
  });
  const equity = wallet + positions.reduce((sum, position) => sum + position.unrealizedPnl, 0);
  const maintenance = positions.reduce((sum, position) => sum + position.maintenanceMargin, 0);
  const initials = positions.map((position) => position.initialMargin);
  return {
    accountId: account.id,
    venue: account.venue,
    settle: coin,
    walletBalance: wallet,
    equity,
    initialMargin: initials.some((value) => value === null)
      ? null
      : initials.reduce<number>((sum, value) => sum + (value ?? 0), 0),
    maintenanceMargin: maintenance,
    marginRatio: equity > 0 ? maintenance / equity : maintenance > 0 ? Number.POSITIVE_INFINITY : 0,
    positions,
  };
}

/**
 * What can leave a silo: equity above initial margin, each leg's IM at its leverage, or at its
 * tier's maximum leverage when the leverage is unknown (1× when that is unknown too).
 */
function freeCollateral(members: readonly CoinLeg[], wallet: number): number {
  const equity = members.reduce((sum, leg) => sum + legAt(leg, leg.mark).unrealized, wallet);
  const initial = members.reduce(
    (sum, leg) =>
      sum +
      legAt(leg, leg.mark).notional / (leg.position.leverage ?? leg.position.maxLeverage ?? 1),
    0,
  );
  return Math.max(0, equity - initial);
}

/** One non-linear silo for the cross positions and one per isolated position, in coin. */
export function inverseTieredSilos(account: Account, venue: InverseVenue): MarginSilo[] {
  const { coin, wallet, legs } = coinLegs(account, venue);
  if (legs.length === 0) return [];
  const isolated = legs.filter((leg) => leg.isolated);
  const cross = legs.filter((leg) => !leg.isolated);
  const crossWallet = isolated.reduce((sum, leg) => sum - isolatedWallet(account, leg), wallet);
  const mark = legs[0]?.mark ?? 1;
  const silo = (label: string, members: readonly CoinLeg[], siloWallet: number): MarginSilo => ({
    accountId: account.id,
    label,
    wallet: siloWallet,
    positions: [],
    freeCollateral: freeCollateral(members, siloWallet),
    nonlinear: {
      assets: [coin],
      markPrices: [mark],
      // Every leg's price moves with the coin by the same ratio.
      surplus: ([price = mark]) =>
        members.reduce((sum, leg) => {
          const at = legAt(leg, (leg.mark * price) / mark);
          return sum + at.unrealized - at.maintenance;
        }, siloWallet),
    },
  });
  return [
    ...isolated.map((leg) =>
      silo(`${leg.position.symbol} isolated`, [leg], isolatedWallet(account, leg)),
    ),
    ...(cross.length > 0 ? [silo('cross', cross, crossWallet)] : []),
  ];
}
