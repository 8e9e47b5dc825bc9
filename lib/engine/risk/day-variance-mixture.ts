import { normalCdf, normalQuantile } from '../math/normal';
import { unitVarianceStudentTSurvival } from '../math/student-t';
import type { RandomStream } from '../math/random-stream';
import type { Distribution } from '../portfolio/portfolio-types';

/**
 * The day's variance: how the path model gets heavy tails at the daily scale (docs/tail-model.md).
 *
 * Each path draws one variance factor V per day of the horizon, and within the day its log prices
 * move as a Brownian motion with variance V·σ² per unit time (σ the forecast vol): a normal
 * variance mixture whose daily return is V^½·σ·Z. With V = s²·(ν−2)/W, W ~ χ²_ν, the day's return
 * is s·σ·T_ν with T_ν a unit-variance Student-t, the same law as the one-day Monte Carlo
 * scenarios (monte-carlo-log-returns.ts); the normal model is V = 1. A Student-t drawn afresh
 * every hour instead adds up to a nearly normal day (the central limit theorem), which made the
 * earlier model understate the chance of a 4σ day by 4× and of a 6σ day by far more. s and ν are
 * fitted to how often the daily lows and highs of 2014–2025 reached k forecast σ from the prior
 * close (scripts/calibrate.ts).
 *
 * Importance sampling (Glasserman, "Monte Carlo Methods in Financial Engineering", 2003, §4.6;
 * defensive mixtures: Hesterberg 1995, "Weighted average importance sampling and defensive mixture
 * distributions", Technometrics 37(2)): W is drawn from the mixture Σ_j π_j·c_j·χ²_ν of the
 * nominal law (c = 1) and two laws of smaller W (larger V, so rare wide days are sampled often),
 * one component for all the days of a path, and each path carries the likelihood ratio
 * f(W)/Σ_j π_j·g_j(W) with g_j the density of c_j·χ²_ν: g_j(W)/f(W) = c_j^{−ν/2}·exp(−(W/2)·(1/c_j − 1))
 * (a product over the days). The ratio is at most 1/π_0, so no estimate's variance grows by more
 * than that factor over plain sampling, and events of 1e-4 are hit often enough to be measured
 * (liquidation-paths.test.ts).
 */
/** The proposal's scale factors c_j and weights π_j; c_0 = 1 is the nominal law. */
export const PROPOSAL_SCALES = [1, 1 / 8, 1 / 64] as const;
export const PROPOSAL_WEIGHTS = [0.5, 0.25, 0.25] as const;
/** π_0: the nominal law's share of the proposal, which bounds every likelihood ratio by 1/π_0. */
export const NOMINAL_SHARE = PROPOSAL_WEIGHTS[0];

/** The vol scale s of a distribution: the Student-t's `volScale`, else 1. */
export function volScaleOf(distribution: Distribution): number {
  return distribution.type === 'student-t' ? (distribution.volScale ?? 1) : 1;
}

/**
 * The days' variance factors of one path, into `out` (one per day), and the path's likelihood
 * ratio. `importanceSampling` picks one proposal component j for the whole path (with probability
 * π_j) and draws every day's W from c_j·χ²_ν, so the ratio is 1/Σ_j π_j·Π_d r_j(W_d) with
 * r_j = g_j/f = c_j^{−ν/2}·exp(−(W/2)·(1/c_j − 1)): at most 1/π_0 over any number of days (a
 * component drawn afresh each day would multiply the days' bounds). Without importance sampling
 * the nominal law, weight 1; the normal model always V = 1, weight 1.
 */
export function drawDayVariances(
  stream: RandomStream,
  distribution: Distribution,
  importanceSampling: boolean,
  out: Float64Array,
): number {
  if (distribution.type !== 'student-t') {
    out.fill(1);
    return 1;
  }
  const { nu } = distribution;
  const scale = volScaleOf(distribution);
  let factor: number = PROPOSAL_SCALES[0];
  if (importanceSampling) {
    const pick = stream.uniformOpen();
    factor =
      pick < PROPOSAL_WEIGHTS[0]
        ? PROPOSAL_SCALES[0]
        : pick < PROPOSAL_WEIGHTS[0] + PROPOSAL_WEIGHTS[1]
          ? PROPOSAL_SCALES[1]
          : PROPOSAL_SCALES[2];
  }
  // Σ_d W_d, for the ratios: log r_j over the path is −(d·ν/2)·ln c_j − (ΣW/2)·(1/c_j − 1).
  let sumW = 0;
  for (let day = 0; day < out.length; day++) {
    const w = factor * stream.chiSquare(nu);
    sumW += w;
    out[day] = (scale * scale * (nu - 2)) / w;
  }
  if (!importanceSampling) return 1;
  // Σ_j π_j·exp(log r_j), scaled by the largest log r_j so that no exp overflows;
  // log r_j = −(days·ν/2)·ln c_j − (ΣW/2)·(1/c_j − 1).
  const days = out.length;
  let largest = Number.NEGATIVE_INFINITY;
  for (const c of PROPOSAL_SCALES)
    largest = Math.max(largest, ((-days * nu) / 2) * Math.log(c) - (sumW / 2) * (1 / c - 1));
  let proposalOverNominal = 0;
  for (let j = 0; j < PROPOSAL_SCALES.length; j++) {
    const c = PROPOSAL_SCALES[j] as number;
    const logRatio = ((-days * nu) / 2) * Math.log(c) - (sumW / 2) * (1 / c - 1);
    proposalOverNominal += (PROPOSAL_WEIGHTS[j] as number) * Math.exp(logRatio - largest);
  }
  return Math.exp(-largest) / proposalOverNominal;
}

/**
 * The model's probability that a price touches a level `distance` forecast daily σ away (either
 * side) within one day, monitored continuously: given V the reflection principle gives
 * 2·Φ(−k/√V), and averaged over V that is 2·P(s·T_ν > k) (2·Φ(−k) for the normal model).
 * The closed form the path simulation and the calibration backtest are checked against.
 */
export function dailyTouchProbability(distance: number, distribution: Distribution): number {
  if (distance <= 0) return 1;
  if (distribution.type !== 'student-t') return 2 * normalCdf(-distance);
  return Math.min(
    1,
    2 * unitVarianceStudentTSurvival(distance / volScaleOf(distribution), distribution.nu),
  );
}

/**
 * The model's closed-form chance that a price at `spot` touches `barrier` within the horizon
 * (continuous monitoring, zero drift): with k = |ln(barrier/spot)| in horizon σ, 2·Φ(−k) for the
 * normal model, and 2·P(s·T_ν > k) for the heavy-tailed day when the horizon lies within one
 * day (one variance factor). Longer horizons mix several days' variances and have no closed form
 * here: null. A barrier at or beyond the spot on the wrong side has been touched: 1.
 */
export function modelTouchProbability(input: {
  readonly spot: number;
  readonly barrier: number;
  readonly direction: 'down' | 'up';
  readonly annualVol: number;
  readonly horizonHours: number;
  readonly distribution: Distribution;
}): number | null {
  const { spot, barrier, direction, annualVol, horizonHours, distribution } = input;
  if (direction === 'down' ? barrier >= spot : barrier <= spot) return 1;
  if (!(annualVol > 0) || !(horizonHours > 0)) return 0;
  if (distribution.type === 'student-t' && horizonHours > 24 + 1e-9) return null;
  const k = Math.abs(Math.log(barrier / spot)) / (annualVol * Math.sqrt(horizonHours / 8760));
  return dailyTouchProbability(k, distribution);
}

/**
 * The move, in forecast σ of the horizon, that a day's return exceeds on one side with probability
 * 1 − coverage: s·q where P(T_ν > q) = 1 − coverage (unit-variance Student-t; bisection to 1e-10),
 * or Φ⁻¹(coverage) for the normal model. The SPAN-style scan range of the true margin
 * (market/stress-grid.ts) is this many σ, so it covers the coverage target under the model.
 */
export function coverageSigmas(distribution: Distribution, coverage: number): number {
  if (!(coverage > 0.5 && coverage < 1))
    throw new RangeError(`coverageSigmas requires 0.5 < coverage < 1, got ${coverage}`);
  if (distribution.type !== 'student-t') return normalQuantile(coverage);
  let low = 0;
  let high = 1;
  while (unitVarianceStudentTSurvival(high, distribution.nu) > 1 - coverage) high *= 2;
  while (high - low > 1e-10) {
    const middle = (low + high) / 2;
    if (unitVarianceStudentTSurvival(middle, distribution.nu) > 1 - coverage) low = middle;
    else high = middle;
  }
  return volScaleOf(distribution) * ((low + high) / 2);
}
