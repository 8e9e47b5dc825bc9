import { choleskyLower } from '../math/cholesky';
import { RandomStream } from '../math/random-stream';
import type { Rng } from '../math/rng';
import type { MarginSilo } from './margin-silo';

/**
 * Probability that each margin silo, each account, and any account at all is liquidated within
 * the horizon, by path simulation (DESIGN.md §6): joint zero-mean log-price paths of every asset,
 * monitored every `stepHours` (hourly by default), with the same covariance and distribution as
 * the Monte Carlo scenarios (Student-t increments share one χ² mixing draw per step). A silo is
 * liquidated on a path when its equity − maintenance margin ≤ 0 at any monitoring time.
 *
 * Antithetic pairs: every draw of increments drives a path and its mirror (−increments, same
 * mixing), so `paths` paths cost `paths/2` draws; the mirror's log price ratios are the path's,
 * negated. Standard errors come from the spread of the pair averages, which is valid whatever
 * the correlation within a pair.
 * Discrete monitoring misses crossings between steps and so slightly understates the continuous
 * probability (Broadie, Glasserman & Kou 1997); liquidation-paths.test.ts measures the gap.
 *
 * A linear silo's surplus (margin-silo.ts) is, in the price ratios x_a = P_a/P_a,now of its
 * assets, C + Σ_a α_a·x_a − Σ_tiered mm_p(n_p·x_a): single-tier positions fold into C and α
 * (q·mark·x − |q|·mark·x·rate + amount − q·entry), tiered ones keep their tier search. Before
 * walking a path step by step, a lower bound of the surplus over the path's range of each x_a
 * (α·x at the favourable end, each tiered margin at its largest over the range, by piecewise
 * linearity at the ends and tier caps) is checked: a silo whose bound stays positive cannot be
 * liquidated on that path and is not walked, which leaves the result unchanged (bounds within
 * 1e-9 of zero, relative to the silo's size, are walked). Silos with non-linear surplus
 * (inverse, options, portfolio margin) are evaluated at every step.
 *
 * Cost: O(M·H·A²) for the paths (M paths, H steps, A assets; four exps per asset and path for
 * the ranges) plus, per path and silo, O(terms) for the bound and O(H·terms) exps and
 * multiply-adds only for silos near liquidation; no allocation per path. A non-linear silo costs
 * H evaluations of its surplus function per path.
 */
export interface PathSpec {
  readonly assets: readonly string[];
  readonly annualVols: readonly number[];
  readonly correlationMatrix: Float64Array;
  readonly horizonHours: number;
  readonly stepHours?: number;
  /** Number of paths, rounded up to an even number (antithetic pairs). */
  readonly paths: number;
  readonly distribution:
    { readonly type: 'normal' } | { readonly type: 'student-t'; readonly nu: number };
}

export interface Estimate {
  readonly value: number;
  readonly standardError: number;
}

export interface LiquidationPathResult {
  readonly silos: readonly Estimate[];
  /** By account id: the probability that any of its silos is liquidated. */
  readonly accounts: Readonly<Record<string, Estimate>>;
  readonly any: Estimate;
  readonly paths: number;
  readonly stepHours: number;
}

/** Per event: running sums of the pair averages and their squares. */
class PairTally {
  private sum = 0;
  private squares = 0;
  add(pairAverage: number): void {
    this.sum += pairAverage;
    this.squares += pairAverage * pairAverage;
  }
  estimate(pairs: number): Estimate {
    const value = this.sum / pairs;
    const variance =
      pairs > 1 ? Math.max(this.squares / pairs - value * value, 0) * (pairs / (pairs - 1)) : 0;
    return { value, standardError: Math.sqrt(variance / pairs) };
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
  const lower = choleskyLower(covariance, size, spec.assets);
  const nu = spec.distribution.type === 'student-t' ? spec.distribution.nu : 0;
  if (spec.distribution.type === 'student-t' && !(nu > 2))
    throw new RangeError(`liquidationPathProbabilities requires Student-t nu > 2, got ${nu}`);

  const assetIndex = (asset: string) => {
    const index = spec.assets.indexOf(asset);
    if (index < 0) throw new RangeError(`liquidationPathProbabilities: no path for ${asset}`);
    return index;
  };
  const linear = linearSilos(silos, assetIndex);
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
    lower,
    nu,
    steps,
    size,
    normals: new Float64Array(steps * size),
    mixing: new Float64Array(steps),
    logPrice: new Float64Array(steps * size),
    range: new Float64Array(4 * size),
    linear,
    nonlinear: silos.map((silo) => silo.nonlinear),
    nonlinearAssets,
    nonlinearPrices,
    siloAccount,
    siloHits: new Float64Array(silos.length),
    accountHits: new Float64Array(accountIds.length),
    touched: new Uint8Array(accountIds.length),
  };
  for (let pair = 0; pair < pairs; pair++) {
    const anyHits = simulatePair(state);
    for (let s = 0; s < silos.length; s++)
      (siloTally[s] as PairTally).add(state.siloHits[s] as number);
    for (let a = 0; a < accountIds.length; a++)
      (accountTally[a] as PairTally).add(state.accountHits[a] as number);
    anyTally.add(anyHits);
  }
  return {
    silos: siloTally.map((tally) => tally.estimate(pairs)),
    accounts: Object.fromEntries(
      accountIds.map((id, a) => [id, (accountTally[a] as PairTally).estimate(pairs)]),
    ),
    any: anyTally.estimate(pairs),
    paths: pairs * 2,
    stepHours: spec.horizonHours / steps,
  };
}

/** What one antithetic pair needs, allocated once: inputs, scratch arrays and the pair's hits. */
interface PairState {
  readonly stream: RandomStream;
  readonly lower: Float64Array;
  readonly nu: number;
  readonly steps: number;
  readonly size: number;
  /** The pair's draws: steps × assets normals and one mixing factor per step. */
  readonly normals: Float64Array;
  readonly mixing: Float64Array;
  /** Log price ratios at each monitoring time, steps × assets (the mirror's are their negatives). */
  readonly logPrice: Float64Array;
  /** Per asset: smallest and largest ratio of the path, then of its mirror (4 × assets). */
  readonly range: Float64Array;
  readonly linear: LinearSilos;
  readonly nonlinear: readonly (MarginSilo['nonlinear'] | undefined)[];
  readonly nonlinearAssets: readonly Int32Array[];
  readonly nonlinearPrices: readonly number[][];
  readonly siloAccount: Int32Array;
  /** Per silo and account: hits of this pair, 0.5 per path. */
  readonly siloHits: Float64Array;
  readonly accountHits: Float64Array;
  readonly touched: Uint8Array;
}

/**
 * One antithetic pair: draws the steps' increments, then walks the path and its mirror through
 * every silo. Fills state.siloHits and state.accountHits; returns the pair's "any" average.
 */
function simulatePair(state: PairState): number {
  const { stream, lower, nu, steps, size, normals, mixing, logPrice, range } = state;
  const { siloHits, accountHits, touched, siloAccount } = state;
  const siloCount = siloHits.length;
  // Hot loops: typed-array reads use `as number`; every index is in bounds by construction.
  // The draws first (per step: the normals, then the χ² mixing), then L·z: two simple loops
  // run faster than one that interleaves them.
  for (let step = 0; step < steps; step++) {
    stream.fillNormal(normals, step * size, step * size + size);
    mixing[step] = nu > 0 ? Math.sqrt((nu - 2) / stream.chiSquare(nu)) : 1;
  }
  for (let step = 0; step < steps; step++) {
    const row = step * size;
    const scale = mixing[step] as number;
    for (let i = 0; i < size; i++) {
      let increment = 0;
      for (let k = 0; k <= i; k++)
        increment += (lower[i * size + k] as number) * (normals[row + k] as number);
      logPrice[row + i] =
        (step === 0 ? 0 : (logPrice[row - size + i] as number)) + increment * scale;
    }
  }
  ratioRanges(logPrice, steps, size, range);
  siloHits.fill(0);
  accountHits.fill(0);
  let anyHits = 0;
  for (let direction = 0; direction < 2; direction++) {
    // The mirror: log ratios negated, its range the reciprocals of the path's, swapped.
    const sign = direction === 0 ? 1 : -1;
    const low = direction === 0 ? 0 : 2 * size;
    touched.fill(0);
    let any = 0;
    for (let s = 0; s < siloCount; s++) {
      const nonlinear = state.nonlinear[s];
      const hit = nonlinear
        ? nonlinearLiquidated(
            nonlinear.surplus,
            nonlinear.markPrices,
            state.nonlinearAssets[s] as Int32Array,
            state.nonlinearPrices[s] as number[],
            logPrice,
            sign,
            steps,
            size,
          )
        : linearLiquidated(state.linear, s, logPrice, sign, steps, size, range, low, low + size);
      if (!hit) continue;
      siloHits[s] = (siloHits[s] as number) + 0.5;
      touched[siloAccount[s] as number] = 1;
      any = 1;
    }
    for (let a = 0; a < touched.length; a++)
      accountHits[a] = (accountHits[a] as number) + (touched[a] as number) * 0.5;
    anyHits += any * 0.5;
  }
  return anyHits;
}

/**
 * Per asset, the smallest and largest price ratio over the monitoring times of the path,
 * e^{min L} and e^{max L}, into range[a] and range[size + a], and of its mirror, e^{−max L} and
 * e^{−min L}, into range[2·size + a] and range[3·size + a]: four exps an asset, not one a step.
 */
function ratioRanges(
  logPrice: Float64Array,
  steps: number,
  size: number,
  range: Float64Array,
): void {
  for (let a = 0; a < size; a++) {
    let smallest = logPrice[a] as number;
    let largest = smallest;
    for (let step = 1; step < steps; step++) {
      const level = logPrice[step * size + a] as number;
      if (level < smallest) smallest = level;
      if (level > largest) largest = level;
    }
    range[a] = Math.exp(smallest);
    range[size + a] = Math.exp(largest);
    range[2 * size + a] = Math.exp(-largest);
    range[3 * size + a] = Math.exp(-smallest);
  }
}

/**
 * Whether linear silo s is liquidated on the path with log ratios sign·logPrice (steps × assets):
 * first the lower bound over the path's range (ends at range[low + a], range[high + a]), then,
 * unless that clears it, the surplus at each monitoring time until it is ≤ 0.
 */
function linearLiquidated(
  silos: LinearSilos,
  s: number,
  logPrice: Float64Array,
  sign: number,
  steps: number,
  size: number,
  range: Float64Array,
  low: number,
  high: number,
): boolean {
  const { termStart, termAsset, termSlope, tieredStart, tieredAsset, tieredSize } = silos;
  const constant = silos.constant[s] as number;
  const firstTerm = termStart[s] as number;
  const endTerm = termStart[s + 1] as number;
  const firstTiered = tieredStart[s] as number;
  const endTiered = tieredStart[s + 1] as number;
  if (firstTerm === endTerm && firstTiered === endTiered) return constant <= 0;
  let bound = constant;
  let scale = Math.abs(constant);
  for (let t = firstTerm; t < endTerm; t++) {
    const a = termAsset[t] as number;
    const slope = termSlope[t] as number;
    bound += slope * (slope >= 0 ? (range[low + a] as number) : (range[high + a] as number));
    scale += Math.abs(slope) * (range[high + a] as number);
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
  }
  if (bound > 1e-9 * scale) return false;
  for (let step = 0; step < steps; step++) {
    const row = step * size;
    let surplus = constant;
    for (let t = firstTerm; t < endTerm; t++)
      surplus +=
        (termSlope[t] as number) *
        Math.exp(sign * (logPrice[row + (termAsset[t] as number)] as number));
    for (let p = firstTiered; p < endTiered; p++)
      surplus -= maintenance(
        silos,
        p,
        (tieredSize[p] as number) *
          Math.exp(sign * (logPrice[row + (tieredAsset[p] as number)] as number)),
      );
    if (surplus <= 0) return true;
  }
  return false;
}

/** Tiered maintenance margin of tiered position p at a notional (margin-silo.ts siloMaintenanceMargin). */
function maintenance(silos: LinearSilos, p: number, notional: number): number {
  const first = silos.tierStart[p] as number;
  const last = (silos.tierStart[p + 1] as number) - 1;
  if (last < first) return 0;
  let tier = first;
  while (tier < last && notional > (silos.tierCap[tier] as number)) tier++;
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
  logPrice: Float64Array,
  sign: number,
  steps: number,
  size: number,
): boolean {
  for (let step = 0; step < steps; step++) {
    for (let k = 0; k < assets.length; k++)
      prices[k] =
        (markPrices[k] as number) *
        Math.exp(sign * (logPrice[step * size + (assets[k] as number)] as number));
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
  return {
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
}
