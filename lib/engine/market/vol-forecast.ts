import {
  ewmaSeed,
  ewmaStep,
  volsAndCorrelations,
  EWMA_SEED_DAYS,
  RISKMETRICS_DAILY_LAMBDA,
  type EwmaVolsAndCorrelations,
} from './ewma-covariance';

/**
 * The daily vol and correlation forecast: two EWMA covariances of the same daily log-returns, a
 * faster one for the vols and a slower one for the correlations (J.P. Morgan/Reuters,
 * RiskMetrics — Technical Document, 4th ed., 1996, §5.2, eq. 5.1 for each; §5.3.2 fits the decay
 * by minimising forecast error, here it is fitted by maximum likelihood, scripts/calibrate.ts):
 *
 *   V_t = λ_v·V_{t−1} + (1 − λ_v)·r_t·r_tᵀ      (vols:          σ_i = √V_ii)
 *   C_t = λ_c·C_{t−1} + (1 − λ_c)·r_t·r_tᵀ      (correlations:  ρ_ij = C_ij/√(C_ii·C_jj))
 *   Σ_t = D_V·R_C·D_V,  D_V = diag(σ_i)
 *
 * With λ_v = λ_c this is the single RiskMetrics EWMA. Σ is positive semi-definite: R_C is (a
 * congruence of the PSD C, ewma-covariance.ts) and D_V·R_C·D_V is a congruence of R_C. Both are
 * seeded alike (ewmaSeed: the mean outer product of the first 30 returns), and the recursions run
 * over every return, the seed's included.
 *
 * Units: returns are daily log-returns (fractions); covariances are daily; vols are annualised
 * over 365 days. Cost: twice the single EWMA, O(T·n²) time, O(n²) memory.
 */
export interface VolForecast {
  /** λ_v in (0, 1): the decay of the EWMA the vols are read from. */
  readonly volLambda: number;
  /** λ_c in (0, 1): the decay of the EWMA the correlations are read from. */
  readonly correlationLambda: number;
}

/** RiskMetrics' daily decay (§5.3) for both: the forecast the product used before issue 14. */
export const RISKMETRICS_FORECAST: VolForecast = {
  volLambda: RISKMETRICS_DAILY_LAMBDA,
  correlationLambda: RISKMETRICS_DAILY_LAMBDA,
};

/** The two running covariances (row-major n×n, daily) a forecast is read from. */
export interface ForecastCovariances {
  readonly vol: Float64Array;
  readonly correlation: Float64Array;
}

/** Both covariances seeded with the mean outer product of the first `seedDays` rows. */
export function forecastSeed(
  returns: readonly ArrayLike<number>[],
  seedDays: number = EWMA_SEED_DAYS,
): ForecastCovariances {
  const seed = ewmaSeed(returns, seedDays);
  return { vol: seed, correlation: Float64Array.from(seed) };
}

/** One day in place: each covariance steps with its own decay (ewmaStep validates the row). */
export function forecastStep(
  covariances: ForecastCovariances,
  row: ArrayLike<number>,
  forecast: VolForecast,
): void {
  ewmaStep(covariances.vol, row, forecast.volLambda);
  ewmaStep(covariances.correlation, row, forecast.correlationLambda);
}

/**
 * The forecast's annualised vols (from the vol covariance) and correlation matrix (from the
 * correlation covariance). Throws a RangeError naming an asset with zero variance in either.
 */
export function forecastVolsAndCorrelations(
  covariances: ForecastCovariances,
  size: number,
  labels?: readonly string[],
): EwmaVolsAndCorrelations {
  const { annualVols } = volsAndCorrelations(covariances.vol, size, labels);
  const { correlationMatrix } = volsAndCorrelations(covariances.correlation, size, labels);
  return { annualVols, correlationMatrix };
}

/** "EWMA λ 0.9 (vols), 0.93 (correlations)", or "EWMA λ 0.94" when both decays are equal. */
export function volForecastLabel(forecast: VolForecast): string {
  return forecast.volLambda === forecast.correlationLambda
    ? `EWMA λ ${forecast.volLambda}`
    : `EWMA λ ${forecast.volLambda} (vols), ${forecast.correlationLambda} (correlations)`;
}
