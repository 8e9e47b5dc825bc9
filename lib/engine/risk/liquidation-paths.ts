import { scaledCholeskyLower } from '../math/cholesky';
import { RandomStream } from '../math/random-stream';
import type { Rng } from '../math/rng';
import type { Distribution } from '../portfolio/portfolio-types';
import { drawDayVariances, NOMINAL_SHARE } from './day-variance-mixture';
import type { MarginSilo } from './margin-silo';

/**
 * Probability that each margin silo, each account, and any account at all is liquidated within
 * the horizon, by path simulation (DESIGN.md §6; docs/tail-model.md): joint zero-mean log-price
 * paths of every asset, monitored every `stepHours` (hourly by default), with the covariance of
 * the forecast and one variance factor V per path and day (day-variance-mixture.ts), so that a
 * day's move has the heavy tail of the one-day scenarios: within a day the path is Brownian with
 * variance V·Σ. A silo is liquidated when its equity − maintenance margin ≤ 0 at any time.
 *
 * Between monitoring times a linear silo's surplus S is treated as a Brownian bridge with the
 * local variance of its step, V·gᵀΣg·Δt (g the gradient of S in the log prices, the larger of
 * its values at the step's two ends), so the chance
 * that it crossed zero unseen between two positive values a and b is exp(−2ab/(V·gᵀΣg·Δt))
 * (the bridge's first-passage law; Glasserman 2003 §6.4, Beaglehole, Dybvig & Zhou 1997). A path
 * counts 1 − Π(1 − crossing) instead of 0 or 1: continuous monitoring, as the venues' mark prices
 * are, with less variance. Non-linear silos (inverse, options, portfolio margin) are monitored at
 * the steps only, which slightly understates (Broadie, Glasserman & Kou 1997).
 *
 * Importance sampling: the day's variance is drawn from a defensive mixture that favours wide days
 * and each path carries its likelihood ratio, so rare liquidations are measured, not rounded to
 * zero. Antithetic pairs: every draw drives a path and its mirror (−increments, same V and
 * weight). Standard errors come from the spread of the pairs' weighted averages; the 95% interval
 * is ±1.96 of them. When no pair reached the event at a monitoring time (near misses through the
 * bridges only), `noPathHit` is set and the interval's top is at least 3/(π_0·pairs), the rule of
 * three under the proposal's nominal share π_0 (every likelihood ratio is ≤ 1/π_0).
 *
 * A linear silo's surplus (margin-silo.ts) is, in the price ratios x_a = P_a/P_a,now of its
 * assets, C + Σ_a α_a·x_a − Σ_tiered mm_p(n_p·x_a): single-tier positions fold into C and α
 * (q·mark·x − |q|·mark·x·rate + amount − q·entry), tiered ones keep their tier search. Before
 * walking a path step by step, a lower bound of the surplus over the path's range of each x_a
 * (α·x at the favourable end, each tiered margin at its largest over the range) is checked: a silo
 * whose bound stays above five bridge standard deviations cannot be liquidated on that path but
 * with a chance below e^−50 a step, and is not walked.
 *
 * Cost: O(M·H·A²) for the paths (M paths, H steps, A assets; four exps per asset and path for
 * the ranges) plus, per path and silo, O(terms) for the bound and O(H·terms²) only for silos near
 * liquidation; no allocation per path. A non-linear silo costs H evaluations of its surplus
 * function per path.
 */
export interface PathSpec {
  readonly assets: readonly string[];
  readonly annualVols: readonly number[];
  readonly correlationMatrix: Float64Array;
  readonly horizonHours: number;
  readonly stepHours?: number;
  /** Number of paths, rounded up to an even number (antithetic pairs). */
  readonly paths: number;
  readonly distribution: Distribution;
  /** Draw the days' variances from the importance-sampling mixture (default true). */
  readonly importanceSampling?: boolean;
}

export interface Estimate {
  readonly value: number;
  readonly standardError: number;
  /** The 95% interval (see above); its top at least the rule-of-three bound when `noPathHit`. */
  readonly low: number;
  readonly high: number;
  readonly noPathHit: boolean;
}

export interface LiquidationPathResult {
  readonly silos: readonly Estimate[];
  /** By account id: the probability that any of its silos is liquidated. */
  readonly accounts: Readonly<Record<string, Estimate>>;
  readonly any: Estimate;
  readonly paths: number;
  readonly stepHours: number;
}

/**
 * Per event: running sums of the pairs' weighted averages and their squares, and how many pairs
 * reached the event at a monitoring time (not only by a bridge's near miss).
 */
class PairTally {
  private sum = 0;
  private squares = 0;
  private pairsReached = 0;
  add(pairAverage: number, reached: boolean): void {
    this.sum += pairAverage;
    this.squares += pairAverage * pairAverage;
    if (reached) this.pairsReached++;
  }
  estimate(pairs: number, nominalShare: number): Estimate {
    const value = this.sum / pairs;
    const variance =
      pairs > 1 ? Math.max(this.squares / pairs - value * value, 0) * (pairs / (pairs - 1)) : 0;
    const standardError = Math.sqrt(variance / pairs);
    // Near misses alone (bridge crossings of paths that stayed above the price at every step)
    // make a tiny estimate whose spread says nothing: the rule-of-three bound is the honest top.
    if (this.pairsReached === 0)
      return {
        value,
        standardError,
        low: 0,
        high: Math.min(1, Math.max(value + 1.96 * standardError, 3 / (nominalShare * pairs))),
        noPathHit: true,
      };
    return {
      value,
      standardError,
      low: Math.max(0, value - 1.96 * standardError),
      high: Math.min(1, value + 1.96 * standardError),
      noPathHit: false,
    };
  }
}

/**
 * The linear silos as flat arrays: silo s has linear terms termStart[s] .. termStart[s+1] − 1
 * (asset, α) and tiered positions tieredStart[s] .. (asset, n = |q|·mark, tiers).
 */
interface LinearSilos {
  readonly constant: Float64Array;
  readonly termStart: Int32Array;
  readonly termAsset: Int32Array;
  readonly termSlope: Float64Array;
  readonly tieredStart: Int32Array;
  readonly tieredAsset: Int32Array;
  readonly tieredSize: Float64Array;
  readonly tierStart: Int32Array;
  readonly tierCap: Float64Array;
  readonly tierRate: Float64Array;
  readonly tierAmount: Float64Array;
  /** Per tiered position: its largest maintenance rate (for the bridges' spread bound). */
  readonly largestRate: Float64Array;
  /** Per silo: its surplus now (every ratio 1). */
  readonly initialSurplus: Float64Array;
  /** Per silo: its distinct assets, assetList[assetStart[s] .. assetStart[s+1] − 1]. */
  readonly assetStart: Int32Array;
  readonly assetList: Int32Array;
}

export function liquidationPathProbabilities(
  silos: readonly MarginSilo[],
  spec: PathSpec,
  rng: Rng,
): LiquidationPathResult {
  const size = spec.assets.length;
  const stepHours = spec.stepHours ?? 1;
  const steps = Math.max(1, Math.ceil(spec.horizonHours / stepHours - 1e-9));
  const dt = spec.horizonHours / steps / 8760;
  const covariance = new Float64Array(size * size);
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++)
      covariance[i * size + j] =
        (spec.annualVols[i] ?? 0) *
        (spec.annualVols[j] ?? 0) *
        (spec.correlationMatrix[i * size + j] ?? 0) *
        dt;
  const lower = scaledCholeskyLower(
    spec.correlationMatrix,
    Array.from({ length: size }, (_, i) => (spec.annualVols[i] ?? 0) * Math.sqrt(dt)),
    size,
    spec.assets,
  );
  if (spec.distribution.type === 'student-t' && !(spec.distribution.nu > 2))
    throw new RangeError(
      `liquidationPathProbabilities requires Student-t nu > 2, got ${spec.distribution.nu}`,
    );
  const importanceSampling =
    spec.distribution.type === 'student-t' && (spec.importanceSampling ?? true);
  const nominalShare = importanceSampling ? NOMINAL_SHARE : 1;
  // The day of each step: step k covers hours (k·Δ, (k+1)·Δ]; a day is 24 hours from now.
  const hoursPerStep = spec.horizonHours / steps;
  const stepDay = Int32Array.from({ length: steps }, (_, step) =>
    Math.floor((step * hoursPerStep + 1e-9) / 24),
  );
  const days = (stepDay[steps - 1] as number) + 1;

  const assetIndex = (asset: string) => {
    const index = spec.assets.indexOf(asset);
    if (index < 0) throw new RangeError(`liquidationPathProbabilities: no path for ${asset}`);
    return index;
  };
  const linear = linearSilos(silos, assetIndex, size);
  const nonlinearAssets = silos.map((silo) =>
    Int32Array.from(silo.nonlinear?.assets ?? [], assetIndex),
  );
  const nonlinearPrices = silos.map((silo) =>
    new Array<number>(silo.nonlinear?.assets.length ?? 0).fill(0),
  );
  const accountIds = [...new Set(silos.map((silo) => silo.accountId))];
  const siloAccount = Int32Array.from(silos, (silo) => accountIds.indexOf(silo.accountId));
  const siloTally = silos.map(() => new PairTally());
  const accountTally = accountIds.map(() => new PairTally());
  const anyTally = new PairTally();

  const pairs = Math.max(1, Math.ceil(spec.paths / 2));
  const state: PairState = {
    stream: new RandomStream(rng),
    distribution: spec.distribution,
    importanceSampling,
    lower,
    covariance,
    steps,
    stepDay,
    size,
    normals: new Float64Array(steps * size),
    dayVariance: new Float64Array(days),
    stepVariance: new Float64Array(steps),
    logPrice: new Float64Array(steps * size),
    range: new Float64Array(4 * size),
    ratio: new Float64Array(2 * steps * size),
    gradient: new Float64Array(2 * size),
    stepSigma: Float64Array.from({ length: size }, (_, a) =>
      Math.sqrt(covariance[a * size + a] as number),
    ),
    linear,
    nonlinear: silos.map((silo) => silo.nonlinear),
    nonlinearAssets,
    nonlinearPrices,
    siloAccount,
    siloHits: new Float64Array(silos.length),
    accountHits: new Float64Array(accountIds.length),
    accountSurvival: new Float64Array(accountIds.length),
    siloReached: new Uint8Array(silos.length),
    accountReached: new Uint8Array(accountIds.length),
  };
  for (let pair = 0; pair < pairs; pair++) {
    const anyHits = simulatePair(state);
    for (let s = 0; s < silos.length; s++)
      (siloTally[s] as PairTally).add(state.siloHits[s] as number, state.siloReached[s] === 1);
    for (let a = 0; a < accountIds.length; a++)
      (accountTally[a] as PairTally).add(
        state.accountHits[a] as number,
        state.accountReached[a] === 1,
      );
    anyTally.add(anyHits, state.siloReached.includes(1));
  }
  // A silo at or past its liquidation now is liquidated on every path: exactly 1 (the weighted
  // paths would only estimate it, about 1).
  const now = silos.map((silo, s) =>
    silo.nonlinear
      ? silo.nonlinear.surplus(silo.nonlinear.markPrices) <= 0
      : (linear.initialSurplus[s] as number) <= 0,
  );
  const certain: Estimate = { value: 1, standardError: 0, low: 1, high: 1, noPathHit: false };
  return {
    silos: siloTally.map((tally, s) => (now[s] ? certain : tally.estimate(pairs, nominalShare))),
    accounts: Object.fromEntries(
      accountIds.map((id, a) => [
        id,
        silos.some((silo, s) => now[s] && silo.accountId === id)
          ? certain
          : (accountTally[a] as PairTally).estimate(pairs, nominalShare),
      ]),
    ),
    any: now.includes(true) ? certain : anyTally.estimate(pairs, nominalShare),
    paths: pairs * 2,
    stepHours: hoursPerStep,
  };
}

/** What one antithetic pair needs, allocated once: inputs, scratch arrays and the pair's hits. */
interface PairState {
  readonly stream: RandomStream;
  readonly distribution: Distribution;
  readonly importanceSampling: boolean;
  readonly lower: Float64Array;
  /** The forecast covariance of one step's log returns (before the day's variance factor). */
  readonly covariance: Float64Array;
  readonly steps: number;
  /** The day (0-based) each step falls in. */
  readonly stepDay: Int32Array;
  readonly size: number;
  /** The pair's draws: steps × assets normals, one variance factor per day. */
  readonly normals: Float64Array;
  readonly dayVariance: Float64Array;
  readonly stepVariance: Float64Array;
  /** Log price ratios at each monitoring time, steps × assets (the mirror's are their negatives). */
  readonly logPrice: Float64Array;
  /** Per asset: smallest and largest ratio of the path, then of its mirror (4 × assets). */
  readonly range: Float64Array;
  /** Price ratios x = e^L at each monitoring time, steps × assets, then the mirror's, 1/x. */
  readonly ratio: Float64Array;
  /**
   * Scratch: a linear silo's surplus gradient in the log prices, per asset, at two monitoring
   * times (offsets 0 and size, used in turn).
   */
  readonly gradient: Float64Array;
  /** Each asset's σ over one step (before the day's variance factor). */
  readonly stepSigma: Float64Array;
  readonly linear: LinearSilos;
  readonly nonlinear: readonly (MarginSilo['nonlinear'] | undefined)[];
  readonly nonlinearAssets: readonly Int32Array[];
  readonly nonlinearPrices: readonly number[][];
  readonly siloAccount: Int32Array;
  /** Per silo and account: the pair's weighted hits (half the weight per path and hit). */
  readonly siloHits: Float64Array;
  readonly accountHits: Float64Array;
  readonly accountSurvival: Float64Array;
  /** Per silo and account: whether a path of the pair was liquidated at a monitoring time. */
  readonly siloReached: Uint8Array;
  readonly accountReached: Uint8Array;
}

/**
 * One antithetic pair: draws the days' variances and the steps' increments, then walks the path
 * and its mirror through every silo. Fills state.siloHits and state.accountHits with the pair's
 * weighted average (likelihood ratio × mean of the two paths' hit probabilities); returns the
 * pair's "any" average.
 */
function simulatePair(state: PairState): number {
  const { stream, lower, steps, size, normals, logPrice, range, stepVariance } = state;
  const { siloHits, accountHits, accountSurvival, siloAccount } = state;
  const siloCount = siloHits.length;
  const weight = drawDayVariances(
    stream,
    state.distribution,
    state.importanceSampling,
    state.dayVariance,
  );
  // Hot loops: typed-array reads use `as number`; every index is in bounds by construction.
  stream.fillNormal(normals, 0, steps * size);
  for (let step = 0; step < steps; step++) {
    const variance = state.dayVariance[state.stepDay[step] as number] as number;
    stepVariance[step] = variance;
    const row = step * size;
    const scale = Math.sqrt(variance);
    for (let i = 0; i < size; i++) {
      let increment = 0;
      for (let k = 0; k <= i; k++)
        increment += (lower[i * size + k] as number) * (normals[row + k] as number);
      logPrice[row + i] =
        (step === 0 ? 0 : (logPrice[row - size + i] as number)) + increment * scale;
    }
  }
  const { ratio } = state;
  const mirror = steps * size;
  for (let i = 0; i < mirror; i++) {
    const x = Math.exp(logPrice[i] as number);
    ratio[i] = x;
    ratio[mirror + i] = 1 / x;
  }
  ratioRanges(ratio, steps, size, range);
  siloHits.fill(0);
  accountHits.fill(0);
  state.siloReached.fill(0);
  state.accountReached.fill(0);
  let anyHits = 0;
  const half = 0.5 * weight;
  for (let direction = 0; direction < 2; direction++) {
    // The mirror: log ratios negated, its range the reciprocals of the path's, swapped.
    const sign = direction === 0 ? 1 : -1;
    const low = direction === 0 ? 0 : 2 * size;
    accountSurvival.fill(1);
    let survival = 1;
    for (let s = 0; s < siloCount; s++) {
      const nonlinear = state.nonlinear[s];
      const hit = nonlinear
        ? nonlinearLiquidated(
            nonlinear.surplus,
            nonlinear.markPrices,
            state.nonlinearAssets[s] as Int32Array,
            state.nonlinearPrices[s] as number[],
            ratio,
            direction === 0 ? 0 : mirror,
            steps,
            size,
          )
          ? 1
          : 0
        : linearHitProbability(state, s, sign, low, low + size);
      if (hit <= 0) continue;
      siloHits[s] = (siloHits[s] as number) + half * hit;
      const account = siloAccount[s] as number;
      if (hit === 1) {
        state.siloReached[s] = 1;
        state.accountReached[account] = 1;
      }
      accountSurvival[account] = (accountSurvival[account] as number) * (1 - hit);
      survival *= 1 - hit;
    }
    for (let a = 0; a < accountSurvival.length; a++)
      accountHits[a] = (accountHits[a] as number) + half * (1 - (accountSurvival[a] as number));
    anyHits += half * (1 - survival);
  }
  return anyHits;
}

/**
 * Per asset, the smallest and largest price ratio over the monitoring times of the path, into
 * range[a] and range[size + a], and of its mirror (their reciprocals, swapped) into
 * range[2·size + a] and range[3·size + a]. The start (ratio 1) is part of the range, since the
 * bridge from it to the first step is walked.
 */
function ratioRanges(ratio: Float64Array, steps: number, size: number, range: Float64Array): void {
  for (let a = 0; a < size; a++) {
    let smallest = 1;
    let largest = 1;
    for (let step = 0; step < steps; step++) {
      const level = ratio[step * size + a] as number;
      if (level < smallest) smallest = level;
      if (level > largest) largest = level;
    }
    range[a] = smallest;
    range[size + a] = largest;
    range[2 * size + a] = 1 / largest;
    range[3 * size + a] = 1 / smallest;
  }
}

/** Bridge standard deviations of surplus beyond which a path is not walked (crossing < e^−50). */
const SKIP_STANDARD_DEVIATIONS = 5;

/**
 * The probability that linear silo s is liquidated on the path with log ratios sign·logPrice
 * (steps × assets): 1 when its surplus is ≤ 0 at a monitoring time, else 1 − Π(1 − crossing) over
 * the steps' bridges (see above). First the lower bound over the path's range (ends at
 * range[low + a], range[high + a]) and an upper bound of the bridges' standard deviation: a silo
 * whose bound clears five of them is not walked (0).
 */
function linearHitProbability(
  state: PairState,
  s: number,
  sign: number,
  low: number,
  high: number,
): number {
  const { linear: silos, steps, size, range, stepVariance, covariance, gradient } = state;
  const { termStart, termAsset, termSlope, tieredStart, tieredAsset, tieredSize } = silos;
  const constant = silos.constant[s] as number;
  const firstTerm = termStart[s] as number;
  const endTerm = termStart[s + 1] as number;
  const firstTiered = tieredStart[s] as number;
  const endTiered = tieredStart[s + 1] as number;
  if (firstTerm === endTerm && firstTiered === endTiered) return constant <= 0 ? 1 : 0;
  let bound = constant;
  let scale = Math.abs(constant);
  // Σ over terms of the gradient's largest size × the asset's step σ: ≥ the bridge's σ/√V.
  let spread = 0;
  for (let t = firstTerm; t < endTerm; t++) {
    const a = termAsset[t] as number;
    const slope = termSlope[t] as number;
    bound += slope * (slope >= 0 ? (range[low + a] as number) : (range[high + a] as number));
    scale += Math.abs(slope) * (range[high + a] as number);
    spread +=
      Math.abs(slope) * (range[high + a] as number) * Math.sqrt(covariance[a * size + a] as number);
  }
  for (let p = firstTiered; p < endTiered; p++) {
    const a = tieredAsset[p] as number;
    const n = tieredSize[p] as number;
    const worst = largestMaintenance(
      silos,
      p,
      n * (range[low + a] as number),
      n * (range[high + a] as number),
    );
    bound -= worst;
    scale += Math.abs(worst);
    spread +=
      n *
      (range[high + a] as number) *
      (silos.largestRate[p] as number) *
      Math.sqrt(covariance[a * size + a] as number);
  }
  let largestVariance = 0;
  for (let step = 0; step < steps; step++)
    largestVariance = Math.max(largestVariance, stepVariance[step] as number);
  if (
    bound > 1e-9 * scale &&
    bound > SKIP_STANDARD_DEVIATIONS * spread * Math.sqrt(largestVariance)
  )
    return 0;

  const firstAsset = silos.assetStart[s] as number;
  const endAsset = silos.assetStart[s + 1] as number;
  let previous = silos.initialSurplus[s] as number;
  if (previous <= 0) return 1;
  const { ratio, stepSigma } = state;
  const base = sign > 0 ? 0 : steps * size;
  // The gradient at the previous monitoring time (offset `before`) and at this one (`now`); the
  // first is now (every ratio 1).
  let before = 0;
  let now = size;
  for (let t = firstTerm; t < endTerm; t++) {
    const a = termAsset[t] as number;
    gradient[a] = (gradient[a] as number) + (termSlope[t] as number);
  }
  for (let p = firstTiered; p < endTiered; p++) {
    const a = tieredAsset[p] as number;
    const n = tieredSize[p] as number;
    gradient[a] = (gradient[a] as number) - n * (silos.tierRate[tierOf(silos, p, n)] as number);
  }
  let survival = 1;
  for (let step = 0; step < steps; step++) {
    const row = base + step * size;
    let surplus = constant;
    for (let t = firstTerm; t < endTerm; t++) {
      const a = termAsset[t] as number;
      const value = (termSlope[t] as number) * (ratio[row + a] as number);
      surplus += value;
      gradient[now + a] = (gradient[now + a] as number) + value;
    }
    for (let p = firstTiered; p < endTiered; p++) {
      const a = tieredAsset[p] as number;
      const notional = (tieredSize[p] as number) * (ratio[row + a] as number);
      const tier = tierOf(silos, p, notional);
      const rate = silos.tierRate[tier] as number;
      surplus -= notional * rate - (silos.tierAmount[tier] as number);
      gradient[now + a] = (gradient[now + a] as number) - notional * rate;
    }
    if (surplus <= 0) {
      clearGradient(state, firstAsset, endAsset);
      return 1;
    }
    // The bridge from the previous time: exp(−2ab/(V·gᵀΣg)), g the larger of the two ends'
    // gradients (the surplus is linear in price, not in log price: the gradient moves with it,
    // and the larger end errs on the side of caution). gᵀΣg ≤ (Σ|g_a|·σ_a)², so when even that
    // bound gives a chance below e^−50 the exact quadratic form is not needed.
    const variance = stepVariance[step] as number;
    let spreadBefore = 0;
    let spreadNow = 0;
    for (let i = firstAsset; i < endAsset; i++) {
      const a = silos.assetList[i] as number;
      spreadBefore += Math.abs(gradient[before + a] as number) * (stepSigma[a] as number);
      spreadNow += Math.abs(gradient[now + a] as number) * (stepSigma[a] as number);
    }
    const spread = Math.max(spreadBefore, spreadNow);
    const exponent = 2 * previous * surplus;
    if (exponent < 50 * variance * spread * spread) {
      const bridgeVariance =
        variance *
        Math.max(
          quadraticForm(state, before, firstAsset, endAsset),
          quadraticForm(state, now, firstAsset, endAsset),
        );
      if (bridgeVariance > 0) survival *= 1 - Math.exp(-exponent / bridgeVariance);
    }
    for (let i = firstAsset; i < endAsset; i++)
      gradient[before + (silos.assetList[i] as number)] = 0;
    previous = surplus;
    const swap = before;
    before = now;
    now = swap;
  }
  clearGradient(state, firstAsset, endAsset);
  return 1 - survival;
}

/**
 * gᵀΣg of the gradient at offset `at` of state.gradient over a silo's assets (assetList[first ..
 * end − 1]), Σ the forecast covariance of one step (the day's variance factor is applied by the
 * caller; g_a = ∂S/∂ln x_a = α_a·x_a − Σ_tiered rate·n·x_a).
 */
function quadraticForm(state: PairState, at: number, first: number, end: number): number {
  const { linear, covariance, gradient, size } = state;
  let variance = 0;
  for (let i = first; i < end; i++) {
    const a = linear.assetList[i] as number;
    const ga = gradient[at + a] as number;
    for (let j = first; j < end; j++) {
      const b = linear.assetList[j] as number;
      variance += ga * (gradient[at + b] as number) * (covariance[a * size + b] as number);
    }
  }
  return variance;
}

/** Zeroes both gradient slots over a silo's assets. */
function clearGradient(state: PairState, first: number, end: number): void {
  const { gradient, size } = state;
  for (let i = first; i < end; i++) {
    const a = state.linear.assetList[i] as number;
    gradient[a] = 0;
    gradient[size + a] = 0;
  }
}

/** The tier of tiered position p at a notional: the first whose cap holds it, else the last. */
function tierOf(silos: LinearSilos, p: number, notional: number): number {
  const first = silos.tierStart[p] as number;
  const last = (silos.tierStart[p + 1] as number) - 1;
  let tier = first;
  while (tier < last && notional > (silos.tierCap[tier] as number)) tier++;
  return tier;
}

/** Tiered maintenance margin of tiered position p at a notional (margin-silo.ts siloMaintenanceMargin). */
function maintenance(silos: LinearSilos, p: number, notional: number): number {
  if ((silos.tierStart[p + 1] as number) <= (silos.tierStart[p] as number)) return 0;
  const tier = tierOf(silos, p, notional);
  return notional * (silos.tierRate[tier] as number) - (silos.tierAmount[tier] as number);
}

/**
 * The largest maintenance margin of tiered position p over notionals [from, to]: each tier is
 * linear, so the largest is at an end of the range or on either side of a tier cap inside it.
 */
function largestMaintenance(silos: LinearSilos, p: number, from: number, to: number): number {
  let largest = Math.max(maintenance(silos, p, from), maintenance(silos, p, to));
  const first = silos.tierStart[p] as number;
  const last = (silos.tierStart[p + 1] as number) - 1;
  for (let tier = first; tier < last; tier++) {
    const cap = silos.tierCap[tier] as number;
    if (!(cap > from && cap < to)) continue;
    const atCap = cap * (silos.tierRate[tier] as number) - (silos.tierAmount[tier] as number);
    const aboveCap =
      cap * (silos.tierRate[tier + 1] as number) - (silos.tierAmount[tier + 1] as number);
    largest = Math.max(largest, atCap, aboveCap);
  }
  return largest;
}

/** Whether a non-linear silo's surplus at the shocked underlying prices is ≤ 0 at any step. */
function nonlinearLiquidated(
  surplus: (prices: readonly number[]) => number,
  markPrices: readonly number[],
  assets: Int32Array,
  prices: number[],
  ratio: Float64Array,
  base: number,
  steps: number,
  size: number,
): boolean {
  for (let step = 0; step < steps; step++) {
    for (let k = 0; k < assets.length; k++)
      prices[k] =
        (markPrices[k] as number) * (ratio[base + step * size + (assets[k] as number)] as number);
    if (surplus(prices) <= 0) return true;
  }
  return false;
}

/**
 * Compiles the linear silos: per silo the constant wallet + Σ(amount − q·entry) of single-tier
 * positions − Σ q·entry of tiered ones, one α per asset (Σ q·mark, less |q|·mark·rate for
 * single-tier positions), and the tiered positions with n = |q|·mark. Silos with a non-linear
 * surplus get empty ranges.
 */
function linearSilos(
  silos: readonly MarginSilo[],
  assetIndex: (asset: string) => number,
  size: number,
): LinearSilos {
  const constant = new Float64Array(silos.length);
  const termStart = [0];
  const termAsset: number[] = [];
  const termSlope: number[] = [];
  const tieredStart = [0];
  const tieredAsset: number[] = [];
  const tieredSize: number[] = [];
  const tierStart = [0];
  const tierCap: number[] = [];
  const tierRate: number[] = [];
  const tierAmount: number[] = [];
  silos.forEach((silo, s) => {
    // Asset indices are checked even for non-linear silos (they name their own assets too).
    const slopes = new Map<number, number>();
    let value = silo.wallet;
    if (!silo.nonlinear)
      for (const position of silo.positions) {
        const a = assetIndex(position.asset);
        const q = position.quantity;
        let slope = q * position.markPrice;
        value -= q * position.entryPrice;
        const only = position.tiers.length === 1 ? position.tiers[0] : undefined;
        if (only) {
          slope -= Math.abs(q) * position.markPrice * only.rate;
          value += only.amount;
        } else if (position.tiers.length > 1) {
          tieredAsset.push(a);
          tieredSize.push(Math.abs(q) * position.markPrice);
          for (const tier of position.tiers) {
            tierCap.push(tier.cap);
            tierRate.push(tier.rate);
            tierAmount.push(tier.amount);
          }
          tierStart.push(tierCap.length);
        }
        slopes.set(a, (slopes.get(a) ?? 0) + slope);
      }
    else for (const position of silo.positions) assetIndex(position.asset);
    constant[s] = value;
    for (const [a, slope] of [...slopes].sort((x, y) => x[0] - y[0])) {
      termAsset.push(a);
      termSlope.push(slope);
    }
    termStart.push(termAsset.length);
    tieredStart.push(tieredAsset.length);
  });
  const compiled = {
    constant,
    termStart: Int32Array.from(termStart),
    termAsset: Int32Array.from(termAsset),
    termSlope: Float64Array.from(termSlope),
    tieredStart: Int32Array.from(tieredStart),
    tieredAsset: Int32Array.from(tieredAsset),
    tieredSize: Float64Array.from(tieredSize),
    tierStart: Int32Array.from(tierStart),
    tierCap: Float64Array.from(tierCap),
    tierRate: Float64Array.from(tierRate),
    tierAmount: Float64Array.from(tierAmount),
  };
  const largestRate = Float64Array.from({ length: tieredAsset.length }, (_, p) => {
    let largest = 0;
    for (let tier = tierStart[p] ?? 0; tier < (tierStart[p + 1] ?? 0); tier++)
      largest = Math.max(largest, tierRate[tier] ?? 0);
    return largest;
  });
  const assetStart = [0];
  const assetList: number[] = [];
  const initialSurplus = new Float64Array(silos.length);
  for (let s = 0; s < silos.length; s++) {
    const assets = new Set<number>();
    let surplus = constant[s] as number;
    for (let t = termStart[s] ?? 0; t < (termStart[s + 1] ?? 0); t++) {
      assets.add(termAsset[t] ?? 0);
      surplus += termSlope[t] ?? 0;
    }
    for (let p = tieredStart[s] ?? 0; p < (tieredStart[s + 1] ?? 0); p++) {
      assets.add(tieredAsset[p] ?? 0);
      surplus -= maintenance(compiled as LinearSilos, p, tieredSize[p] ?? 0);
    }
    for (const a of [...assets].sort((x, y) => x - y)) if (a < size) assetList.push(a);
    assetStart.push(assetList.length);
    initialSurplus[s] = surplus;
  }
  return {
    ...compiled,
    largestRate,
    initialSurplus,
    assetStart: Int32Array.from(assetStart),
    assetList: Int32Array.from(assetList),
  };
}
