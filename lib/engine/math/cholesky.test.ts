import { describe, expect, it } from 'vitest';
import { choleskyLower, scaledCholeskyLower } from './cholesky';

function reconstruct(lower: Float64Array, size: number): Float64Array {
  const out = new Float64Array(size * size);
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++) {
      let sum = 0;
      for (let k = 0; k < size; k++) sum += (lower[i * size + k] ?? 0) * (lower[j * size + k] ?? 0);
      out[i * size + j] = sum;
    }
  return out;
}

describe('choleskyLower', () => {
  it('factors a positive definite matrix so that L·Lᵀ = Σ', () => {
    const sigma = Float64Array.from([4, 2, 0.6, 2, 5, 1.5, 0.6, 1.5, 3]);
    const lower = choleskyLower(sigma, 3);
    const back = reconstruct(lower, 3);
    for (let i = 0; i < 9; i++) expect(back[i]).toBeCloseTo(sigma[i] ?? 0, 14);
    expect(lower[1]).toBe(0);
    expect(lower[2]).toBe(0);
  });

  it('accepts a semi-definite matrix (perfectly correlated assets)', () => {
    const lower = choleskyLower(Float64Array.from([1, 1, 1, 1]), 2);
    expect(Array.from(lower)).toEqual([1, 0, 1, 0]);
  });

  it('rejects an indefinite matrix, naming the asset', () => {
    expect(() =>
      choleskyLower(Float64Array.from([1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1]), 3, [
        'BTC',
        'ETH',
        'SOL',
      ]),
    ).toThrow('not positive semi-definite at SOL');
  });

  it('rejects a singular matrix that is not semi-definite: correlations −1, 0.8 and 0.8', () => {
    // (1, 1, −1)·Σ·(1, 1, −1)ᵀ = 3 − 2 − 3.2 < 0. The second pivot is 0, and the third row's
    // residual under it is 1.6, not 0: before, it was set to 0 and the matrix passed.
    const correlation = new Float64Array([1, -1, 0.8, -1, 1, 0.8, 0.8, 0.8, 1]);
    expect(() => choleskyLower(correlation, 3, ['BTC', 'ETH', 'SOL'])).toThrow(
      'not positive semi-definite at SOL',
    );
    // The same with vols on it (the scaled covariance, where the pivot is rounding-sized).
    const vols = [0.55, 0.7, 0.9];
    const covariance = correlation.map(
      (value, at) => value * (vols[Math.floor(at / 3)] ?? 0) * (vols[at % 3] ?? 0) * 0.0027,
    );
    expect(() => choleskyLower(covariance, 3, ['BTC', 'ETH', 'SOL'])).toThrow(
      'not positive semi-definite at SOL',
    );
  });

  it("factors a covariance as D·chol(C): equal to the covariance's own factor, and defined wherever C passed", () => {
    const correlation = new Float64Array([1, 0.6, 0.3, 0.6, 1, 0.5, 0.3, 0.5, 1]);
    const scales = [0.02, 0.035, 0.05];
    const covariance = correlation.map(
      (value, at) => value * (scales[Math.floor(at / 3)] ?? 0) * (scales[at % 3] ?? 0),
    );
    const direct = choleskyLower(covariance, 3);
    const scaled = scaledCholeskyLower(correlation, scales, 3);
    direct.forEach((value, at) => expect(scaled[at]).toBeCloseTo(value, 15));
    // Perfectly correlated BTC and ETH, each 0.8 to SOL: semi-definite. The scaled copy's second
    // pivot is rounding, not 0; the factor from the correlation never meets it.
    const singular = new Float64Array([1, 1, 0.8, 1, 1, 0.8, 0.8, 0.8, 1]);
    const factor = scaledCholeskyLower(singular, [0.0137, 0.0191, 0.0262], 3);
    expect(factor[4]).toBe(0);
    expect(factor[8]).toBeCloseTo(0.0262 * 0.6, 15);
  });

  it('does not mutate its input', () => {
    const sigma = Float64Array.from([2, 1, 1, 2]);
    choleskyLower(sigma, 2);
    expect(Array.from(sigma)).toEqual([2, 1, 1, 2]);
  });
});
