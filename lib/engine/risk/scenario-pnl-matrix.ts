import type { Exposure } from './exposure';
import { ScenarioPnlKernel, type ScenarioSet } from './scenario-pnl-kernel';

export { GRID_MIN_SCENARIOS } from './scenario-pnl-kernel';
export type { ScenarioSet } from './scenario-pnl-kernel';

/**
 * The scenario × position P&L matrix (USD), materialised: for the stress grid, small scenario
 * sets and any caller that needs every cell. Measures that only reduce it (ES, VaR, Euler
 * contributions) use scenarioExpectedShortfall, which never holds it; both go through the same
 * kernel (scenario-pnl-kernel.ts: full revaluation, options by Black-76 in full or through the
 * exact-node Hermite grid for sets of GRID_MIN_SCENARIOS or more), so their cells are equal.
 *
 * Input: a scenario set (row-major log-returns scenarios × assets, optional per-scenario option
 * vol factors) and the horizon in years (options age by it). Output: row-major Float64Array
 * scenarios × exposures. Cost: O(N·P) time, N·P·8 bytes.
 */
export function scenarioPnlMatrix(
  scenarios: ScenarioSet,
  exposures: readonly Exposure[],
  horizonYears: number,
): Float64Array {
  const { count, logReturns, volFactors } = scenarios;
  const pnl = new Float64Array(count * exposures.length);
  if (exposures.length > 0 && count > 0)
    new ScenarioPnlKernel(scenarios, exposures, horizonYears).fillRows(
      logReturns,
      0,
      count,
      pnl,
      0,
      volFactors,
    );
  return pnl;
}
