import type { AppliedOrder, CandidateOrder } from './apply-order';
import { OrderType } from './apply-order';
import type { Position } from '../product/types';
import type { RiskReport } from './risk-report-types';
import {
  TradeWarningKind,
  type AccountFigures,
  type PositionFigures,
  type TradeWarning,
} from './trade-impact-types';

/**
 * What a trader must know before placing an order, each a kind (for views) and plain words:
 * - liquidated at once: the account's maintenance margin reaches its equity after the fill;
 * - beyond liquidation: the order fills at or past the position's new liquidation price;
 * - liquidated before fill: a resting limit or stop that the market reaches only after passing
 *   the position's current liquidation price (a stop-loss set too far);
 * - does not fit: the available balance (margin balance − initial margin) falls below zero;
 * - tier changes / tier assumed: the position moves to another maintenance tier, or the venue's
 *   table for the new size is unknown and the reported tier was kept;
 * - first to die: after the order this position is the nearest to liquidation of every leg on
 *   its underlying across the book's accounts (it was not before).
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
}

export function orderWarnings(context: WarningContext): TradeWarning[] {
  const { order, applied, held, before, after, settle, positionBefore, positionAfter, fits } =
    context;
  const warnings: TradeWarning[] = [];
  const fill = applied.fillPrice.toNumber();
  if (after.marginRatio >= 1 && !applied.reducesOnly)
    warnings.push({
      kind: TradeWarningKind.liquidatedAtOnce,
      message: `after this order the account's maintenance margin is ${formatRatio(after.marginRatio)} of its equity: it would be liquidated at once`,
    });
  const liquidation = positionAfter?.liquidationPrice ?? null;
  if (
    positionAfter !== null &&
    liquidation !== null &&
    (positionAfter.side === 'long' ? fill <= liquidation : fill >= liquidation)
  )
    warnings.push({
      kind: TradeWarningKind.beyondLiquidation,
      message: `the order fills at ${fill}, beyond the position's new liquidation price ${liquidation}`,
    });
  const current = positionBefore?.liquidationPrice ?? null;
  // The mark now: of the position before the order (a stop that closes it leaves none after).
  const mark = (applied.account.positions[applied.after ?? -1] ?? held)?.markPrice.toNumber();
  if (order.type !== OrderType.market && current !== null && mark !== undefined) {
    const low = Math.min(fill, mark);
    const high = Math.max(fill, mark);
    if (current > low && current < high)
      warnings.push({
        kind: TradeWarningKind.liquidatedBeforeFill,
        message: `the market passes the current liquidation price ${current} before it reaches the order's price ${fill}`,
      });
  }
  if (fits === false)
    warnings.push({
      kind: TradeWarningKind.doesNotFit,
      message: `the order needs more margin than is available: available after it ${after.available?.toFixed(2) ?? 'unknown'} ${settle} (before ${before.available?.toFixed(2) ?? 'unknown'})`,
    });
  if (
    positionBefore !== null &&
    positionAfter !== null &&
    positionBefore.maintenanceMarginRate !== positionAfter.maintenanceMarginRate
  )
    warnings.push({
      kind: TradeWarningKind.tierChanges,
      message: `the position moves to another margin tier: maintenance margin rate ${formatRatio(positionBefore.maintenanceMarginRate)} → ${formatRatio(positionAfter.maintenanceMarginRate)}`,
    });
  const firstToDie = firstToDieWarning(context);
  if (firstToDie) warnings.push(firstToDie);
  return warnings;
}

/**
 * The other legs on the order's underlying, across the book's accounts, and whether the traded
 * position becomes the one nearest to liquidation among them.
 */
function firstToDieWarning(context: WarningContext): TradeWarning | undefined {
  const { order, applied, positionBefore, positionAfter, report } = context;
  const distanceAfter = positionAfter?.liquidationDistancePct ?? null;
  const base = order.symbol.split('/')[0] ?? '';
  if (distanceAfter === null || applied.reducesOnly) return undefined;
  const others = report.accounts.flatMap((account) =>
    account.positions
      .filter(
        (position) =>
          position.symbol.split('/')[0] === base &&
          !(account.id === order.accountId && position.symbol === order.symbol) &&
          position.liquidationDistancePct !== null,
      )
      .map((position) => ({ account: account.id, distance: position.liquidationDistancePct ?? 1 })),
  );
  if (others.length === 0) return undefined;
  const nearestOther = others.reduce((best, leg) => (leg.distance < best.distance ? leg : best));
  const wasFirst =
    positionBefore?.liquidationDistancePct !== null &&
    positionBefore?.liquidationDistancePct !== undefined &&
    positionBefore.liquidationDistancePct < nearestOther.distance;
  if (distanceAfter >= nearestOther.distance || wasFirst) return undefined;
  return {
    kind: TradeWarningKind.firstToDie,
    message: `after this order this ${base} position is the first leg to be liquidated: ${formatRatio(distanceAfter)} away, against ${formatRatio(nearestOther.distance)} for the nearest other ${base} leg (${nearestOther.account})`,
  };
}

export function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(2)}%` : 'more than all';
}
