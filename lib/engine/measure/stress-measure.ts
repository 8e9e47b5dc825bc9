import { DEFAULT_MARKET } from '../market/default-market';
import { stressGrid, worstStressLoss, type StressGrid } from '../market/stress-grid';
import { HOURS_PER_YEAR } from '../risk/monte-carlo-log-returns';
import { scenarioPnlMatrix } from '../risk/scenario-pnl-matrix';
import type { ResolvedInputs } from './resolve-inputs';
import type { StressGridReport, StressScenarioResult } from './risk-report-types';

/**
 * The stress measure: the worst weighted loss (USD) of the scenario accounts' exposures over the
 * deterministic stress grid (stress-grid.ts: vol-scaled joint and single-asset moves with option
 * vol shifts, extreme moves, dated historical days), the scenario that causes it, and every
 * scenario's P&L: the joint block as a price move × vol move grid, the rest one by one.
 * Units: USD; a scenario's `pnl` is unweighted (its `weight` says how much of it the worst loss
 * counts). Cost: one P&L matrix of (scenarios × exposures), as before.
 */
export interface StressMeasure {
  readonly worstLoss: number;
  readonly scenario: string;
  readonly scenarios: number;
  /** The joint scenarios as price move × vol move; null without positions. */
  readonly grid: StressGridReport | null;
  /** The other scenarios (extreme moves, one asset alone, dated historical days), in grid order. */
  readonly others: readonly StressScenarioResult[];
  /** The scenario behind `worstLoss`, as data; null when no scenario loses. */
  readonly worst: StressScenarioResult | null;
}

export function stressMeasure(inputs: ResolvedInputs): StressMeasure {
  const { market, exposures, settings } = inputs;
  const grid = stressGrid(
    market.assets,
    market.annualVols,
    settings.horizonHours,
    DEFAULT_MARKET.stressDays,
    market.stressUnitDailyVol,
  );
  if (exposures.exposures.length === 0)
    return {
      worstLoss: 0,
      scenario: 'no positions',
      scenarios: grid.count,
      grid: null,
      others: [],
      worst: null,
    };
  const positions = exposures.exposures.length;
  const pnlMatrix = scenarioPnlMatrix(
    grid,
    exposures.exposures,
    settings.horizonHours / HOURS_PER_YEAR,
  );
  const stress = worstStressLoss(grid, pnlMatrix, positions);
  const totals = Array.from({ length: grid.count }, (_, s) => {
    let pnl = 0;
    for (let p = 0; p < positions; p++) pnl += pnlMatrix[s * positions + p] ?? 0;
    return pnl;
  });
  const results = totals.flatMap((pnl, s) => {
    const scenario = grid.kinds[s];
    return scenario === undefined
      ? []
      : [{ label: grid.labels[s] ?? '', scenario, pnl, weight: grid.weights[s] ?? 1 }];
  });
  return {
    worstLoss: stress.loss,
    scenario: stress.scenario,
    scenarios: grid.count,
    grid: jointGrid(grid, market.assets, totals),
    others: results.slice(jointRows(grid)),
    worst: results[stress.index] ?? null,
  };
}

function jointRows(grid: StressGrid): number {
  return grid.joint.scanFractions.length * grid.joint.volFactors.length;
}

/** The joint block of the grid's scenario totals, rows price moves and columns vol factors. */
function jointGrid(
  grid: StressGrid,
  assets: readonly string[],
  totals: readonly number[],
): StressGridReport {
  const { scanFractions, volFactors } = grid.joint;
  return {
    scanFractions,
    volFactors,
    scanRanges: Object.fromEntries(assets.map((asset, a) => [asset, grid.scanRanges[a] ?? 0])),
    pnl: scanFractions.map((_, f) =>
      volFactors.map((__, v) => totals[f * volFactors.length + v] ?? 0),
    ),
  };
}
