/**
 * Cholesky factor of a symmetric positive semi-definite matrix: Σ = L·Lᵀ, L lower triangular.
 *
 * Input and output are dense row-major Float64Array of size n×n; the input is not mutated.
 * A pivot that falls below −1e-12·(diagonal scale) means the matrix is not positive
 * semi-definite and is rejected with a message naming the row; pivots within ±1e-12·(diagonal
 * scale) are rounding and are taken as zero (semi-definite matrices, e.g. perfectly correlated
 * assets, are accepted). Below a zero pivot the column's residual must vanish too (within
 * 1e-6·√(a_ii·a_jj), the size of a residual over a pivot at the tolerance): a residual there is
 * a matrix that is not semi-definite (e.g. correlations −1, 0.8 and 0.8 among three assets),
 * rejected, not divided by a rounding-sized pivot. Cost: O(n³/3).
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
        const tolerance = 1e-12 * Math.max(scale, 1e-300);
        if (sum < -tolerance) throw notSemiDefinite(labels, row);
        lower[row * size + col] = sum > tolerance ? Math.sqrt(sum) : 0;
      } else {
        const pivot = lower[col * size + col] ?? 0;
        if (pivot > 0) {
          lower[row * size + col] = sum / pivot;
        } else {
          const scale = Math.sqrt(
            Math.abs(matrix[row * size + row] ?? 0) * Math.abs(matrix[col * size + col] ?? 0),
          );
          if (Math.abs(sum) > 1e-6 * Math.max(scale, 1e-300)) throw notSemiDefinite(labels, row);
          lower[row * size + col] = 0;
        }
      }
    }
  }
  return lower;
}

function notSemiDefinite(labels: readonly string[] | undefined, row: number): RangeError {
  const name = labels?.[row] ?? `row ${row}`;
  return new RangeError(
    `choleskyLower: the covariance matrix is not positive semi-definite at ${name} (check the correlations)`,
  );
}

/**
 * The Cholesky factor of the covariance D·C·D from the correlation matrix C and the scales
 * D = diag(`scales`) (each asset's vol over the horizon): D·chol(C), the same factor computed on
 * the matrix the market check accepted (market-snapshot.ts), so a correlation matrix the check
 * passes never fails here on the rounding of its scaled copy. Cost: O(n³/3).
 */
export function scaledCholeskyLower(
  correlation: Float64Array,
  scales: ArrayLike<number>,
  size: number,
  labels?: readonly string[],
): Float64Array {
  const lower = choleskyLower(correlation, size, labels);
  for (let row = 0; row < size; row++) {
    const scale = scales[row] ?? 0;
    for (let col = 0; col <= row; col++)
      lower[row * size + col] = (lower[row * size + col] ?? 0) * scale;
  }
  return lower;
}
