import { formatPercent, formatPrice } from '../format/format-figures';
import { instrumentName } from '../format/instrument-name';
import { AlertKind, type AlertEvent } from './alert-check';
import { connectionReadFresh, type AlertInput } from './alert-input';
import { accountAlertRules, type AlertRules } from './alert-rules';
import { positionTarget } from './check-context';
import { legSizeAt, type HedgeLeg } from './hedge-legs';
import { liquidationKey } from './liquidation-checks';

/**
 * A hedge broken: a leg of a hedge across accounts (hedge-legs.ts) that was there at the last
 * evaluation is gone or has shrunk, while an opposite leg in another account still stands.
 *
 * - Gone: only with a liquidation trace, since a trader also closes legs on purpose: its
 *   liquidation alert held at the last evaluation (it was near), or the price now (the standing
 *   leg's mark) is past the leg's last liquidation price, ours or the venue's own.
 * - Shrunk: its size fell by {@link HEDGE_SHRINK_FRACTION} or more (a partial liquidation, or
 *   auto-deleveraging), trace or not, and the underlying's net imbalance |Σ long − Σ short|
 *   grew by that fraction of the hedged size (the smaller side) or more: trimming both sides
 *   alike is no weakening. One event per underlying (its first shrunk leg named). Sizes compare
 *   at one price, the current mark: an inverse leg by its quote face (contracts), since its
 *   base quantity moves with the mark (hedge-legs.ts `legSizeAt`).
 * - Trusted only when the leg's connection was read just now (alert-input.ts
 *   `connectionReadFresh`): a file's account or a stale read proves nothing about what the venue
 *   holds.
 * - The rule is the vanished leg's account's (`brokenHedge`, not muted).
 *
 * Each is an event, notified once: the next evaluation compares with the legs as they are now.
 */
export const HEDGE_SHRINK_FRACTION = 0.2;

export interface BrokenHedgeInput {
  readonly previous: readonly HedgeLeg[];
  readonly current: readonly HedgeLeg[];
  readonly input: AlertInput;
  readonly rules: AlertRules;
  /** Whether the alert with this key held at the previous evaluation. */
  readonly wasActive: (key: string) => boolean;
  /** Milliseconds since the epoch (the events' keys). */
  readonly nowMs: number;
}

export function brokenHedgeEvents(context: BrokenHedgeInput): AlertEvent[] {
  const events: AlertEvent[] = [];
  const weakened = new Set<string>();
  for (const leg of context.previous) {
    if (!leg.hedged) continue;
    const rules = accountAlertRules(context.rules, leg.accountId);
    if (rules === null || !rules.brokenHedge) continue;
    const now = context.current.find((current) => current.key === leg.key);
    const quantity = now?.quantity ?? 0;
    const price = now?.referencePrice ?? leg.referencePrice;
    const sizeNow = now === undefined ? 0 : legSizeAt(now, price);
    if (sizeNow > legSizeAt(leg, price) * (1 - HEDGE_SHRINK_FRACTION)) continue;
    if (quantity > 0) {
      if (weakened.has(leg.underlying)) continue;
      if (!imbalanceGrew(context.previous, context.current, leg.underlying, price)) continue;
    }
    if (!connectionReadFresh(context.input, leg.connectionId)) continue;
    const standing = context.current.filter(
      (other) =>
        other.underlying === leg.underlying &&
        other.side !== leg.side &&
        other.accountId !== leg.accountId,
    );
    const first = standing[0];
    if (first === undefined) continue;
    const crossed = crossedLiquidation(leg, first.referencePrice);
    const alertKey = liquidationKey(leg.accountId, leg.symbol, leg.side);
    const wasNear = context.wasActive(alertKey);
    if (quantity === 0 && crossed === null && !wasNear) continue;
    const underlying = instrumentName(leg.symbol).split(' ')[0] ?? leg.underlying;
    const amount = (value: number) =>
      `${value.toLocaleString('en-US', { maximumFractionDigits: 6 })} ${underlying}`;
    const others = standing.map((other) => `${other.name} (${amount(other.quantity)})`);
    const traceWords =
      crossed !== null
        ? `the price went past its liquidation price ${formatPrice(crossed)}`
        : leg.liquidationPrice !== null && leg.liquidationDistancePct !== null
          ? `at the last read it was ${formatPercent(Math.abs(leg.liquidationDistancePct), 1)} from liquidation at ${formatPrice(leg.liquidationPrice)}`
          : 'it was near liquidation at the last read';
    const plural = others.length > 1;
    if (quantity > 0) weakened.add(leg.underlying);
    events.push({
      key: `${AlertKind.brokenHedge}|${leg.key}|${context.nowMs}`,
      kind: AlertKind.brokenHedge,
      title: quantity === 0 ? `Hedge broken on ${underlying}` : `Hedge weakened on ${underlying}`,
      message:
        quantity === 0
          ? `${leg.name} is gone, probably liquidated (${traceWords}); ${others.join(' and ')} now ${plural ? 'stand' : 'stands'} alone.`
          : `${leg.name} fell from ${amount(leg.quantity)} to ${amount(quantity)}${crossed !== null || wasNear ? ', perhaps partly liquidated' : ''}; ${others.join(' and ')} ${plural ? 'are' : 'is'} no longer fully hedged.`,
      context: 'Each leg of a hedge across accounts has its own margin and is liquidated alone.',
      target: positionTarget(first.venue, first.symbol),
      covers: [alertKey],
    });
  }
  return events;
}

/**
 * Whether the underlying's net imbalance |Σ long − Σ short| (base units at `price`) grew from
 * `previous` to `current` by {@link HEDGE_SHRINK_FRACTION} of the hedged size before (the
 * smaller side) or more.
 */
function imbalanceGrew(
  previous: readonly HedgeLeg[],
  current: readonly HedgeLeg[],
  underlying: string,
  price: number,
): boolean {
  const sides = (legs: readonly HedgeLeg[]) => {
    let long = 0;
    let short = 0;
    for (const leg of legs)
      if (leg.underlying === underlying)
        if (leg.side === 'long') long += legSizeAt(leg, price);
        else short += legSizeAt(leg, price);
    return { long, short };
  };
  const before = sides(previous);
  const after = sides(current);
  const hedged = Math.min(before.long, before.short);
  const growth = Math.abs(after.long - after.short) - Math.abs(before.long - before.short);
  return growth >= hedged * HEDGE_SHRINK_FRACTION;
}

/** The leg's liquidation price (ours, else the venue's) that `price` is at or past; null if neither. */
function crossedLiquidation(leg: HedgeLeg, price: number): number | null {
  for (const liquidation of [leg.liquidationPrice, leg.venueLiquidationPrice]) {
    if (liquidation === null) continue;
    if (leg.side === 'long' ? price <= liquidation : price >= liquidation) return liquidation;
  }
  return null;
}
