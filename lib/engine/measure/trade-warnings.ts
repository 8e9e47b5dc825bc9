import { TierOrigin } from '../margin/tier-table';
import { instrumentName } from '../product/instrument-name';
import { parseSymbol } from '../product/parse-symbol';
import type { Position } from '../product/types';
import type { AppliedOrder, CandidateOrder } from './apply-order';
import { OrderType } from './apply-order';
import { formatMoney, formatPercent, formatPrice } from './format-figures';
import type { RiskReport } from './risk-report-types';
import {
  TradeWarningKind,
  type AccountFigures,
  type FirstToDieWarning,
  type NearerLiquidationWarning,
  type PositionFigures,
  type TradeWarning,
} from './trade-impact-types';

/**
 * What a trader must know before placing an order, each a kind with its figures (views word them:
 * lib/format/trade-warning-words.ts) and the engine's sentence (`message`, for the CLI and JSON:
 * prices and rates rounded for people, instruments by name, accounts by the file's id):
 * - liquidated at once: the account's maintenance margin reaches its equity after the fill;
 * - beyond liquidation: the order fills at or past the position's new liquidation price;
 * - liquidated before fill: a resting limit or stop that the market reaches only after passing
 *   the position's current liquidation price (a stop-loss set too far);
 * - does not fit: the available balance (margin balance − initial margin) falls below zero;
 * - tier changes / tier assumed: the position moves to another row of the venue's tier table, or
 *   the venue's table for the new size is unknown and the reported tier was kept. A venue with no
 *   tier table (`TierOrigin.venueRule`) never changes tier: Deribit's futures rate grows with the
 *   size (1.5% + 0.5% per 100 BTC, deribit-standard.ts) and Bybit's option rate with the price,
 *   so a different rate there is not a tier;
 * - nearer liquidation: the account's nearest liquidation (any leg) comes at least a quarter
 *   nearer, or appears (closing one leg of a hedge in the same account);
 * - first to die: after the order this position is nearer to liquidation than every leg on its
 *   underlying in the book's other accounts (it was not before).
 */
export interface WarningContext {
  readonly order: CandidateOrder;
  readonly applied: AppliedOrder;
  /** The traded position before the order (none for a new one). */
  readonly held: Position | undefined;
  readonly before: AccountFigures;
  readonly after: AccountFigures;
  readonly settle: string;
  readonly positionBefore: PositionFigures | null;
  readonly positionAfter: PositionFigures | null;
  readonly fits: boolean | null;
  /** The book as the report shows it (the other legs on the same underlying). */
  readonly report: RiskReport;
  /** The account's nearest liquidation (any leg) before and after the order; null when none. */
  readonly nearestBefore: NearestLiquidation | null;
  readonly nearestAfter: NearestLiquidation | null;
}

export interface NearestLiquidation {
  readonly symbol: string;
  readonly price: number;
  /** Distance from the reference price, a fraction. */
  readonly distance: number;
}

export function orderWarnings(context: WarningContext): TradeWarning[] {
  const { order, applied, held, before, after, settle, positionBefore, positionAfter, fits } =
    context;
  const warnings: TradeWarning[] = [];
  const name = instrumentName(order.symbol);
  const fill = applied.fillPrice.toNumber();
  if (after.underwater === true && !applied.reducesOnly)
    warnings.push({
      kind: TradeWarningKind.liquidatedAtOnce,
      marginRatio: after.marginRatio,
      message:
        after.marginRatio !== null
          ? `after this order the account's maintenance margin is ${formatPercent(after.marginRatio)} of its equity: it would be liquidated at once`
          : `after this order the account has no equity left for its maintenance margin: it would be liquidated at once`,
    });
  const liquidation = positionAfter?.liquidationPrice ?? null;
  // The mark now: of the position before the order (a stop that closes it leaves none after).
  const mark = (applied.account.positions[applied.after ?? -1] ?? held)?.markPrice.toNumber();
  // Which way the position dies: below the mark or above it (in a cross or hedge account a long
  // leg can die on a rise), so a fill is past it on that side.
  if (
    positionAfter !== null &&
    liquidation !== null &&
    mark !== undefined &&
    (liquidation < mark ? fill <= liquidation : fill >= liquidation)
  )
    warnings.push({
      kind: TradeWarningKind.beyondLiquidation,
      symbol: order.symbol,
      fillPrice: fill,
      liquidationPrice: liquidation,
      message: `the order fills at ${formatPrice(fill)}, beyond the ${name} position's new liquidation price ${formatPrice(liquidation)}`,
    });
  const current = positionBefore?.liquidationPrice ?? null;
  if (order.type !== OrderType.market && current !== null && mark !== undefined) {
    const low = Math.min(fill, mark);
    const high = Math.max(fill, mark);
    if (current > low && current < high)
      warnings.push({
        kind: TradeWarningKind.liquidatedBeforeFill,
        symbol: order.symbol,
        orderType: order.type,
        orderPrice: fill,
        liquidationPrice: current,
        message: `the market passes the ${name} position's current liquidation price ${formatPrice(current)} before it reaches the order's price ${formatPrice(fill)}`,
      });
  }
  if (fits === false && after.available !== null)
    warnings.push({
      kind: TradeWarningKind.doesNotFit,
      availableBefore: before.available,
      availableAfter: after.available,
      settle,
      message: `the order needs ${formatMoney(-after.available, settle)} more margin than is available${before.available === null ? '' : ` (available before it: ${formatMoney(before.available, settle)})`}`,
    });
  // A tier is a row of the venue's table: only there does a different rate mean another tier.
  if (
    positionBefore !== null &&
    positionAfter !== null &&
    positionBefore.tierOrigin !== TierOrigin.venueRule &&
    positionAfter.tierOrigin !== TierOrigin.venueRule &&
    positionBefore.maintenanceMarginRate !== positionAfter.maintenanceMarginRate
  )
    warnings.push({
      kind: TradeWarningKind.tierChanges,
      symbol: order.symbol,
      maintenanceMarginRateBefore: positionBefore.maintenanceMarginRate,
      maintenanceMarginRateAfter: positionAfter.maintenanceMarginRate,
      message: `the ${name} position moves to another margin tier: maintenance margin rate ${formatPercent(positionBefore.maintenanceMarginRate)} → ${formatPercent(positionAfter.maintenanceMarginRate)}`,
    });
  const nearer = nearerLiquidationWarning(context);
  if (nearer) warnings.push(nearer);
  const firstToDie = firstToDieWarning(context);
  if (firstToDie) warnings.push(firstToDie);
  return warnings;
}

/**
 * The account as a whole: after the order its nearest liquidation (any leg) is at least a
 * quarter nearer than before, or appears where there was none — closing one leg of a hedge in a
 * cross or hedge-mode account leaves the other leg alone. Orders that reduce are included.
 */
/** A new liquidation price farther than this fraction of the price warns of nothing. */
const FAR_LIQUIDATION = 0.5;

function nearerLiquidationWarning(context: WarningContext): NearerLiquidationWarning | undefined {
  const { nearestBefore, nearestAfter } = context;
  if (nearestAfter === null) return undefined;
  if (nearestBefore !== null && nearestAfter.distance >= 0.75 * nearestBefore.distance)
    return undefined;
  // A liquidation price that appears more than half the price away (a short inverse leg against
  // its own coin as collateral: 40 times the price) is a fact of the contract, not a danger.
  if (nearestBefore === null && nearestAfter.distance > FAR_LIQUIDATION) return undefined;
  return {
    kind: TradeWarningKind.nearerLiquidation,
    symbol: nearestAfter.symbol,
    price: nearestAfter.price,
    distance: nearestAfter.distance,
    distanceBefore: nearestBefore?.distance ?? null,
    message: `after this order the account's nearest liquidation is ${instrumentName(nearestAfter.symbol)} at ${formatPrice(nearestAfter.price)}, ${formatPercent(nearestAfter.distance)} away (${nearestBefore === null ? 'none before' : `was ${formatPercent(nearestBefore.distance)}`})`,
  };
}

/**
 * The legs on the order's underlying in the book's other accounts (the order does not move
 * them), and whether the traded position becomes nearer to liquidation than all of them.
 */
function firstToDieWarning(context: WarningContext): FirstToDieWarning | undefined {
  const { order, positionBefore, positionAfter, report } = context;
  const distanceAfter = positionAfter?.liquidationDistancePct ?? null;
  const base = baseOf(order.symbol);
  if (distanceAfter === null || base === null) return undefined;
  const others = report.accounts
    .filter((account) => account.id !== order.accountId)
    .flatMap((account) =>
      account.positions
        .filter(
          (position) =>
            baseOf(position.symbol) === base && position.liquidationDistancePct !== null,
        )
        .map((position) => ({
          accountId: account.id,
          symbol: position.symbol,
          distance: position.liquidationDistancePct ?? Number.POSITIVE_INFINITY,
        })),
    );
  if (others.length === 0) return undefined;
  const nearestOther = others.reduce((best, leg) => (leg.distance < best.distance ? leg : best));
  const wasNearest =
    positionBefore?.liquidationDistancePct !== null &&
    positionBefore?.liquidationDistancePct !== undefined &&
    positionBefore.liquidationDistancePct < nearestOther.distance;
  if (distanceAfter >= nearestOther.distance || wasNearest) return undefined;
  return {
    kind: TradeWarningKind.firstToDie,
    symbol: order.symbol,
    distance: distanceAfter,
    other: nearestOther,
    message: `after this order this ${instrumentName(order.symbol)} position is the nearest to liquidation of your ${base} legs: ${formatPercent(distanceAfter)} away, against ${formatPercent(nearestOther.distance)} for ${instrumentName(nearestOther.symbol)} in account "${nearestOther.accountId}"`,
  };
}

function baseOf(symbol: string): string | null {
  const instrument = parseSymbol(symbol);
  return 'error' in instrument ? null : instrument.base;
}
