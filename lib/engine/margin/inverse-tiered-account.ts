import { PortfolioError } from '../portfolio/portfolio-error';
import { tierCombinations } from './tier-combinations';
import { accountMarginOf } from './account-margin-of';
import { MarginMode, Side, type Account, type Instrument, type Position } from '../product/types';
import type { MarginSilo } from '../risk/margin-silo';
import {
  feeToCloseFigure,
  type AccountMargin,
  type FeeToClose,
  type PositionMargin,
} from './margin-types';
import { solveLiquidationPrices } from './solve-liquidation-price';
import {
  TierBasis,
  TierOrigin,
  tierSizeOf,
  type TierChoice,
  type TierTable,
  type TierTableReference,
} from './tier-table';
import type { MarginContext } from './venue-context';
import { isInverseContract } from '../product/inverse-contract';
import { tierInForceFields, TierForm } from './tiers';

/**
 * The margin of an account of inverse (coin-margined) contracts, cross or isolated: contract
 * size CS in USD, money in coin.
 *
 *   notional (coin) = Q·CS/P,  MM = notional·MMR − cum + fee,  IM = notional / leverage + fee,
 *   uPnL = side·Q·CS·(1/EP − 1/P)
 *
 * (fee: the venue's estimated fee to close in coin where it charges one, Bybit's
 * `InverseVenue.feeToClose`, a constant of the leg — in the closed form below as cum − fee)
 *   LP = CS·(Σ Q·MMR + Σ side·Q) / (WB' + Σ cum + CS·Σ side·Q/EP),  WB' = WB − TMM1 + UPNL1
 *
 * summed over a symbol's legs: equity = MM at the liquidation price, other symbols of the silo at
 * mark (0 when isolated). This is Binance's COIN-M formula (research/methodology.md §1.4, checked
 * against Binance's calculator, B8); venues configure it (binance-coinm.ts, bybit.ts) and may give
 * their own isolated formula.
 *
 * Tiers: the position's own tier in force > the venue's table from the file's `tierTables`
 * (notional basis, in coin) > refusal; no inverse table is embedded. With a table, the tier is
 * the one that holds the notional at the liquidation price, as Binance's FAQ asks: every
 * combination of the legs' tiers is tried and the consistent one kept, else the price is found
 * numerically (solve-liquidation-price.ts). Cost: O(Π tiers per leg) per symbol.
 */
export interface InverseVenue {
  readonly name: string;
  /** The venue's name for people. */
  readonly label: string;
  /** The venue's market id of an instrument (`BTCUSD_PERP`, `BTCUSD`), for messages. */
  readonly marketId: (instrument: Instrument) => string;
  /** The venue's table endpoint, for the refusal message. */
  readonly tableEndpoint: string;
  /** How the venue's tiers read (tiers.ts); absent: with a maintenance amount (deduction). */
  readonly tierForm?: TierForm;
  /** The venue's own published closed form for an isolated leg (coin terms), used as published. */
  readonly isolatedLiquidationPrice?: (leg: CoinLeg, isolatedWallet: number) => number | null;
  /**
   * The venue's estimated fee to close a position, in coin, which it adds to the position's
   * initial and maintenance margin (Bybit: bybit-fee-to-close.ts). Absent: none.
   */
  readonly feeToClose?: (account: Account, position: Position) => FeeToClose;
}

/** An inverse perpetual or future quoted in USD and settled in its base coin. */
export function isInverseUsdContract(instrument: Instrument): boolean {
  return isInverseContract(instrument) && instrument.quote === 'USD';
}

/** A tier on coin notional: (floor, cap], cap Infinity for no bound; rates are fractions. */
export interface CoinTier {
  readonly floor: number;
  readonly cap: number;
  readonly rate: number;
  readonly amount: number;
  readonly maxLeverage: number;
}

export interface CoinLeg {
  readonly position: Position;
  readonly sign: number;
  readonly contracts: number;
  readonly contractSize: number;
  readonly entry: number;
  readonly mark: number;
  /** The tier at mark (or the one being tried): its rate and maintenance amount in coin. */
  readonly rate: number;
  readonly amount: number;
  readonly maxLeverage: number;
  /** Every tier that may apply; one for the position's own tier in force. */
  readonly tiers: readonly CoinTier[];
  readonly isolated: boolean;
  readonly tierSource: string;
  readonly tierOrigin: TierChoice['tierOrigin'];
  readonly tierTable: TierTableReference | null;
  /** The venue's fee to close in coin, in the leg's MM and IM at every price (0 where none). */
  readonly fee: number;
  readonly feeToClose?: FeeToClose;
}

/** The tier whose (floor, cap] holds a coin notional (the first for 0, the top above every cap). */
function tierAt(tiers: readonly CoinTier[], notional: number): CoinTier {
  const found = tiers.find((tier) => notional <= tier.cap);
  return found ?? (tiers[tiers.length - 1] as CoinTier);
}

function holds(tier: CoinTier, notional: number): boolean {
  return (tier.floor === 0 ? notional >= 0 : notional > tier.floor) && notional <= tier.cap;
}

function withTier(leg: CoinLeg, tier: CoinTier): CoinLeg {
  return { ...leg, rate: tier.rate, amount: tier.amount, maxLeverage: tier.maxLeverage };
}

/** Unrealised P&L and MM of a leg at price P, in coin, with the tier of the notional at P. */
export function legAt(
  leg: CoinLeg,
  price: number,
): { unrealized: number; maintenance: number; notional: number } {
  const notional = (leg.contracts * leg.contractSize) / price;
  const tier = leg.tiers.length === 1 ? leg : tierAt(leg.tiers, notional);
  return {
    unrealized: leg.sign * leg.contracts * leg.contractSize * (1 / leg.entry - 1 / price),
    maintenance: notional * tier.rate - tier.amount + leg.fee,
    notional,
  };
}

/** The closed form for legs each on one fixed tier (their `rate` and `amount`). */
function closedForm(legs: readonly CoinLeg[], adjustedWallet: number): number | null {
  const numerator = legs.reduce(
    (sum, leg) => sum + leg.contractSize * (leg.contracts * leg.rate + leg.sign * leg.contracts),
    0,
  );
  // (A fee to close is a constant of the leg's MM, like a negative maintenance amount.)
  const denominator = legs.reduce(
    (sum, leg) =>
      sum + leg.amount - leg.fee + (leg.contractSize * leg.sign * leg.contracts) / leg.entry,
    adjustedWallet,
  );
  if (denominator === 0) return null;
  const price = numerator / denominator;
  return price > 0 && Number.isFinite(price) ? price : null;
}

/**
 * The liquidation price of one symbol's legs (equity = MM, tier at that price); null when none is
 * positive.
 */
export function inverseLiquidationPrice(
  legs: readonly CoinLeg[],
  adjustedWallet: number,
): number | null {
  let sawPositive = false;
  for (const combination of tierCombinations(legs)) {
    const fixed = legs.map((leg, index) => withTier(leg, combination[index] as CoinTier));
    const price = closedForm(fixed, adjustedWallet);
    if (price === null) continue;
    sawPositive = true;
    const consistent = legs.every(
      (leg, index) =>
        leg.tiers.length === 1 ||
        holds(combination[index] as CoinTier, (leg.contracts * leg.contractSize) / price),
    );
    if (consistent) return price;
  }
  if (!sawPositive) return null;
  const mark = legs[0]?.mark ?? 1;
  const { below, above } = solveLiquidationPrices(
    (price) =>
      legs.reduce((sum, leg) => {
        const at = legAt(leg, price);
        return sum + at.unrealized - at.maintenance;
      }, adjustedWallet),
    mark,
  );
  if (below === null) return above;
  if (above === null) return below;
  return mark - below <= above - mark ? below : above;
}

/** A leg's tiers: its own tier in force > the file's venue table > refusal. */
function legTiers(
  account: Account,
  position: Position,
  venue: InverseVenue,
  context: MarginContext,
): Omit<TierChoice, 'tiers'> & { tiers: CoinTier[] } {
  // The file's reader requires the amount where the venue's tiers have one (account-schema.ts).
  if (position.maintenanceMarginRate !== undefined) {
    const tier: CoinTier = {
      floor: 0,
      cap: Number.POSITIVE_INFINITY,
      rate: position.maintenanceMarginRate.toNumber(),
      amount: position.maintenanceAmount?.toNumber() ?? 0,
      maxLeverage: position.maxLeverage ?? 1,
    };
    return {
      tiers: [tier],
      tierSource: 'position (venue tier in force)',
      tierOrigin: TierOrigin.position,
      tierTable: null,
    };
  }
  const table = context.tierTable?.(venue.name, position.symbol, account.id);
  if (table) return tiersOfTable(account, position, venue, table);
  throw new PortfolioError([
    `account "${account.id}" position "${position.symbol}": no embedded ${venue.name} tier table and no tierTables entry for ${venue.name} ${position.symbol}; add ${tierInForceFields(venue.tierForm ?? TierForm.deduction)} (the tier in force, any maintenance amount in coin), or the venue's table (${venue.tableEndpoint}) to the file's tierTables`,
  ]);
}

/**
 * The tiers a file table gives an inverse leg: every row of a notional (coin) table, or the one row
 * for the leg's size of a size table (OKX, USD = contracts × contract size). A partial table
 * refuses a position beyond its last row.
 */
function tiersOfTable(
  account: Account,
  position: Position,
  venue: InverseVenue,
  table: TierTable,
): Omit<TierChoice, 'tiers'> & { tiers: CoinTier[] } {
  const tiers = table.tiers.map((tier) => ({
    floor: tier.floor.toNumber(),
    cap: tier.cap === null ? Number.POSITIVE_INFINITY : tier.cap.toNumber(),
    rate: tier.maintenanceMarginRate.toNumber(),
    amount: tier.maintenanceAmount.toNumber(),
    maxLeverage: tier.maxLeverage,
  }));
  const from = `${venue.label} tier table from the file (${table.source}, ${table.asOf})`;
  const reference = { source: table.source, asOf: table.asOf };
  const size =
    table.basis === TierBasis.quantity
      ? tierSizeOf(account, position)
      : position.contracts.mul(position.contractSize).div(position.markPrice);
  const unit =
    table.basis === TierBasis.quantity ? position.instrument.quote : position.instrument.settle;
  const row = tiers.findIndex((tier) => holds(tier, size.toNumber()));
  // A size table's last row is the largest position it allows, complete or not (tier-table.ts).
  if (row < 0 && (!table.complete || table.basis === TierBasis.quantity)) {
    throw new PortfolioError([
      `account "${account.id}" position "${position.symbol}": ${table.basis === TierBasis.quantity ? 'size' : 'notional'} ${size.toString()} ${unit} is above the last row of the ${table.complete ? '' : 'partial '}${from}; add ${tierInForceFields(venue.tierForm ?? TierForm.deduction)} (the tier in force) to the position`,
    ]);
  }
  if (table.basis === TierBasis.notional)
    return { tiers, tierSource: from, tierOrigin: TierOrigin.venueTable, tierTable: reference };
  const index = row < 0 ? tiers.length - 1 : row;
  const tier = tiers[index] as CoinTier;
  return {
    tiers: [{ ...tier, floor: 0, cap: Number.POSITIVE_INFINITY }],
    tierSource: `${from}, tier ${index + 1} for ${size.toString()} ${unit}`,
    tierOrigin: TierOrigin.venueTable,
    tierTable: reference,
  };
}

/**
 * One inverse position as a leg of its account: its tiers (own tier in force > the file's table >
 * refusal), the tier at mark, its margin mode and the venue's fee to close.
 */
export function inverseCoinLeg(
  account: Account,
  position: Position,
  venue: InverseVenue,
  context: MarginContext,
): CoinLeg {
  const { tiers, ...choice } = legTiers(account, position, venue, context);
  const contracts = position.contracts.toNumber();
  const contractSize = position.contractSize.toNumber();
  const mark = position.markPrice.toNumber();
  const atMark = tierAt(tiers, (contracts * contractSize) / mark);
  const feeToClose = venue.feeToClose?.(account, position);
  return {
    position,
    sign: position.side === Side.long ? 1 : -1,
    contracts,
    contractSize,
    entry: position.entryPrice.toNumber(),
    mark,
    rate: atMark.rate,
    amount: atMark.amount,
    maxLeverage: atMark.maxLeverage,
    tiers,
    isolated: (position.marginMode ?? account.marginMode) === MarginMode.isolated,
    ...choice,
    fee: feeToClose?.amount.toNumber() ?? 0,
    ...(feeToClose !== undefined && { feeToClose }),
  };
}

function coinLegs(
  account: Account,
  venue: InverseVenue,
  context: MarginContext,
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
  const legs = account.positions.map((position) =>
    inverseCoinLeg(account, position, venue, context),
  );
  return {
    coin,
    wallet: account.balances.reduce((sum, balance) => sum + balance.total.toNumber(), 0),
    legs,
  };
}

/**
 * An isolated leg's margin: as given, else its initial margin at entry plus the venue's fee to
 * close, which the venue puts in the position's margin when it opens it (Bybit).
 */
function isolatedWallet(account: Account, leg: CoinLeg): number {
  if (leg.position.isolatedMargin !== undefined) return leg.position.isolatedMargin.toNumber();
  if (leg.position.leverage !== undefined)
    return (leg.contracts * leg.contractSize) / leg.entry / leg.position.leverage + leg.fee;
  throw new PortfolioError([
    `account "${account.id}" position "${leg.position.symbol}" isolatedMargin: an isolated position needs isolatedMargin (or leverage to derive it)`,
  ]);
}

/** An isolated leg's price: the venue's formula, with the tier that holds the notional there. */
function isolatedLiquidationPrice(
  leg: CoinLeg,
  wallet: number,
  venue: InverseVenue,
): number | null {
  const formula = venue.isolatedLiquidationPrice;
  if (!formula) return inverseLiquidationPrice([leg], wallet);
  if (leg.tiers.length === 1) return formula(leg, wallet);
  for (const tier of leg.tiers) {
    const price = formula(withTier(leg, tier), wallet);
    if (price !== null && holds(tier, (leg.contracts * leg.contractSize) / price)) return price;
  }
  return formula(leg, wallet);
}

/** An inverse leg's figures as the report shows them, in coin, at its mark. */
export function inverseLegMargin(
  leg: CoinLeg,
  liquidationPrice: number | null,
  liquidationMethod: PositionMargin['liquidationMethod'],
): PositionMargin {
  const atMark = legAt(leg, leg.mark);
  return {
    symbol: leg.position.symbol,
    side: leg.position.side,
    marginMode: leg.isolated ? MarginMode.isolated : MarginMode.cross,
    quantity: (leg.contracts * leg.contractSize) / leg.mark,
    markPrice: leg.mark,
    notional: atMark.notional,
    unrealizedPnl: atMark.unrealized,
    initialMargin:
      leg.position.leverage === undefined
        ? null
        : atMark.notional / leg.position.leverage + leg.fee,
    maintenanceMargin: atMark.maintenance,
    maintenanceMarginRate: leg.rate,
    maxLeverage: leg.maxLeverage,
    tierSource: leg.tierSource,
    tierOrigin: leg.tierOrigin,
    tierTable: leg.tierTable,
    liquidationPrice,
    liquidationMethod,
    referencePrice: leg.mark,
    ...(leg.feeToClose !== undefined && { feeToClose: feeToCloseFigure(leg.feeToClose) }),
  };
}

export function inverseTieredAccountMargin(
  account: Account,
  venue: InverseVenue,
  context: MarginContext,
): AccountMargin {
  const { coin, wallet, legs } = coinLegs(account, venue, context);
  const cross = legs.filter((leg) => !leg.isolated);
  const crossWallet = legs
    .filter((leg) => leg.isolated)
    .reduce((sum, leg) => sum - isolatedWallet(account, leg), wallet);
  const positions: PositionMargin[] = legs.map((leg) => {
    let price: number | null;
    if (leg.isolated) {
      price = isolatedLiquidationPrice(leg, isolatedWallet(account, leg), venue);
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
    return inverseLegMargin(leg, price, 'closed-form');
  });
  const equity = wallet + positions.reduce((sum, position) => sum + position.unrealizedPnl, 0);
  const maintenance = positions.reduce((sum, position) => sum + position.maintenanceMargin, 0);
  return accountMarginOf({
    accountId: account.id,
    venue: account.venue,
    settle: coin,
    walletBalance: wallet,
    equity,
    maintenanceMargin: maintenance,
    positions,
  });
}

/**
 * What can leave a silo: equity above initial margin, each leg's IM at its leverage, or at its
 * tier's maximum leverage when the leverage is unknown (1× when that is unknown too).
 */
function freeCollateral(members: readonly CoinLeg[], wallet: number): number {
  const equity = members.reduce((sum, leg) => sum + legAt(leg, leg.mark).unrealized, wallet);
  const initial = members.reduce(
    (sum, leg) =>
      sum + legAt(leg, leg.mark).notional / (leg.position.leverage ?? leg.maxLeverage) + leg.fee,
    0,
  );
  return Math.max(0, equity - initial);
}

/** One non-linear silo for the cross positions and one per isolated position, in coin. */
export function inverseTieredSilos(
  account: Account,
  venue: InverseVenue,
  context: MarginContext,
): MarginSilo[] {
  const { coin, wallet, legs } = coinLegs(account, venue, context);
  if (legs.length === 0) return [];
  const isolated = legs.filter((leg) => leg.isolated);
  const cross = legs.filter((leg) => !leg.isolated);
  const crossWallet = isolated.reduce((sum, leg) => sum - isolatedWallet(account, leg), wallet);
  const mark = legs[0]?.mark ?? 1;
  // Legs are the account's positions in order (coinLegs).
  const silo = (label: string, members: readonly CoinLeg[], siloWallet: number): MarginSilo => ({
    accountId: account.id,
    label,
    positionIndices: members.map((leg) => legs.indexOf(leg)),
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
