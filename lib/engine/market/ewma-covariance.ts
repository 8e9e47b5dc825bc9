/**
 * RiskMetrics EWMA covariance of daily log-returns, and the annualised vols and correlation
 * matrix it implies (J.P. Morgan/Reuters, RiskMetrics — Technical Document, 4th ed., 1996,
 * §5.2: eq. 5.1 for the variance, the same recursion for covariances; λ = 0.94 for daily data,
 * §5.3; methodology.md §6.3):
 *
 *   Σ_t = λ·Σ_{t−1} + (1 − λ)·r_t·r_tᵀ
 *
 * Seeding (the convention of `npm run calibrate` and `npm run backtest`): Σ_0 is the mean outer
 * product of the first `seedDays` (30) return vectors (zero mean, as RiskMetrics assumes), and
 * the recursion then runs over every return, the first `seedDays` included. After n returns the
 * seed weighs λⁿ (0.94²⁴⁹ ≈ 2·10⁻⁷ after 250 daily candles), so the seed matters only for short
 * histories.
 *
 * Units: returns are daily log-returns (fractions); the covariance is daily; vols are annualised
 * over 365 days (σ_daily·√365, crypto trades every day); correlations are fractions.
 *
 * Positive semi-definite by construction: Σ_0 is a mean of outer products and each step adds a
 * non-negative multiple of an outer product to a non-negative multiple of Σ_{t−1}, so Σ_t is a
 * non-negative combination of rank-one PSD matrices; the correlation matrix D^{-1/2}·Σ·D^{-1/2}
 * is a congruence of Σ and stays PSD. An asset with zero variance has no correlation and is
 * rejected by name.
 *
 * Cost: O(T·n²) time, O(n²) memory for T returns of n assets. Matrices are row-major Float64Array.
 */
export const RISKMETRICS_DAILY_LAMBDA = 0.94;
export const EWMA_SEED_DAYS = 30;
export const DAYS_PER_YEAR = 365;

export interface EwmaOptions {
  /** Decay factor λ in (0, 1); 0.94 (RiskMetrics daily) by default. */
  readonly lambda?: number;
  /** Returns averaged into the seed Σ_0; 30 by default. */
  readonly seedDays?: number;
}

export interface EwmaVolsAndCorrelations {
  /** Annualised (365-day) vol of each asset, σ_daily·√365. */
  readonly annualVols: Float64Array;
  /** Row-major n×n correlation matrix, unit diagonal. */
  readonly correlationMatrix: Float64Array;
}

/**
 * The EWMA covariance after every return in `returns` (rows are days, oldest first; each row has
 * one daily log-return per asset). Throws a RangeError when there are fewer rows than seed days,
 * rows of different lengths, or a return that is not a finite number.
 */
export function ewmaCovariance(
  returns: readonly ArrayLike<number>[],
  options: EwmaOptions = {},
): Float64Array {
  const lambda = options.lambda ?? RISKMETRICS_DAILY_LAMBDA;
  const covariance = ewmaSeed(returns, options.seedDays ?? EWMA_SEED_DAYS);
  for (const row of returns) ewmaStep(covariance, row, lambda);
  return covariance;
}

/** Σ_0: the mean outer product of the first `seedDays` rows (row-major n×n). */
export function ewmaSeed(
  returns: readonly ArrayLike<number>[],
  seedDays: number = EWMA_SEED_DAYS,
): Float64Array {
  if (!Number.isInteger(seedDays) || seedDays < 1)
    throw new RangeError(`ewmaSeed: seedDays must be a positive integer, got ${seedDays}`);
  if (returns.length < seedDays)
    throw new RangeError(
      `ewmaSeed: ${returns.length} daily returns are fewer than the ${seedDays} the seed averages`,
    );
  const size = returns[0]?.length ?? 0;
  if (size === 0) throw new RangeError('ewmaSeed: each row needs at least one asset');
  const sums = new Float64Array(size * size);
  for (let t = 0; t < seedDays; t++) {
    const row = checkedRow(returns[t] as ArrayLike<number>, size, t);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j <= i; j++)
        sums[i * size + j] =
          (sums[i * size + j] as number) + (row[i] as number) * (row[j] as number);
    }
  }
  const seed = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      const value = (sums[i * size + j] as number) / seedDays;
      seed[i * size + j] = value;
      seed[j * size + i] = value;
    }
  }
  return seed;
}

/**
 * One RiskMetrics step in place: Σ ← λ·Σ + (1 − λ)·r·rᵀ. `covariance` is the row-major n×n
 * daily covariance known before the day of `row`; afterwards it includes that day.
 */
export function ewmaStep(covariance: Float64Array, row: ArrayLike<number>, lambda: number): void {
  if (!(lambda > 0 && lambda < 1))
    throw new RangeError(`ewmaStep: the decay factor must lie in (0, 1), got ${lambda}`);
  const size = row.length;
  if (covariance.length !== size * size)
    throw new RangeError(
      `ewmaStep: a ${size}-asset return row needs a ${size}×${size} covariance, got ${covariance.length} entries`,
    );
  checkedRow(row, size);
  const weight = 1 - lambda;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      const value =
        lambda * (covariance[i * size + j] as number) +
        weight * ((row[i] as number) * (row[j] as number));
      covariance[i * size + j] = value;
      covariance[j * size + i] = value;
    }
  }
}

/**
 * Annualised vols (√(365·Σ_ii)) and the correlation matrix Σ_ij/√(Σ_ii·Σ_jj) of a daily
 * covariance. Throws a RangeError naming an asset whose variance is zero (no correlation exists).
 */
export function volsAndCorrelations(
  covariance: Float64Array,
  size: number,
  labels?: readonly string[],
  daysPerYear: number = DAYS_PER_YEAR,
): EwmaVolsAndCorrelations {
  if (covariance.length !== size * size)
    throw new RangeError(
      `volsAndCorrelations: expected a ${size}×${size} covariance, got ${covariance.length} entries`,
    );
  const annualVols = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const variance = covariance[i * size + i] as number;
    if (!(variance > 0))
      throw new RangeError(
        `volsAndCorrelations: ${labels?.[i] ?? `asset ${i}`} has zero EWMA variance (its price did not move), so it has no correlation`,
      );
    annualVols[i] = Math.sqrt(variance * daysPerYear);
  }
  const correlationMatrix = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    correlationMatrix[i * size + i] = 1;
    for (let j = 0; j < i; j++) {
      const value =
        (covariance[i * size + j] as number) /
        Math.sqrt((covariance[i * size + i] as number) * (covariance[j * size + j] as number));
      correlationMatrix[i * size + j] = value;
      correlationMatrix[j * size + i] = value;
    }
  }
  return { annualVols, correlationMatrix };
}

function checkedRow(row: ArrayLike<number>, size: number, index?: number): ArrayLike<number> {
  const where = index === undefined ? 'a return row' : `return row ${index}`;
  if (row.length !== size)
    throw new RangeError(`ewma: ${where} has ${row.length} assets, expected ${size}`);
  for (let i = 0; i < size; i++) {
    if (!Number.isFinite(row[i]))
      throw new RangeError(`ewma: ${where}, asset ${i}: ${String(row[i])} is not a finite return`);
  }
  return row;
}
