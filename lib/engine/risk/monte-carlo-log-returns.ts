import { choleskyLower } from '../math/cholesky';
import type { Rng } from '../math/rng';
import { chiSquareSample, fillStandardNormal } from '../math/samplers';

/**
 * Monte Carlo scenarios of joint log-returns over a horizon (DESIGN.md §6 conventions):
 * zero mean; covariance Σ_h = diag(σ)·R·diag(σ)·h/8760 with annualised vols σ and correlation R;
 * multivariate normal, or multivariate Student-t with a common χ² mixing variable scaled to unit
 * variance (x = L·z·√((ν−2)/W), W ~ χ²_ν), which gives joint tail dependence.
 *
 * Output: row-major Float64Array of scenarios × assets. Cost: O(N·A²) plus the Cholesky factor.
 */
export interface MonteCarloSpec {
  readonly assets: readonly string[];
  readonly annualVols: readonly number[];
  /** Row-major assets × assets correlation matrix. */
  readonly correlationMatrix: Float64Array;
  readonly horizonHours: number;
  readonly scenarios: number;
  readonly distribution:
    { readonly type: 'normal' } | { readonly type: 'student-t'; readonly nu: number };
}

export const HOURS_PER_YEAR = 8760;

export function monteCarloLogReturns(spec: MonteCarloSpec, rng: Rng): Float64Array {
  const size = spec.assets.length;
  if (spec.scenarios < 1)
    throw new RangeError('monteCarloLogReturns requires at least one scenario');
  const horizonScale = Math.sqrt(spec.horizonHours / HOURS_PER_YEAR);
  const covariance = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      covariance[i * size + j] =
        (spec.annualVols[i] ?? 0) *
        (spec.annualVols[j] ?? 0) *
        (spec.correlationMatrix[i * size + j] ?? 0) *
        horizonScale *
        horizonScale;
    }
  }
  const lower = choleskyLower(covariance, size, spec.assets);
  const out = new Float64Array(spec.scenarios * size);
  const normals = new Float64Array(size);
  const nu = spec.distribution.type === 'student-t' ? spec.distribution.nu : 0;
  if (spec.distribution.type === 'student-t' && !(nu > 2))
    throw new RangeError(`monteCarloLogReturns requires Student-t nu > 2, got ${nu}`);
  // Hot loop: typed-array reads use `as number`; every index is in bounds by construction.
  for (let scenario = 0; scenario < spec.scenarios; scenario++) {
    fillStandardNormal(rng, normals);
    const mixing = nu > 0 ? Math.sqrt((nu - 2) / chiSquareSample(rng, nu)) : 1;
    const row = scenario * size;
    for (let i = 0; i < size; i++) {
      let value = 0;
      for (let k = 0; k <= i; k++)
        value += (lower[i * size + k] as number) * (normals[k] as number);
      out[row + i] = value * mixing;
    }
  }
  return out;
}
