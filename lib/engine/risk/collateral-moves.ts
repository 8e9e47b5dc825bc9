import { siloIsExposed, siloSurplus, type MarginSilo } from './margin-silo';

/**
 * Where to move collateral: transfers between margin silos that maximise the smallest distance
 * to liquidation (DESIGN.md §1 "margin allocation across silos").
 *
 * Distance is measured in horizon standard deviations of each position's asset, moving one asset
 * at a time with the others at mark (the convention of a per-position liquidation price). A silo
 * is at distance ≥ D when its surplus (equity − maintenance margin) stays ≥ 0 with any one of its
 * assets moved D·σ_h against it. Surplus is linear in the wallet, so the collateral a silo needs
 * for distance D is exactly −min surplus at those prices, and what it can give is bounded by its
 * free collateral (equity − initial margin) and by its own need. The largest D for which the
 * givers of each settlement asset can cover the needers is found by bisection; transfers match
 * givers to needers greedily, largest first, in whole cents (so a side may miss the target by
 * under a cent). Cost: O(60 · Σ positions²), one deficit per unit and bisection step.
 */
export interface CollateralUnit {
  /** Account id, or `account:symbol` for an isolated position. */
  readonly id: string;
  /** The account the unit belongs to. */
  readonly account: string;
  /** The isolated position whose margin the unit is; null for an account's cross margin or cash. */
  readonly position: CollateralPosition | null;
  readonly settle: string;
  /** Collateral that can leave the unit without breaching its initial margin. */
  readonly free: number;
  /** Null for a unit without positions (cash that only gives). */
  readonly silo: MarginSilo | null;
}

export interface CollateralPosition {
  readonly symbol: string;
  readonly side: 'long' | 'short';
}

/** One end of a transfer: an account's cross margin (or cash), or an isolated position's margin. */
export interface CollateralEnd {
  readonly account: string;
  readonly position: CollateralPosition | null;
}

/**
 * One transfer, with why its amount is what it is. Each amount is the smaller of what the target
 * still needs and what the source can still give (greedy, largest first); `sourceCanGive` and
 * `targetNeeds` are those figures before any transfer, at the achievable distance.
 */
export interface CollateralMove {
  readonly from: string;
  readonly to: string;
  readonly amount: number;
  readonly asset: string;
  readonly source: CollateralEnd;
  readonly target: CollateralEnd;
  /** The source's free collateral (equity above initial margin, or unallocated cash). */
  readonly sourceFree: number;
  /**
   * What the source can give and still stand the achievable distance from its own liquidation:
   * min(free collateral, its surplus at that distance); all of its cash for a unit without positions.
   */
  readonly sourceCanGive: number;
  /** The collateral the target needs to stand the achievable distance from liquidation. */
  readonly targetNeeds: number;
}

export interface CollateralPlan {
  /** The smallest distance to liquidation now, in horizon σ; null when nothing can be liquidated. */
  readonly currentMinDistance: number | null;
  readonly achievableMinDistance: number | null;
  readonly moves: readonly CollateralMove[];
}

const MAX_DISTANCE = 100;

export function planCollateralMoves(
  units: readonly CollateralUnit[],
  horizonVol: (asset: string) => number,
): CollateralPlan {
  const need = (unit: CollateralUnit, distance: number): number =>
    unit.silo === null ? Number.NEGATIVE_INFINITY : siloDeficit(unit.silo, distance, horizonVol);
  const atRisk = units.filter((unit) => unit.silo !== null && siloIsExposed(unit.silo));
  if (atRisk.length === 0)
    return { currentMinDistance: null, achievableMinDistance: null, moves: [] };

  const distanceOf = (unit: CollateralUnit) =>
    bisect(0, MAX_DISTANCE, (distance) => need(unit, distance) <= 0);
  const current = Math.min(...atRisk.map(distanceOf));
  // Each unit's need once per distance (it serves both sums).
  const feasible = (distance: number) =>
    groups(units).every((group) => {
      const needs = group.map((unit) => need(unit, distance));
      const needed = needs.reduce((sum, value) => sum + Math.max(value, 0), 0);
      const available = group.reduce((sum, unit, index) => sum + give(unit, needs[index] ?? 0), 0);
      return needed <= available;
    });
  const best = feasible(current) ? bisect(current, MAX_DISTANCE, feasible) : current;
  if (best - current < 1e-3)
    return { currentMinDistance: current, achievableMinDistance: current, moves: [] };

  const moves: CollateralMove[] = [];
  for (const group of groups(units)) {
    const needers = group
      .map((unit) => {
        const amount = Math.max(need(unit, best), 0);
        return { unit, amount, initial: amount };
      })
      .filter((entry) => entry.amount > 0)
      .sort((a, b) => b.amount - a.amount);
    const givers = group
      .map((unit) => {
        const amount = give(unit, need(unit, best));
        return { unit, amount, initial: amount };
      })
      .filter((entry) => entry.amount > 0)
      .sort((a, b) => b.amount - a.amount);
    for (const needer of needers) {
      for (const giver of givers) {
        if (needer.amount <= 0) break;
        const amount = Math.min(needer.amount, giver.amount);
        if (amount <= 0 || giver.unit.id === needer.unit.id) continue;
        moves.push({
          from: giver.unit.id,
          to: needer.unit.id,
          amount: Math.ceil(amount * 100) / 100,
          asset: needer.unit.settle,
          source: { account: giver.unit.account, position: giver.unit.position },
          target: { account: needer.unit.account, position: needer.unit.position },
          sourceFree: giver.unit.free,
          sourceCanGive: giver.initial,
          targetNeeds: needer.initial,
        });
        giver.amount -= amount;
        needer.amount -= amount;
      }
    }
  }
  return { currentMinDistance: current, achievableMinDistance: best, moves };
}

/** −(smallest surplus) with one asset at a time moved `distance` horizon σ against the silo. */
export function siloDeficit(
  silo: MarginSilo,
  distance: number,
  horizonVol: (asset: string) => number,
): number {
  const { nonlinear } = silo;
  if (nonlinear) {
    let worst = Number.POSITIVE_INFINITY;
    nonlinear.assets.forEach((asset, moved) => {
      const move = distance * horizonVol(asset);
      for (const sign of [-1, 1]) {
        const prices = nonlinear.markPrices.map((price, index) =>
          index === moved ? price * Math.exp(sign * move) : price,
        );
        worst = Math.min(worst, nonlinear.surplus(prices));
      }
    });
    return -worst;
  }
  const marks = silo.positions.map((position) => position.markPrice);
  let worst = Number.POSITIVE_INFINITY;
  for (const asset of new Set(silo.positions.map((position) => position.asset))) {
    const move = distance * horizonVol(asset);
    for (const sign of [-1, 1]) {
      const prices = silo.positions.map((position, index) =>
        position.asset === asset ? position.markPrice * Math.exp(sign * move) : (marks[index] ?? 0),
      );
      worst = Math.min(worst, siloSurplus(silo, prices));
    }
  }
  return -worst;
}

function give(unit: CollateralUnit, deficit: number): number {
  if (unit.silo === null) return unit.free;
  return deficit < 0 ? Math.min(unit.free, -deficit) : 0;
}

function groups(units: readonly CollateralUnit[]): CollateralUnit[][] {
  const bySettle = new Map<string, CollateralUnit[]>();
  for (const unit of units) bySettle.set(unit.settle, [...(bySettle.get(unit.settle) ?? []), unit]);
  return [...bySettle.values()];
}

/** The largest x in [low, high] with ok(x), assuming ok is true at low and monotone (60 halvings). */
function bisect(low: number, high: number, ok: (x: number) => boolean): number {
  if (!ok(low)) return low;
  if (ok(high)) return high;
  for (let iteration = 0; iteration < 60; iteration++) {
    const middle = 0.5 * (low + high);
    if (ok(middle)) low = middle;
    else high = middle;
  }
  return low;
}
