import { DEFAULT_MARKET } from '../market/default-market';
import { inMarginScan, stressGrid, worstStressLoss, type StressGrid } from '../market/stress-grid';
import { coverageSigmas } from '../risk/day-variance-mixture';
import { HOURS_PER_YEAR } from '../risk/monte-carlo-log-returns';
import { scenarioPnlMatrix } from '../risk/scenario-pnl-matrix';
import type { ResolvedInputs } from './resolve-inputs';
import type { MarginScan, StressGridReport, StressScenarioResult } from './risk-report-types';

/**
 * The coverage target of the true margin's scan range: a one-sided 99% move of the model over the
 * report's horizon (CCPs cover 99% or more over their liquidation period: EMIR RTS 153/2013
 * Art. 24 asks 99.5% for OTC derivatives, 99% for other products; CME SPAN's scan ranges target
 * at least 99%).
 */
export const MARGIN_COVERAGE = 0.99;

/**
 * The stress measure: the worst weighted loss (USD) of the scenario accounts' exposures over the
 * deterministic stress grid (stress-grid.ts: vol-scaled joint and single-asset moves with option
 * vol shifts, extreme moves, dated historical days), the scenario that causes it, and every
 * scenario's P&L: the joint block as a price move × vol move grid, the rest one by one; and the
 * margin scan: the worst of the grid without the dated days, its scan range the model's move at
 * MARGIN_COVERAGE (day-variance-mixture.ts coverageSigmas), which the true margin uses.
 * Units: USD; a scenario's `pnl` is unweighted (its `weight` says how much of it the worst loss
 * counts). Cost: one P&L matrix of (scenarios × exposures), as before.
 */
export interface StressMeasure {
  readonly worstLoss: number;
  readonly scenario: string;
  readonly scenarios: number;
  /** The margin scan (joint, extreme and single-asset moves; stress-grid.ts inMarginScan). */
  readonly marginScan: MarginScan;
  /** The joint scenarios as price move × vol move; null without positions. */
  readonly grid: StressGridReport | null;
  /** The other scenarios (extreme moves, one asset alone, dated historical days), in grid order. */
  readonly others: readonly StressScenarioResult[];
  /** The scenario behind `worstLoss`, as data; null when no scenario loses. */
  readonly worst: StressScenarioResult | null;
}

export function stressMeasure(inputs: ResolvedInputs): StressMeasure {
  const { market, exposures, settings } = inputs;
  const scanSigmas = coverageSigmas(settings.distribution, MARGIN_COVERAGE);
  const grid = stressGrid(
    market.assets,
    market.annualVols,
    settings.horizonHours,
    DEFAULT_MARKET.stressDays,
    scanSigmas,
    market.stressUnitDailyVol,
  );
  if (exposures.exposures.length === 0)
    return {
      worstLoss: 0,
      scenario: 'no positions',
      scenarios: grid.count,
      marginScan: {
        loss: 0,
        scenario: 'no positions',
        coverage: MARGIN_COVERAGE,
        scanSigmas,
        horizonHours: settings.horizonHours,
      },
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
  const scan = worstStressLoss(grid, pnlMatrix, positions, inMarginScan);
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
    marginScan: {
      loss: scan.loss,
      scenario: scan.scenario,
      coverage: MARGIN_COVERAGE,
      scanSigmas,
      horizonHours: settings.horizonHours,
    },
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
    scanSigmas: grid.scanSigmas,
    scanFractions,
    volFactors,
    scanRanges: Object.fromEntries(assets.map((asset, a) => [asset, grid.scanRanges[a] ?? 0])),
    pnl: scanFractions.map((_, f) =>
      volFactors.map((__, v) => totals[f * volFactors.length + v] ?? 0),
    ),
  };
}
