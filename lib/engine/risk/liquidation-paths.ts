import { choleskyLower } from '../math/cholesky';
import type { Rng } from '../math/rng';
import { chiSquareSample, fillStandardNormal } from '../math/samplers';
import type { MarginSilo } from './margin-silo';

/**
 * Probability that each margin silo, each account, and any account at all is liquidated within
 * the horizon, by path simulation (DESIGN.md §6): joint zero-mean log-price paths of every asset,
 * monitored every `stepHours` (hourly by default), with the same covariance and distribution as
 * the Monte Carlo scenarios (Student-t increments share one χ² mixing draw per step). A silo is
 * liquidated on a path when its equity − maintenance margin ≤ 0 at any monitoring time.
 *
 * Antithetic pairs: every draw of increments drives a path and its mirror (−increments, same
 * mixing), so `paths` paths cost `paths/2` draws. Standard errors come from the spread of the
 * pair averages, which is valid whatever the correlation within a pair.
 * Discrete monitoring misses crossings between steps and so slightly understates the continuous
 * probability (Broadie, Glasserman & Kou 1997); liquidation-paths.test.ts measures the gap.
 * Cost: O(M·H·(A² + Σ positions)).
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

  // Silos flattened into typed arrays for the hot loop.
  const siloStart = new Int32Array(silos.length + 1);
  const flat = silos.flatMap((silo) => silo.positions);
  silos.forEach((silo, s) => (siloStart[s + 1] = (siloStart[s] ?? 0) + silo.positions.length));
  const wallet = Float64Array.from(silos, (silo) => silo.wallet);
  const positionAsset = Int32Array.from(flat, (position) => {
    const index = spec.assets.indexOf(position.asset);
    if (index < 0)
      throw new RangeError(`liquidationPathProbabilities: no path for ${position.asset}`);
    return index;
  });
  const quantity = Float64Array.from(flat, (position) => position.quantity);
  const entry = Float64Array.from(flat, (position) => position.entryPrice);
  const mark = Float64Array.from(flat, (position) => position.markPrice);
  const tierStart = new Int32Array(flat.length + 1);
  flat.forEach(
    (position, index) => (tierStart[index + 1] = (tierStart[index] ?? 0) + position.tiers.length),
  );
  const allTiers = flat.flatMap((position) => position.tiers);
  const tierCap = Float64Array.from(allTiers, (tier) => tier.cap);
  const tierRate = Float64Array.from(allTiers, (tier) => tier.rate);
  const tierAmount = Float64Array.from(allTiers, (tier) => tier.amount);

  // Non-linear silos (inverse, options) evaluate their own surplus at the underlying's price.
  const nonlinearAssets = silos.map((silo) =>
    (silo.nonlinear?.assets ?? []).map((asset) => {
      const index = spec.assets.indexOf(asset);
      if (index < 0) throw new RangeError(`liquidationPathProbabilities: no path for ${asset}`);
      return index;
    }),
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
  const increments = new Float64Array(steps * size);
  const normals = new Float64Array(size);
  const logPrice = new Float64Array(size);
  const ratio = new Float64Array(size);
  const liquidated = new Uint8Array(silos.length);
  const siloHits = new Float64Array(silos.length);
  const accountHits = new Float64Array(accountIds.length);

  // Hot loop: typed-array reads use `as number`; every index is in bounds by construction.
  for (let pair = 0; pair < pairs; pair++) {
    for (let step = 0; step < steps; step++) {
      fillStandardNormal(rng, normals);
      const mixing = nu > 0 ? Math.sqrt((nu - 2) / chiSquareSample(rng, nu)) : 1;
      for (let i = 0; i < size; i++) {
        let increment = 0;
        for (let k = 0; k <= i; k++)
          increment += (lower[i * size + k] as number) * (normals[k] as number);
        increments[step * size + i] = increment * mixing;
      }
    }
    siloHits.fill(0);
    accountHits.fill(0);
    let anyHits = 0;
    for (const direction of [1, -1]) {
      logPrice.fill(0);
      liquidated.fill(0);
      let remaining = silos.length;
      for (let step = 0; step < steps && remaining > 0; step++) {
        for (let i = 0; i < size; i++) {
          logPrice[i] =
            (logPrice[i] as number) + direction * (increments[step * size + i] as number);
          ratio[i] = Math.exp(logPrice[i] as number);
        }
        for (let s = 0; s < silos.length; s++) {
          if (liquidated[s]) continue;
          const nonlinear = silos[s]?.nonlinear;
          if (nonlinear) {
            const prices = nonlinearPrices[s] as number[];
            const indices = nonlinearAssets[s] as number[];
            for (let k = 0; k < indices.length; k++)
              prices[k] =
                (nonlinear.markPrices[k] as number) * (ratio[indices[k] as number] as number);
            if (nonlinear.surplus(prices) <= 0) {
              liquidated[s] = 1;
              remaining--;
            }
            continue;
          }
          let surplus = wallet[s] as number;
          for (let p = siloStart[s] as number; p < (siloStart[s + 1] as number); p++) {
            const price = (mark[p] as number) * (ratio[positionAsset[p] ?? 0] as number);
            const q = quantity[p] as number;
            const notional = Math.abs(q) * price;
            // The tier whose cap holds the notional (the top tier above every cap).
            let tier = tierStart[p] as number;
            const lastTier = (tierStart[p + 1] as number) - 1;
            while (tier < lastTier && notional > (tierCap[tier] as number)) tier++;
            surplus +=
              q * (price - (entry[p] as number)) -
              (notional * (tierRate[tier] as number) - (tierAmount[tier] as number));
          }
          if (surplus <= 0) {
            liquidated[s] = 1;
            remaining--;
          }
        }
      }
      const touchedAccounts = new Uint8Array(accountIds.length);
      let any = 0;
      for (let s = 0; s < silos.length; s++) {
        if (!liquidated[s]) continue;
        siloHits[s] = (siloHits[s] as number) + 0.5;
        touchedAccounts[siloAccount[s] ?? 0] = 1;
        any = 1;
      }
      touchedAccounts.forEach(
        (touched, a) => (accountHits[a] = (accountHits[a] as number) + touched * 0.5),
      );
      anyHits += any * 0.5;
    }
    siloTally.forEach((tally, s) => tally.add(siloHits[s] as number));
    accountTally.forEach((tally, a) => tally.add(accountHits[a] as number));
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
