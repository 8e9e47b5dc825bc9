import { black76Greeks } from '../pricer/black76';
import { optionValue, type Exposure, type OptionExposure } from './exposure';

/**
 * The scenario × position P&L matrix (USD), the one object every measure reduces: ES, VaR and
 * Euler contributions (expected-shortfall.ts), incremental ES, stress losses.
 *
 * Input: a scenario set (row-major log-returns scenarios × assets, optional per-scenario option
 * vol factors) and the horizon in years (options age by it). Output: row-major Float64Array
 * scenarios × exposures. Options are revalued with Black-76, never by delta: in full at every
 * scenario for sets under GRID_MIN_SCENARIOS or with vol shifts (the stress grid), and for larger
 * sets through an exact-node cubic Hermite grid of 513 nodes (optionGrid; error measured by
 * `npm run bench` and bounded in scenario-pnl-matrix.test.ts). Cost: O(N·P).
 */
export interface ScenarioSet {
  readonly assetCount: number;
  readonly count: number;
  readonly logReturns: Float64Array;
  /** Multiplier of every option's vol per scenario (1 when absent). */
  readonly volFactors?: Float64Array;
}

/** Scenario sets at least this large revalue options through the grid (optionGrid). */
export const GRID_MIN_SCENARIOS = 2048;
const GRID_NODES = 513;

export function scenarioPnlMatrix(
  scenarios: ScenarioSet,
  exposures: readonly Exposure[],
  horizonYears: number,
): Float64Array {
  const { assetCount, count, logReturns, volFactors } = scenarios;
  const width = exposures.length;
  const pnl = new Float64Array(count * width);
  const useGrid = volFactors === undefined && count >= GRID_MIN_SCENARIOS;
  // Column descriptors in flat typed arrays: kind 0 = delta-one, 1 = option on the grid,
  // 2 = option repriced in full.
  const kind = new Uint8Array(width);
  const asset = new Int32Array(width);
  const scale = new Float64Array(width);
  const valueNow = new Float64Array(width);
  const gridLow = new Float64Array(width);
  const gridStep = new Float64Array(width);
  const gridValues = new Float64Array(width * GRID_NODES);
  const gridSlopes = new Float64Array(width * GRID_NODES);
  exposures.forEach((exposure, column) => {
    asset[column] = exposure.assetIndex;
    if (exposure.kind === 'delta-one') {
      scale[column] = exposure.quantity * exposure.price * exposure.usdPerSettle;
      return;
    }
    scale[column] = exposure.quantity;
    valueNow[column] = optionValue(exposure);
    kind[column] = useGrid ? 1 : 2;
    if (useGrid) {
      const grid = optionGrid(
        exposure,
        exposure.timeToExpiry - horizonYears,
        logReturns,
        assetCount,
        count,
      );
      gridLow[column] = grid.low;
      gridStep[column] = grid.step;
      gridValues.set(grid.values, column * GRID_NODES);
      gridSlopes.set(grid.slopes, column * GRID_NODES);
    }
  });
  // Hot loop: typed-array reads use `as number`; every index is in bounds by construction.
  // e^r − 1 once per scenario and asset, shared by every delta-one position on that asset, stored
  // only for the assets that delta-one columns use (slot per asset, −1 when unused).
  const usedAssets = [
    ...new Set(
      exposures
        .filter((exposure) => exposure.kind === 'delta-one')
        .map((exposure) => exposure.assetIndex),
    ),
  ];
  const slot = new Int32Array(assetCount).fill(-1);
  usedAssets.forEach((used, index) => (slot[used] = index));
  const usedCount = usedAssets.length;
  const growth = new Float64Array(count * usedCount);
  for (let row = 0; row < count; row++) {
    for (let index = 0; index < usedCount; index++)
      growth[row * usedCount + index] = Math.expm1(
        logReturns[row * assetCount + (usedAssets[index] as number)] as number,
      );
  }

  for (let row = 0; row < count; row++) {
    const offset = row * width;
    const returnRow = row * assetCount;
    for (let column = 0; column < width; column++) {
      const a = returnRow + (asset[column] as number);
      const columnKind = kind[column];
      if (columnKind === 0) {
        pnl[offset + column] =
          (scale[column] as number) *
          (growth[row * usedCount + (slot[asset[column] as number] as number)] as number);
      } else if (columnKind === 1) {
        const step = gridStep[column] as number;
        const position = Math.min(
          Math.max(((logReturns[a] as number) - (gridLow[column] as number)) / step, 0),
          GRID_NODES - 1,
        );
        const node = Math.min(Math.floor(position), GRID_NODES - 2);
        const t = position - node;
        const t2 = t * t;
        const t3 = t2 * t;
        const base = column * GRID_NODES + node;
        const value =
          (2 * t3 - 3 * t2 + 1) * (gridValues[base] as number) +
          (t3 - 2 * t2 + t) * step * (gridSlopes[base] as number) +
          (-2 * t3 + 3 * t2) * (gridValues[base + 1] as number) +
          (t3 - t2) * step * (gridSlopes[base + 1] as number);
        pnl[offset + column] = (scale[column] as number) * (value - (valueNow[column] as number));
      } else {
        const exposure = exposures[column] as OptionExposure;
        const forward = exposure.forward * Math.exp(logReturns[a] as number);
        pnl[offset + column] =
          (scale[column] as number) *
          (optionValue(
            exposure,
            forward,
            exposure.timeToExpiry - horizonYears,
            volFactors?.[row] ?? 1,
          ) -
            (valueNow[column] as number));
      }
    }
  }
  return pnl;
}

/**
 * An option's value as a function of its asset's log-return r, by cubic Hermite interpolation
 * on 513 equally spaced nodes spanning the scenario set's range of r, with the exact value and
 * its exact slope dV/dr = Δ·F·e^r (Black-76) at every node: a revaluation in full at the nodes,
 * interpolated between them (error O(h⁴); measured by `npm run bench` and bounded in
 * scenario-pnl-matrix.test.ts). Used for large scenario sets without vol shifts. At or after
 * expiry the slope is the intrinsic one, which black76Greeks gives.
 */
function optionGrid(
  exposure: OptionExposure,
  remaining: number,
  logReturns: Float64Array,
  assetCount: number,
  count: number,
): { low: number; step: number; values: Float64Array; slopes: Float64Array } {
  let low = 0;
  let high = 0;
  for (let s = 0; s < count; s++) {
    const r = logReturns[s * assetCount + exposure.assetIndex] ?? 0;
    if (r < low) low = r;
    if (r > high) high = r;
  }
  const step = (high - low) / (GRID_NODES - 1) || 1;
  const values = new Float64Array(GRID_NODES);
  const slopes = new Float64Array(GRID_NODES);
  for (let node = 0; node < GRID_NODES; node++) {
    const forward = exposure.forward * Math.exp(low + node * step);
    values[node] = optionValue(exposure, forward, remaining);
    slopes[node] =
      black76Greeks({
        type: exposure.type,
        forward,
        strike: exposure.strike,
        timeToExpiry: remaining,
        lognormalVol: exposure.lognormalVol,
      }).delta * forward;
  }
  return { low, step, values, slopes };
}
