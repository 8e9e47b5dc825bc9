import { shortfallTail, type ExpectedShortfallResult } from './expected-shortfall';
import type { Exposure } from './exposure';
import { ScenarioPnlKernel } from './scenario-pnl-kernel';
import type { ScenarioSet } from './scenario-pnl-matrix';

/**
 * VaR, ES and Euler contributions at several confidences straight from scenarios and exposures,
 * without holding the scenario × position P&L matrix: the conventions of expected-shortfall.ts,
 * on the same cells as scenarioPnlMatrix (one kernel, scenario-pnl-kernel.ts, revaluation in
 * full); a scenario's loss is the sum of its cells in the kernel's order (by asset), so it can
 * differ from the matrix's row sum in the last bits.
 *
 * Two passes through the kernel:
 * 1. every scenario: the sum of its cells, in registers, into the portfolio losses;
 * 2. per confidence, the tail (tail-scenarios.ts, O(N)), ES and VaR from the losses; then only
 *    the k tail scenarios are revalued again, cell by cell, to average each position's loss over
 *    them (Euler contributions, which add up to ES up to rounding).
 *
 * Input: a scenario set, exposures, the horizon in years, confidences in (0, 1). Output: one
 * result per confidence, in the order given; they share one `losses` array (read-only).
 * Cost: O(N·(A + P)) for pass 1 plus O(k·P) per confidence; memory O(N + k·P), no N × P matrix.
 */
export function scenarioExpectedShortfall(
  scenarios: ScenarioSet,
  exposures: readonly Exposure[],
  horizonYears: number,
  confidences: readonly number[],
): ExpectedShortfallResult[] {
  const width = exposures.length;
  const { count, assetCount, logReturns, volFactors } = scenarios;
  if (width < 1) throw new RangeError('expectedShortfall requires at least one position');
  if (count < 1) throw new RangeError('expectedShortfall requires at least one scenario');
  const kernel = new ScenarioPnlKernel(scenarios, exposures, horizonYears);
  const losses = new Float64Array(count);
  kernel.addTotals(logReturns, 0, count, losses, volFactors);
  negate(losses);

  return confidences.map((confidence) => {
    const tail = shortfallTail(losses, confidence);
    const k = tail.tailCount;
    // The tail scenarios' returns (and vol factors), gathered, then revalued cell by cell.
    const gathered = new Float64Array(k * assetCount);
    const gatheredVols = volFactors === undefined ? undefined : new Float64Array(k);
    tail.tailIndices.forEach((s, index) => {
      gathered.set(logReturns.subarray(s * assetCount, (s + 1) * assetCount), index * assetCount);
      if (gatheredVols) gatheredVols[index] = volFactors?.[s] ?? 1;
    });
    const cells = new Float64Array(k * width);
    kernel.fillRows(gathered, 0, k, cells, 0, gatheredVols);
    return { ...tail, contributions: columnMeanLoss(cells, k, width) };
  });
}

function negate(values: Float64Array): void {
  for (let index = 0; index < values.length; index++) values[index] = -(values[index] as number);
}

/**
 * Each column's mean of −cell over the rows of a row-major rows × width matrix, summed over the
 * rows in order (the additions of expectedShortfall's contributions).
 */
function columnMeanLoss(cells: Float64Array, rows: number, width: number): Float64Array {
  const means = new Float64Array(width);
  // Hot loop: typed-array reads use `as number`; every index is in bounds by construction.
  for (let p = 0; p < width; p++) {
    let sum = 0;
    for (let row = 0; row < rows; row++) sum -= cells[row * width + p] as number;
    means[p] = sum / rows;
  }
  return means;
}
