/**
 * Maximum-likelihood fit of the product's forecast decays (lib/engine/market/vol-forecast.ts):
 * the vol decay λ_v and the correlation decay λ_c, pooled over assets (and pairs of assets).
 *
 * Model (Bollerslev 1987, "A conditionally heteroskedastic time series model for speculative
 * prices and rates of return", Rev. Econ. Stat. 69(3): conditional Student-t innovations fitted
 * by maximum likelihood; the EWMA is the IGARCH(1,1) without constant, RiskMetrics — Technical
 * Document, 1996, §5.2): a day's log-return is r_t = c·σ_t·T_ν, σ_t² the EWMA (λ_v) of the
 * returns before t, T_ν a unit-variance Student-t, the same law as the product's day
 * (lib/engine/risk/day-variance-mixture.ts). Its log-likelihood, over the assets and the days
 * after each asset's 30-day seed,
 *
 *   ℓ(λ_v, ν, c) = Σ [ log f_ν(r_t/(c·σ_t)) − log(c·σ_t) ],
 *   log f_ν(z) = lnΓ((ν+1)/2) − lnΓ(ν/2) − ½·ln(π·(ν−2)) − ((ν+1)/2)·ln(1 + z²/(ν−2)),
 *
 * is maximised over ν and c for each λ_v on a grid (profile likelihood), and λ_v is the grid
 * point with the largest profile. ν and c here are nuisance parameters: the product's tail
 * (ν, s) is fitted to the daily highs and lows (tail-fit.ts), since that is what liquidates.
 *
 * λ_c is then fitted the same way on pairs: the days' standardised returns z_i = r_i/(c·σ_i) are
 * a bivariate unit-variance Student-t with one shared mixing draw (the product's joint day,
 * monte-carlo-log-returns.ts) and correlation ρ_t from the EWMA (λ_c) of the returns before t:
 *
 *   log f(z) = lnΓ((ν+2)/2) − lnΓ(ν/2) − ln(π·(ν−2)) − ½·ln(1−ρ²)
 *              − ((ν+2)/2)·ln(1 + (z₀² − 2ρz₀z₁ + z₁²)/((1−ρ²)(ν−2))),
 *
 * summed over every pair's common days after its seed (the Jacobian −Σ ln(c·σ_i) does not depend
 * on λ_c and is left out).
 *
 * Grids: λ from 0.80 to 0.99 by 0.01; ν in (2.05, 30) and c in (0.5, 2) by golden-section search
 * (the profile is unimodal in each on these data; 30 steps, 1e-6 of the interval).
 * Cost: per λ_v, O(30² · observations); a few seconds for 30,000 asset-days.
 */
import { logGamma } from '../../lib/engine/math/log-gamma';
import { EWMA_SEED_DAYS } from '../../lib/engine/market/ewma-covariance';

/** The decays are fitted on the days before this one, so later days test them out of sample. */
export const DECAY_FIT_BEFORE = '2021-01-01';

export const DECAY_GRID: readonly number[] = Array.from(
  { length: 20 },
  (_, i) => Math.round((0.8 + 0.01 * i) * 100) / 100,
);

export interface VolDecayFit {
  readonly volLambda: number;
  /** The nuisance tail index and vol scale at the maximum. */
  readonly nu: number;
  readonly scale: number;
  readonly logLikelihood: number;
  /** The profile log-likelihood at each λ of DECAY_GRID. */
  readonly profile: readonly number[];
  readonly observations: number;
}

export interface CorrelationDecayFit {
  readonly correlationLambda: number;
  readonly logLikelihood: number;
  readonly profile: readonly number[];
  readonly observations: number;
}

/**
 * λ_v, ν and c by maximum likelihood. `series` holds each asset's daily log-returns, oldest first
 * (already cut to the fitting window); each needs more than the 30 seed days.
 */
export function fitVolDecay(series: readonly (readonly number[])[]): VolDecayFit {
  for (const [index, returns] of series.entries())
    if (returns.length <= EWMA_SEED_DAYS)
      throw new RangeError(
        `fitVolDecay: series ${index} has ${returns.length} returns, not more than the ${EWMA_SEED_DAYS} seed days`,
      );
  let best: VolDecayFit | null = null;
  const profile: number[] = [];
  for (const lambda of DECAY_GRID) {
    const standardised = series.map((returns) => forecastSigmas(returns, lambda));
    const logLikelihood = (nu: number, scale: number) => {
      const front = logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(Math.PI * (nu - 2));
      let sum = 0;
      for (const { returns, sigmas } of standardised)
        for (let t = EWMA_SEED_DAYS; t < returns.length; t++) {
          const sd = scale * (sigmas[t] as number);
          const z = (returns[t] as number) / sd;
          sum += front - ((nu + 1) / 2) * Math.log1p((z * z) / (nu - 2)) - Math.log(sd);
        }
      return sum;
    };
    const scaleAt = (nu: number) => goldenMaximum((scale) => logLikelihood(nu, scale), 0.5, 2);
    const nu = goldenMaximum((value) => logLikelihood(value, scaleAt(value)), 2.05, 30);
    const scale = scaleAt(nu);
    const value = logLikelihood(nu, scale);
    profile.push(value);
    if (best === null || value > best.logLikelihood)
      best = {
        volLambda: lambda,
        nu,
        scale,
        logLikelihood: value,
        profile,
        observations: series.reduce((sum, returns) => sum + returns.length - EWMA_SEED_DAYS, 0),
      };
  }
  return best as VolDecayFit;
}

/**
 * λ_c by maximum likelihood given the vol fit. `pairs` holds, per pair of assets, the rows of
 * their daily log-returns on their common days, oldest first, each row [r₀, r₁].
 */
export function fitCorrelationDecay(
  pairs: readonly (readonly (readonly [number, number])[])[],
  volFit: Pick<VolDecayFit, 'volLambda' | 'nu' | 'scale'>,
): CorrelationDecayFit {
  const { nu, scale, volLambda } = volFit;
  const front = logGamma((nu + 2) / 2) - logGamma(nu / 2) - Math.log(Math.PI * (nu - 2));
  const standardised = pairs.map((rows) => {
    if (rows.length <= EWMA_SEED_DAYS)
      throw new RangeError(
        `fitCorrelationDecay: a pair has ${rows.length} common days, not more than the ${EWMA_SEED_DAYS} seed days`,
      );
    const first = forecastSigmas(
      rows.map((row) => row[0]),
      volLambda,
    );
    const second = forecastSigmas(
      rows.map((row) => row[1]),
      volLambda,
    );
    return rows.map(
      (_, t) =>
        [
          (first.returns[t] as number) / (scale * (first.sigmas[t] as number)),
          (second.returns[t] as number) / (scale * (second.sigmas[t] as number)),
        ] as const,
    );
  });
  let best: CorrelationDecayFit | null = null;
  const profile: number[] = [];
  for (const lambda of DECAY_GRID) {
    let sum = 0;
    pairs.forEach((rows, pair) => {
      const z = standardised[pair] as (readonly [number, number])[];
      let c00 = 0;
      let c11 = 0;
      let c01 = 0;
      for (let t = 0; t < EWMA_SEED_DAYS; t++) {
        const [a, b] = rows[t] as readonly [number, number];
        c00 += (a * a) / EWMA_SEED_DAYS;
        c11 += (b * b) / EWMA_SEED_DAYS;
        c01 += (a * b) / EWMA_SEED_DAYS;
      }
      for (let t = 0; t < rows.length; t++) {
        const [a, b] = rows[t] as readonly [number, number];
        if (t >= EWMA_SEED_DAYS) {
          const rho = c01 / Math.sqrt(c00 * c11);
          const [z0, z1] = z[t] as readonly [number, number];
          const oneMinus = 1 - rho * rho;
          const quadratic = (z0 * z0 - 2 * rho * z0 * z1 + z1 * z1) / oneMinus;
          sum +=
            front - 0.5 * Math.log(oneMinus) - ((nu + 2) / 2) * Math.log1p(quadratic / (nu - 2));
        }
        c00 = lambda * c00 + (1 - lambda) * a * a;
        c11 = lambda * c11 + (1 - lambda) * b * b;
        c01 = lambda * c01 + (1 - lambda) * a * b;
      }
    });
    profile.push(sum);
    if (best === null || sum > best.logLikelihood)
      best = {
        correlationLambda: lambda,
        logLikelihood: sum,
        profile,
        observations: pairs.reduce((total, rows) => total + rows.length - EWMA_SEED_DAYS, 0),
      };
  }
  return best as CorrelationDecayFit;
}

/** σ_t before each day: the EWMA (λ) seeded with the mean square of the first 30 returns. */
function forecastSigmas(
  returns: readonly number[],
  lambda: number,
): { returns: readonly number[]; sigmas: Float64Array } {
  let variance = 0;
  for (let t = 0; t < EWMA_SEED_DAYS; t++) variance += (returns[t] as number) ** 2 / EWMA_SEED_DAYS;
  const sigmas = new Float64Array(returns.length);
  for (let t = 0; t < returns.length; t++) {
    sigmas[t] = Math.sqrt(variance);
    variance = lambda * variance + (1 - lambda) * (returns[t] as number) ** 2;
  }
  return { returns, sigmas };
}

/** The maximiser of a unimodal f on [low, high] by golden-section search (30 steps). */
function goldenMaximum(f: (x: number) => number, low: number, high: number): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = low;
  let b = high;
  let x1 = b - ratio * (b - a);
  let x2 = a + ratio * (b - a);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let step = 0; step < 30; step++) {
    if (f1 < f2) {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + ratio * (b - a);
      f2 = f(x2);
    } else {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - ratio * (b - a);
      f1 = f(x1);
    }
  }
  return (a + b) / 2;
}
