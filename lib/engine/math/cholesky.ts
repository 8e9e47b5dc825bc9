/**
 * Cholesky factor of a symmetric positive semi-definite matrix: Σ = L·Lᵀ, L lower triangular.
 *
 * Input and output are dense row-major Float64Array of size n×n; the input is not mutated.
 * A pivot that falls below −1e-12·(diagonal scale) means the matrix is not positive
 * semi-definite and is rejected with a message naming the row; tiny negative pivots from
 * rounding are treated as zero (semi-definite matrices, e.g. perfectly correlated assets, are
 * accepted). Cost: O(n³/3).
 */
export function choleskyLower(
  matrix: Float64Array,
  size: number,
  labels?: readonly string[],
): Float64Array {
  if (matrix.length !== size * size) {
    throw new RangeError(
      `choleskyLower requires a ${size}×${size} matrix, got ${matrix.length} entries`,
    );
  }
  const lower = new Float64Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col <= row; col++) {
      let sum = matrix[row * size + col] ?? 0;
      for (let k = 0; k < col; k++)
        sum -= (lower[row * size + k] ?? 0) * (lower[col * size + k] ?? 0);
      if (row === col) {
        const scale = Math.abs(matrix[row * size + row] ?? 0);
        if (sum < -1e-12 * Math.max(scale, 1e-300)) {
          const name = labels?.[row] ?? `row ${row}`;
          throw new RangeError(
            `choleskyLower: the covariance matrix is not positive semi-definite at ${name} (check the correlations)`,
          );
        }
        lower[row * size + col] = sum > 0 ? Math.sqrt(sum) : 0;
      } else {
        const pivot = lower[col * size + col] ?? 0;
        lower[row * size + col] = pivot > 0 ? sum / pivot : 0;
      }
    }
  }
  return lower;
}
