import { siloIsExposed, siloSurplus, type MarginSilo } from '../risk/margin-silo';
import type { Side } from '../product/types';
import type { ResolvedInputs } from './resolve-inputs';
import type { PositionReport } from './risk-report-types';
import { siloEquity } from './silo-equity';

/**
 * Where each margin silo of the scenario accounts is liquidated as the main underlying moves
 * (pnl-by-move.ts's axis: the main underlying by a simple return m, the others by their beta on
 * log-returns, `logReturnOf`), and what the trader loses then.
 *
 * - A silo is liquidated where its equity − maintenance margin (margin-silo.ts, the same silos
 *   as the liquidation probabilities) first reaches 0 as the move grows from 0 in either
 *   direction, within ±50%: a 0.25% scan refined by 50 bisection steps.
 * - A silo whose positions are all on the main underlying (betas play no part) takes its
 *   positions' own liquidation price in that direction instead: the venue rule's figure the
 *   report shows beside each position (its move from the position's reference price), so one
 *   fact has one figure (the point's price is that liquidation price itself, not the axis's
 *   price moved by the same fraction); the silo model is used only where no such price exists.
 * - What is lost: the silo's whole equity now, in USD (a liquidation closes the positions and
 *   the venue keeps what margin is left; partial liquidations would leave some, so this is the
 *   cautious figure), as silo-equity.ts defines it.
 *
 * Units: moves as simple returns, equity in USD. Cost: per silo ≤ 400 + 100 surplus evaluations.
 */
export interface SiloOnMove {
  readonly silo: MarginSilo;
  readonly account: string;
  /** The isolated position the silo is; null for the account's cross (or portfolio) margin. */
  readonly position: { readonly symbol: string; readonly side: Side } | null;
  /** Already at or past liquidation (surplus ≤ 0 now). */
  readonly liquidatedNow: boolean;
  /** The move at which it is liquidated as the underlying falls (negative), or rises; null: not within ±50%. */
  readonly down: number | null;
  readonly up: number | null;
  /**
   * The underlying's price there when the move is a position's own liquidation price (a silo on
   * the main coin only): that price itself, the figure the report shows beside the position (the
   * position's mark may differ from the axis's); null when the move came from the silo model.
   */
  readonly downPrice: number | null;
  readonly upPrice: number | null;
  /** The silo's equity now, USD: what its liquidation costs. */
  readonly equityUsd: number;
}

export const MAX_MOVE = 0.5;
const SCAN_STEP = 0.0025;
const BISECTIONS = 50;

export function silosOnMove(
  inputs: ResolvedInputs,
  silos: readonly MarginSilo[],
  positionReports: readonly (readonly PositionReport[])[],
  mainAsset: string,
  logReturnOf: (asset: string, move: number) => number,
): SiloOnMove[] {
  return inputs.accounts.flatMap((entry, accountIndex) => {
    if (!entry.inScenarios) return [];
    const { account } = entry;
    const reports = positionReports[accountIndex] ?? [];
    const usd = entry.usdPerSettle?.value ?? Number.NaN;
    return silos
      .filter((silo) => silo.accountId === account.id && siloIsExposed(silo))
      .map((silo): SiloOnMove => {
        const surplus = (move: number) => siloSurplusAtMove(silo, move, logReturnOf);
        const isolated =
          silo.label === 'cross' ? undefined : account.positions[silo.positionIndices[0] ?? -1];
        const mainOnly =
          silo.positionIndices.every((p) => account.positions[p]?.instrument.base === mainAsset) &&
          (silo.nonlinear?.assets ?? [mainAsset]).every((asset) => asset === mainAsset);
        const nearest = (direction: 'down' | 'up', sign: 1 | -1) => {
          const venue = mainOnly
            ? reportedMove(
                silo.positionIndices.map((p) => reports[p]),
                direction,
              )
            : undefined;
          return venue === undefined ? { move: crossing(surplus, sign), price: null } : venue;
        };
        const down = nearest('down', -1);
        const up = nearest('up', 1);
        const equity = siloEquity(entry, silo);
        return {
          silo,
          account: account.id,
          position: isolated ? { symbol: isolated.symbol, side: isolated.side } : null,
          liquidatedNow: surplus(0) <= 0,
          down: down.move,
          up: up.move,
          downPrice: down.price,
          upPrice: up.price,
          equityUsd: equity * usd,
        };
      });
  });
}

/** Equity − maintenance margin of a silo when the main underlying moves by `move` (others by beta). */
export function siloSurplusAtMove(
  silo: MarginSilo,
  move: number,
  logReturnOf: (asset: string, move: number) => number,
): number {
  const { nonlinear } = silo;
  if (nonlinear)
    return nonlinear.surplus(
      nonlinear.markPrices.map(
        (price, k) => price * Math.exp(logReturnOf(nonlinear.assets[k] ?? '', move)),
      ),
    );
  return siloSurplus(
    silo,
    silo.positions.map(
      (position) => position.markPrice * Math.exp(logReturnOf(position.asset, move)),
    ),
  );
}

/**
 * The nearest of the positions' own liquidation prices in `direction`, as the move of their
 * reference price, with that price (move and price null when it lies beyond ±50%); undefined
 * when none of them has one there.
 */
function reportedMove(
  reports: readonly (PositionReport | undefined)[],
  direction: 'down' | 'up',
): { move: number | null; price: number | null } | undefined {
  let nearest: { move: number; price: number } | undefined;
  for (const report of reports) {
    if (report?.liquidationPrice == null || report.liquidationDirection !== direction) continue;
    const move = report.liquidationPrice / report.referencePrice - 1;
    if (nearest === undefined || Math.abs(move) < Math.abs(nearest.move))
      nearest = { move, price: report.liquidationPrice };
  }
  if (nearest === undefined) return undefined;
  return Math.abs(nearest.move) <= MAX_MOVE ? nearest : { move: null, price: null };
}

/**
 * The first move from 0 in `sign`'s direction (within ±50%) where surplus(move) ≤ 0: a scan in
 * 0.25% steps, then bisection between the last positive and first non-positive step.
 */
function crossing(surplus: (move: number) => number, sign: 1 | -1): number | null {
  let inside = 0;
  for (let step = 1; step * SCAN_STEP <= MAX_MOVE + 1e-12; step++) {
    const move = sign * step * SCAN_STEP;
    if (surplus(move) > 0) {
      inside = move;
      continue;
    }
    let outside = move;
    for (let i = 0; i < BISECTIONS; i++) {
      const middle = 0.5 * (inside + outside);
      if (surplus(middle) > 0) inside = middle;
      else outside = middle;
    }
    return outside;
  }
  return null;
}

/** Whether the silo has been liquidated on the way from 0 to `move` (at `move` itself included). */
export function liquidatedBy(silo: SiloOnMove, move: number): boolean {
  if (silo.liquidatedNow) return true;
  if (move < 0) return silo.down !== null && silo.down >= move;
  if (move > 0) return silo.up !== null && silo.up <= move;
  return false;
}
