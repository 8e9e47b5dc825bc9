import { scaledCholeskyLower } from '../math/cholesky';
import { RandomStream } from '../math/random-stream';
import type { Rng } from '../math/rng';
import type { Distribution } from '../portfolio/portfolio-types';
import { volScaleOf } from './day-variance-mixture';

/**
 * Monte Carlo scenarios of joint log-returns over a horizon (DESIGN.md §6 conventions):
 * zero mean; covariance Σ_h = diag(σ)·R·diag(σ)·h/8760 with annualised vols σ and correlation R;
 * multivariate normal, or multivariate Student-t with a common χ² mixing variable scaled to unit
 * variance and by the distribution's vol scale s (x = s·L·z·√((ν−2)/W), W ~ χ²_ν), which gives
 * joint tail dependence: the one-day law of the path model (day-variance-mixture.ts).
 *
 * Draws (math/random-stream.ts): per scenario, A Ziggurat normals then one χ²_ν (for whole ν a
 * sum of exponentials); scenario s uses the same draws whatever N, so a larger run extends a
 * smaller one. The stream owns `rng` (it reads ahead in blocks).
 *
 * Output: row-major Float64Array of scenarios × assets. Cost: O(N·A²) plus the Cholesky factor;
 * per scenario A normal draws (about 8 ns each) and one χ² (one log for whole ν).
 */
export interface MonteCarloSpec {
  readonly assets: readonly string[];
  readonly annualVols: readonly number[];
  /** Row-major assets × assets correlation matrix. */
  readonly correlationMatrix: Float64Array;
  readonly horizonHours: number;
  readonly scenarios: number;
  readonly distribution: Distribution;
}

export const HOURS_PER_YEAR = 8760;
const BLOCK_SCENARIOS = 256;

export function monteCarloLogReturns(spec: MonteCarloSpec, rng: Rng): Float64Array {
  const size = spec.assets.length;
  if (spec.scenarios < 1)
    throw new RangeError('monteCarloLogReturns requires at least one scenario');
  const horizonScale = Math.sqrt(spec.horizonHours / HOURS_PER_YEAR);
  const lower = scaledCholeskyLower(
    spec.correlationMatrix,
    Array.from({ length: size }, (_, i) => (spec.annualVols[i] ?? 0) * horizonScale),
    size,
    spec.assets,
  );
  const out = new Float64Array(spec.scenarios * size);
  const stream = new RandomStream(rng);
  const nu = spec.distribution.type === 'student-t' ? spec.distribution.nu : 0;
  if (spec.distribution.type === 'student-t' && !(nu > 2))
    throw new RangeError(`monteCarloLogReturns requires Student-t nu > 2, got ${nu}`);
  const volScale = volScaleOf(spec.distribution);
  // Hot loops: typed-array reads use `as number`; every index is in bounds by construction.
  // By blocks: the draws (per scenario: A normals, then the χ² mixing), then x = L·z in place;
  // two simple loops run faster than one that interleaves them, in the same order of draws.
  const mixing = new Float64Array(BLOCK_SCENARIOS);
  for (let first = 0; first < spec.scenarios; first += BLOCK_SCENARIOS) {
    const end = Math.min(spec.scenarios, first + BLOCK_SCENARIOS);
    for (let scenario = first; scenario < end; scenario++) {
      stream.fillNormal(out, scenario * size, scenario * size + size);
      mixing[scenario - first] = nu > 0 ? volScale * Math.sqrt((nu - 2) / stream.chiSquare(nu)) : 1;
    }
    for (let scenario = first; scenario < end; scenario++) {
      const row = scenario * size;
      const scale = mixing[scenario - first] as number;
      // Last row first: row i reads z_0..z_i, none of them overwritten yet.
      for (let i = size - 1; i >= 0; i--) {
        let value = 0;
        for (let k = 0; k <= i; k++)
          value += (lower[i * size + k] as number) * (out[row + k] as number);
        out[row + i] = value * scale;
      }
    }
  }
  return out;
}
