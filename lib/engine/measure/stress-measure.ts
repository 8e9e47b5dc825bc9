import { DEFAULT_MARKET } from '../market/default-market';
import { stressGrid, worstStressLoss } from '../market/stress-grid';
import { HOURS_PER_YEAR } from '../risk/monte-carlo-log-returns';
import { scenarioPnlMatrix } from '../risk/scenario-pnl-matrix';
import type { ResolvedInputs } from './resolve-inputs';

/**
 * The stress measure: the worst weighted loss (USD) of the scenario accounts' exposures over the
 * deterministic stress grid (stress-grid.ts: vol-scaled joint and single-asset moves with option
 * vol shifts, extreme moves, dated historical days), and the scenario that causes it.
 */
export interface StressMeasure {
  readonly worstLoss: number;
  readonly scenario: string;
  readonly scenarios: number;
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
    return { worstLoss: 0, scenario: 'no positions', scenarios: grid.count };
  const stress = worstStressLoss(
    grid,
    scenarioPnlMatrix(grid, exposures.exposures, settings.horizonHours / HOURS_PER_YEAR),
    exposures.exposures.length,
  );
  return { worstLoss: stress.loss, scenario: stress.scenario, scenarios: grid.count };
}
