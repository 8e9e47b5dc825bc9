import { normalCdf } from '../math/normal';
import { OptionType } from '../pricer/black76';
import { optionValue, type Exposure, type OptionExposure } from './exposure';

/** Scenarios as log-returns, row-major scenarios × assets (scenario-pnl-matrix.ts describes the conventions). */
export interface ScenarioSet {
  readonly assetCount: number;
  readonly count: number;
  readonly logReturns: Float64Array;
  /** Multiplier of every option's vol per scenario (1 when absent). */
  readonly volFactors?: Float64Array;
}

/**
 * The one P&L kernel behind scenarioPnlMatrix and scenarioExpectedShortfall: the P&L in USD of
 * every exposure (risk/exposure.ts, revalued in full, never by delta) in a scenario, with the
 * scenario's shared work done once per asset. Positions are grouped by asset; per scenario and
 * asset the kernel takes r once and computes
 *
 * - e^r − 1 once for the asset's delta-one columns: P&L = q·S₀·u·(e^r − 1), computed as
 *   exp(r) − 1 (absolute error below 3e-16, so 3e-10 USD on a 1,000,000 USD position; expm1's
 *   relative accuracy near r = 0 is not needed for a sum in USD and cost 10% of the pass);
 * - for its options on the grid, the node i and the four cubic Hermite weights of r once; each
 *   option is then
 *     pnl = h₀₀(t)·g_i + h₁₀(t)·m_i + h₀₁(t)·g_{i+1} + h₁₁(t)·m_{i+1},
 *   with h₀₀ = (1 + 2t)(1 − t)², h₁₀ = t(1 − t)², h₀₁ = t²(3 − 2t), h₁₁ = t²(t − 1), t the
 *   position of r between nodes i and i+1, g_i = q·(V_i − V₀) and m_i = q·step·dV/dr at the
 *   node: the exact Black-76 value and slope dV/dr = Δ·F₀·e^r (a revaluation in full at 513
 *   equally spaced nodes, interpolated between them; error O(step⁴) relative to the option's
 *   curvature scale σ√(T − h), measured by `npm run bench`, bounded in scenario-pnl-matrix.test.ts);
 * - otherwise Black-76 in full: q·(V(F₀·e^r, K, T − h, σ·m) − V₀).
 *
 * When the grid is used: sets of at least GRID_MIN_SCENARIOS scenarios without vol factors m.
 * Each asset's nodes span the set's range of r clipped to mean ± GRID_HALF_WIDTH_SD sample
 * standard deviations, so one extreme draw does not stretch the spacing for all the others; the
 * few scenarios beyond are revalued in full. An option is on the grid only when the spacing is
 * at most GRID_MAX_STEP_PER_VOL of its σ√(T − h) (the accuracy the test bounds); options closer
 * to expiry than that, or expiring within the horizon (a kink at the strike), are revalued in
 * full at every scenario.
 *
 * A cell depends only on its own scenario's returns (and, on the grid, on the set's range, fixed
 * when the kernel is built), so a cell is the same to the bit whichever call computes it. Sums
 * over a scenario's cells (addTotals) run asset by asset — delta-one columns, then grid options,
 * then options in full, each in column order — not in column order.
 *
 * Units: USD. Cost: O(P + N·A) to build plus, per grid option, 513 Black-76 values and slopes;
 * then per scenario O(A) transcendental functions and O(P) multiply-adds (two Φ per option cell
 * in full); no allocation per scenario.
 */

/** Scenario sets at least this large revalue options through the grid. */
export const GRID_MIN_SCENARIOS = 2048;
const GRID_NODES = 513;
/** The grid spans at most the mean ± this many sample standard deviations of r. */
const GRID_HALF_WIDTH_SD = 8;
/** An option is on the grid when the node spacing is at most this fraction of its σ√(T − h). */
const GRID_MAX_STEP_PER_VOL = 0.05;

/**
 * Black-76 value per unit, undiscounted, written out without allocation in the same operations
 * as pricer/black76.ts black76Price (scenario-pnl-matrix.test.ts checks them equal to the bit):
 * d1 = ln(F/K)/(σ√T) + σ√T/2, d2 = d1 − σ√T; call F·Φ(d1) − K·Φ(d2), put K·Φ(−d2) − F·Φ(−d1),
 * floored at 0; the intrinsic value when σ√T is not positive. Inputs are valid by construction.
 */
function black76Value(isCall: boolean, forward: number, strike: number, totalVol: number): number {
  if (!(totalVol > 0))
    return isCall ? Math.max(forward - strike, 0) : Math.max(strike - forward, 0);
  const d1 = Math.log(forward / strike) / totalVol + 0.5 * totalVol;
  const d2 = d1 - totalVol;
  const value = isCall
    ? forward * normalCdf(d1) - strike * normalCdf(d2)
    : strike * normalCdf(-d2) - forward * normalCdf(-d1);
  return Math.max(value, 0);
}

export class ScenarioPnlKernel {
  readonly width: number;
  private readonly assetCount: number;
  /** Groups: one per asset that has columns. */
  private readonly groupAsset: Int32Array;
  /** Delta-one columns of group g: deltaColumn[deltaStart[g] .. deltaStart[g+1]), scale q·S₀·u. */
  private readonly deltaStart: Int32Array;
  private readonly deltaColumn: Int32Array;
  private readonly deltaScale: Float64Array;
  /** Every option column, grid ones of each group first: column, type, F₀, K, σ, √(T − h), q, V₀. */
  private readonly optionColumn: Int32Array;
  private readonly optionIsCall: Uint8Array;
  private readonly optionForward: Float64Array;
  private readonly optionStrike: Float64Array;
  private readonly optionVol: Float64Array;
  private readonly optionSqrtRemaining: Float64Array;
  private readonly optionQuantity: Float64Array;
  private readonly optionValueNow: Float64Array;
  /** Options of group g: gridStart[g] .. fullStart[g] on the grid, fullStart[g] .. gridStart[g+1] in full. */
  private readonly gridStart: Int32Array;
  private readonly fullStart: Int32Array;
  /**
   * Per group: the table of its grid options, interval-major: for interval i, the four
   * coefficients (g_i, m_i, g_{i+1}, m_{i+1}) of each of its n options, at
   * ((4·i + c)·n + option), so one scenario reads four short contiguous runs.
   */
  private readonly gridTables: Float64Array[];
  /** Per group: the grid's low and high ends and 1/step. */
  private readonly gridLow: Float64Array;
  private readonly gridHigh: Float64Array;
  private readonly gridInverseStep: Float64Array;

  /**
   * Builds the columns for `exposures` over `scenarios` (whose spread of r per asset sets the
   * grid) with options aged by `horizonYears`.
   */
  constructor(scenarios: ScenarioSet, exposures: readonly Exposure[], horizonYears: number) {
    const { assetCount, count, logReturns, volFactors } = scenarios;
    this.width = exposures.length;
    this.assetCount = assetCount;
    exposures.forEach((exposure, column) => {
      if (!(
        Number.isInteger(exposure.assetIndex) &&
        exposure.assetIndex >= 0 &&
        exposure.assetIndex < assetCount
      ))
        throw new RangeError(
          `scenarioPnlMatrix: exposure ${column} has asset index ${exposure.assetIndex}, outside the ${assetCount} assets of the scenarios`,
        );
      if (exposure.kind === 'option' && !(exposure.forward > 0 && exposure.strike > 0))
        throw new RangeError(
          `black76Price requires a positive forward and strike, got ${exposure.forward} and ${exposure.strike}`,
        );
    });
    const assets = [...new Set(exposures.map((exposure) => exposure.assetIndex))].sort(
      (a, b) => a - b,
    );
    this.groupAsset = Int32Array.from(assets);
    const groups = assets.length;

    // Each asset's grid: the range of r clipped to mean ± 8 sd, its step.
    this.gridLow = new Float64Array(groups);
    this.gridHigh = new Float64Array(groups);
    this.gridInverseStep = new Float64Array(groups);
    const gridStep = new Float64Array(groups);
    const useGrid =
      volFactors === undefined &&
      count >= GRID_MIN_SCENARIOS &&
      exposures.some((exposure) => exposure.kind === 'option');
    if (useGrid) {
      const spread = returnSpread(logReturns, assetCount, count);
      assets.forEach((asset, group) => {
        const mean = (spread[asset] as number) / count;
        const sd = Math.sqrt(
          Math.max((spread[assetCount + asset] as number) / count - mean * mean, 0),
        );
        const low = Math.max(
          spread[2 * assetCount + asset] as number,
          mean - GRID_HALF_WIDTH_SD * sd,
        );
        const high = Math.min(
          spread[3 * assetCount + asset] as number,
          mean + GRID_HALF_WIDTH_SD * sd,
        );
        const step = (high - low) / (GRID_NODES - 1);
        this.gridLow[group] = low;
        this.gridHigh[group] = high;
        gridStep[group] = step;
        this.gridInverseStep[group] = step > 0 ? 1 / step : 0;
      });
    }

    const deltas: number[] = [];
    const options: number[] = [];
    const deltaStart = [0];
    const gridStart: number[] = [];
    const fullStart: number[] = [];
    const remaining = (option: OptionExposure) =>
      Math.sqrt(Math.max(option.timeToExpiry - horizonYears, 0));
    assets.forEach((asset, group) => {
      const step = gridStep[group] as number;
      const onGrid = (option: OptionExposure) =>
        useGrid &&
        step > 0 &&
        step <= GRID_MAX_STEP_PER_VOL * option.lognormalVol * remaining(option);
      const grid: number[] = [];
      const full: number[] = [];
      exposures.forEach((exposure, column) => {
        if (exposure.assetIndex !== asset) return;
        if (exposure.kind === 'delta-one') deltas.push(column);
        else if (onGrid(exposure)) grid.push(column);
        else full.push(column);
      });
      deltaStart.push(deltas.length);
      gridStart.push(options.length);
      options.push(...grid);
      fullStart.push(options.length);
      options.push(...full);
    });
    gridStart.push(options.length);
    this.deltaStart = Int32Array.from(deltaStart);
    this.gridStart = Int32Array.from(gridStart);
    this.fullStart = Int32Array.from(fullStart);
    this.deltaColumn = Int32Array.from(deltas);
    this.deltaScale = Float64Array.from(deltas, (column) => {
      const exposure = exposures[column] as Exposure & { kind: 'delta-one' };
      return exposure.quantity * exposure.price * exposure.usdPerSettle;
    });
    const option = options.map((column) => exposures[column] as OptionExposure);
    this.optionColumn = Int32Array.from(options);
    this.optionIsCall = Uint8Array.from(option, (item) => (item.type === OptionType.call ? 1 : 0));
    this.optionForward = Float64Array.from(option, (item) => item.forward);
    this.optionStrike = Float64Array.from(option, (item) => item.strike);
    this.optionVol = Float64Array.from(option, (item) => item.lognormalVol);
    this.optionSqrtRemaining = Float64Array.from(option, remaining);
    this.optionQuantity = Float64Array.from(option, (item) => item.quantity);
    this.optionValueNow = Float64Array.from(option, (item) => optionValue(item));
    this.gridTables = assets.map((_, group) =>
      groupGridTable(
        option.slice(gridStart[group], fullStart[group]),
        horizonYears,
        this.gridLow[group] as number,
        gridStep[group] as number,
      ),
    );
  }

  /**
   * Adds, for scenarios first .. first + rows − 1 of `logReturns` (row-major, this kernel's
   * assets), the sum of the scenario's cells to totals[j] (j = scenario − first), in the
   * kernel's order (module comment). `volFactors`, when given, is indexed like the rows.
   * The same cells as fillRows, summed in registers instead of stored.
   */
  addTotals(
    logReturns: Float64Array,
    first: number,
    rows: number,
    totals: Float64Array,
    volFactors?: Float64Array,
  ): void {
    const { assetCount, groupAsset, deltaStart, deltaScale, gridStart, fullStart } = this;
    const { gridTables, gridLow, gridHigh } = this;
    const groups = groupAsset.length;
    // Hot loop: typed-array reads use `as number`; every index is in bounds by construction.
    for (let j = 0; j < rows; j++) {
      const row = (first + j) * assetCount;
      let total = 0;
      for (let g = 0; g < groups; g++) {
        const r = logReturns[row + (groupAsset[g] as number)] as number;
        const deltaEnd = deltaStart[g + 1] as number;
        let p = deltaStart[g] as number;
        if (p < deltaEnd) {
          const growth = Math.exp(r) - 1;
          for (; p < deltaEnd; p++) total += (deltaScale[p] as number) * growth;
        }
        let o = gridStart[g] as number;
        const gridEnd = fullStart[g] as number;
        const low = gridLow[g] as number;
        if (o < gridEnd && r >= low && r <= (gridHigh[g] as number)) {
          const n = gridEnd - o;
          const table = gridTables[g] as Float64Array;
          const base = this.hermiteAt(g, r, n);
          const { h00, h10, h01, h11 } = this;
          for (let k = 0; k < n; k++)
            total +=
              h00 * (table[base + k] as number) +
              h10 * (table[base + n + k] as number) +
              h01 * (table[base + 2 * n + k] as number) +
              h11 * (table[base + 3 * n + k] as number);
          o = gridEnd;
        }
        // Options in full: those off the grid, and grid options when r is beyond the grid.
        const end = gridStart[g + 1] as number;
        if (o < end) {
          const factor = volFactors === undefined ? 1 : (volFactors[first + j] as number);
          const growth = Math.exp(r);
          for (; o < end; o++) total += this.optionInFull(o, growth, factor);
        }
      }
      totals[j] = (totals[j] as number) + total;
    }
  }

  /**
   * Writes the cells of scenarios first .. first + rows − 1 into the row-major matrix `out`
   * (this kernel's width) at rows outRow, outRow + 1, … (the cells of addTotals, stored).
   */
  fillRows(
    logReturns: Float64Array,
    first: number,
    rows: number,
    out: Float64Array,
    outRow: number,
    volFactors?: Float64Array,
  ): void {
    const { assetCount, width, groupAsset, deltaStart, deltaColumn, deltaScale } = this;
    const { gridStart, fullStart, optionColumn, gridTables, gridLow, gridHigh } = this;
    const groups = groupAsset.length;
    for (let j = 0; j < rows; j++) {
      const row = (first + j) * assetCount;
      const outOffset = (outRow + j) * width;
      for (let g = 0; g < groups; g++) {
        const r = logReturns[row + (groupAsset[g] as number)] as number;
        const deltaEnd = deltaStart[g + 1] as number;
        let p = deltaStart[g] as number;
        if (p < deltaEnd) {
          const growth = Math.exp(r) - 1;
          for (; p < deltaEnd; p++)
            out[outOffset + (deltaColumn[p] as number)] = (deltaScale[p] as number) * growth;
        }
        let o = gridStart[g] as number;
        const gridEnd = fullStart[g] as number;
        const low = gridLow[g] as number;
        if (o < gridEnd && r >= low && r <= (gridHigh[g] as number)) {
          const n = gridEnd - o;
          const table = gridTables[g] as Float64Array;
          const base = this.hermiteAt(g, r, n);
          const { h00, h10, h01, h11 } = this;
          for (let k = 0; k < n; k++)
            out[outOffset + (optionColumn[o + k] as number)] =
              h00 * (table[base + k] as number) +
              h10 * (table[base + n + k] as number) +
              h01 * (table[base + 2 * n + k] as number) +
              h11 * (table[base + 3 * n + k] as number);
          o = gridEnd;
        }
        const end = gridStart[g + 1] as number;
        if (o < end) {
          const factor = volFactors === undefined ? 1 : (volFactors[first + j] as number);
          const growth = Math.exp(r);
          for (; o < end; o++)
            out[outOffset + (optionColumn[o] as number)] = this.optionInFull(o, growth, factor);
        }
      }
    }
  }

  /** The cubic Hermite basis at the last node interval hermiteAt located (h00, h10, h01, h11). */
  private h00 = 0;
  private h10 = 0;
  private h01 = 0;
  private h11 = 0;

  /**
   * Locates log-return r (inside group g's grid range) on its node interval: sets the cubic
   * Hermite basis weights at t ∈ [0, 1] within the interval, h00 = (1 + 2t)(1 − t)²,
   * h10 = t(1 − t)², h01 = t²(3 − 2t), h11 = −t²(1 − t) (slopes are stored pre-scaled by the
   * step), and returns the interval's offset in the group's table of n options.
   */
  private hermiteAt(g: number, r: number, n: number): number {
    const position = Math.min(
      (r - (this.gridLow[g] as number)) * (this.gridInverseStep[g] as number),
      GRID_NODES - 1,
    );
    const node = Math.min(Math.floor(position), GRID_NODES - 2);
    const t = position - node;
    const u = 1 - t;
    this.h00 = (1 + 2 * t) * u * u;
    this.h10 = t * u * u;
    this.h01 = t * t * (3 - 2 * t);
    this.h11 = -t * t * u;
    return 4 * node * n;
  }

  /** q·(V(F₀·e^r, K, T − h, σ·m) − V₀) for option o, given e^r and m. */
  private optionInFull(o: number, growth: number, volFactor: number): number {
    return (
      (this.optionQuantity[o] as number) *
      (black76Value(
        this.optionIsCall[o] === 1,
        (this.optionForward[o] as number) * growth,
        this.optionStrike[o] as number,
        (this.optionVol[o] as number) * volFactor * (this.optionSqrtRemaining[o] as number),
      ) -
        (this.optionValueNow[o] as number))
    );
  }
}

/**
 * Per asset a, over the set: Σr at [a], Σr² at [A + a], the smallest r at [2A + a] and the
 * largest at [3A + a]; one pass, O(N·A).
 */
function returnSpread(logReturns: Float64Array, assetCount: number, count: number): Float64Array {
  const spread = new Float64Array(4 * assetCount);
  for (let a = 0; a < assetCount; a++) {
    spread[2 * assetCount + a] = Number.POSITIVE_INFINITY;
    spread[3 * assetCount + a] = Number.NEGATIVE_INFINITY;
  }
  // Hot loop: typed-array reads use `as number`; every index is in bounds by construction.
  for (let s = 0; s < count; s++) {
    const row = s * assetCount;
    for (let a = 0; a < assetCount; a++) {
      const r = logReturns[row + a] as number;
      spread[a] = (spread[a] as number) + r;
      spread[assetCount + a] = (spread[assetCount + a] as number) + r * r;
      if (r < (spread[2 * assetCount + a] as number)) spread[2 * assetCount + a] = r;
      if (r > (spread[3 * assetCount + a] as number)) spread[3 * assetCount + a] = r;
    }
  }
  return spread;
}

/**
 * The grid table of one asset's grid options (layout in ScenarioPnlKernel.gridTables): for each
 * option and node F_i = F₀·e^{low + i·step}, g_i = q·(V(F_i) − V₀) and m_i = q·step·Δ(F_i)·F_i,
 * Δ = Φ(d1) for a call, −Φ(−d1) for a put (black76Greeks). One log, one exp and two Φ per node,
 * in the operations of black76Price. Only options with σ√(T − h) > 0 are on the grid.
 */
function groupGridTable(
  options: readonly OptionExposure[],
  horizonYears: number,
  low: number,
  step: number,
): Float64Array {
  const n = options.length;
  const table = new Float64Array(4 * (GRID_NODES - 1) * n);
  options.forEach((option, k) => {
    const isCall = option.type === OptionType.call;
    const strike = option.strike;
    const q = option.quantity;
    const now = optionValue(option);
    const totalVol =
      option.lognormalVol * Math.sqrt(Math.max(option.timeToExpiry - horizonYears, 0));
    for (let node = 0; node < GRID_NODES; node++) {
      const forward = option.forward * Math.exp(low + node * step);
      const d1 = Math.log(forward / strike) / totalVol + 0.5 * totalVol;
      const d2 = d1 - totalVol;
      let value: number;
      let delta: number;
      if (isCall) {
        delta = normalCdf(d1);
        value = forward * delta - strike * normalCdf(d2);
      } else {
        const below = normalCdf(-d1);
        value = strike * normalCdf(-d2) - forward * below;
        delta = -below;
      }
      const gain = q * (Math.max(value, 0) - now);
      const slope = q * step * delta * forward;
      // Node i is the left end of interval i and the right end of interval i − 1.
      if (node < GRID_NODES - 1) {
        table[4 * node * n + k] = gain;
        table[(4 * node + 1) * n + k] = slope;
      }
      if (node > 0) {
        table[(4 * node - 2) * n + k] = gain;
        table[(4 * node - 1) * n + k] = slope;
      }
    }
  });
  return table;
}
