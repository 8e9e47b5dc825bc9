import { describe, expect, it } from 'vitest';
import { choleskyLower } from '../math/cholesky';
import { RandomStream } from '../math/random-stream';
import { createRng } from '../math/rng';
import { barrierTouchProbability } from './barrier-touch-probability';
import { dailyTouchProbability, drawDayVariances } from './day-variance-mixture';
import { liquidationPathProbabilities, type PathSpec } from './liquidation-paths';
import { siloSurplus, type MarginSilo } from './margin-silo';

// A 1 BTC isolated long at 100,000 with 6,300 of margin and a flat 0.5% MM rate is liquidated
// where 6,300 + (P − 100,000) = 0.005·P, i.e. at P = 93,700/0.995 ≈ 94,171 (−5.8%).
const flat = [{ cap: Number.POSITIVE_INFINITY, rate: 0.005, amount: 0 }];
const long: MarginSilo = {
  accountId: 'long',
  label: 'isolated',
  positionIndices: [0],
  wallet: 6_300,
  positions: [
    {
      symbol: 'BTC/USDT:USDT',
      asset: 'BTC',
      quantity: 1,
      entryPrice: 100_000,
      markPrice: 100_000,
      tiers: flat,
    },
  ],
};
const short: MarginSilo = {
  accountId: 'short',
  label: 'isolated',
  positionIndices: [0],
  wallet: 6_300,
  positions: [
    {
      symbol: 'BTC/USDT:USDT',
      asset: 'BTC',
      quantity: -1,
      entryPrice: 100_000,
      markPrice: 100_000,
      tiers: flat,
    },
  ],
};
const spec = {
  assets: ['BTC'],
  annualVols: [0.8],
  correlationMatrix: Float64Array.from([1]),
  horizonHours: 24,
  paths: 20_000,
  distribution: { type: 'normal' as const },
};

describe('liquidationPathProbabilities', () => {
  it('matches the continuous-monitoring closed form (a Brownian bridge between the hours), within 4 standard errors', () => {
    const result = liquidationPathProbabilities([long], spec, createRng(9));
    const closedForm = barrierTouchProbability({
      spot: 100_000,
      barrier: 93_700 / 0.995,
      annualVol: 0.8,
      horizonYears: 24 / 8760,
      direction: 'down',
    });
    const estimate = result.silos[0];
    expect(Math.abs((estimate?.value ?? 0) - closedForm)).toBeLessThan(
      4 * (estimate?.standardError ?? 0),
    );
    expect(estimate?.low).toBeLessThan(closedForm);
    expect(estimate?.high).toBeGreaterThan(closedForm);
  });

  // The heavy-tailed day: a level k daily σ away is touched within the day with probability
  // 2·P(s·T_ν > k) (day-variance-mixture.ts), here for the calibrated ν and s.
  const heavyDay = { type: 'student-t' as const, nu: 3.31, volScale: 1.12 };
  const dailySigma = 0.8 / Math.sqrt(365);
  /** An isolated long with no maintenance margin, liquidated where the price falls k daily σ. */
  const longAt = (k: number): MarginSilo => ({
    accountId: `k${k}`,
    label: 'isolated',
    positionIndices: [0],
    wallet: 1 - Math.exp(-k * dailySigma),
    positions: [
      {
        symbol: 'BTC/USDT:USDT',
        asset: 'BTC',
        quantity: 1,
        entryPrice: 1,
        markPrice: 1,
        tiers: [{ cap: Number.POSITIVE_INFINITY, rate: 0, amount: 0 }],
      },
    ],
  });

  it.each([2, 4, 6, 10, 16])(
    'matches the heavy-tailed day’s closed form at %i daily σ within 4 standard errors',
    (k) => {
      const estimate = liquidationPathProbabilities(
        [longAt(k)],
        { ...spec, paths: 4_000, distribution: heavyDay },
        createRng(100 + k),
      ).silos[0];
      const closedForm = dailyTouchProbability(k, heavyDay);
      expect(Math.abs((estimate?.value ?? 0) - closedForm)).toBeLessThan(
        4 * (estimate?.standardError ?? 0),
      );
    },
  );

  it('gives exactly 1, not a weighted estimate of it, for a silo already past its liquidation', () => {
    const past: MarginSilo = { ...longAt(2), accountId: 'past', wallet: -0.01 };
    const result = liquidationPathProbabilities(
      [past, longAt(3)],
      { ...spec, paths: 400, distribution: heavyDay },
      createRng(4),
    );
    expect(result.silos[0]).toEqual({
      value: 1,
      standardError: 0,
      low: 1,
      high: 1,
      noPathHit: false,
    });
    expect(result.accounts.past?.value).toBe(1);
    expect(result.any.value).toBe(1);
    expect(result.silos[1]?.value).toBeLessThan(1);
  });

  it('bounds a chance only near misses reached by the rule of three, not by their tiny spread', () => {
    // Normal days, a level 3.6 daily σ away (2·Φ(−3.6) ≈ 3.2e-4): on these 1,000 paths some come
    // near enough for a bridge term, none is liquidated at an hour.
    const estimate = liquidationPathProbabilities(
      [longAt(3.6)],
      { ...spec, paths: 1_000, distribution: { type: 'normal' } },
      createRng(2),
    ).silos[0];
    expect(estimate?.noPathHit).toBe(true);
    expect(estimate?.value).toBeGreaterThan(0);
    expect(estimate?.high).toBeGreaterThanOrEqual(3 / 500);
    expect(estimate?.value).toBeLessThan(estimate?.high ?? 0);
  });

  it('measures a 1-in-10,000 liquidation with a relative standard error ≤ 20% from 4,000 paths, where plain sampling cannot', () => {
    // 16 daily σ: 2·P(1.12·T > 16) ≈ 9.5e-5. The spread over 12 seeds, not only the reported
    // standard error, is held to the target.
    const k = 16;
    const closedForm = dailyTouchProbability(k, heavyDay);
    expect(closedForm).toBeGreaterThan(8e-5);
    expect(closedForm).toBeLessThan(1.2e-4);
    const spread = (importanceSampling: boolean) => {
      const values = Array.from({ length: 12 }, (_, seed) => {
        const estimate = liquidationPathProbabilities(
          [longAt(k)],
          { ...spec, paths: 4_000, distribution: heavyDay, importanceSampling },
          createRng(seed + 1),
        ).silos[0];
        return estimate?.value ?? 0;
      });
      return Math.sqrt(
        values.reduce((sum, value) => sum + (value - closedForm) ** 2, 0) / values.length,
      );
    };
    expect(spread(true) / closedForm).toBeLessThan(0.2);
    expect(spread(false) / closedForm).toBeGreaterThan(0.5);
  });

  it('gives the probability that any account is liquidated, between the largest and the sum', () => {
    const result = liquidationPathProbabilities([long, short], spec, createRng(10));
    const pLong = result.accounts.long?.value ?? 0;
    const pShort = result.accounts.short?.value ?? 0;
    expect(pLong).toBeGreaterThan(0.05);
    expect(pShort).toBeGreaterThan(0.05);
    expect(result.any.value).toBeGreaterThanOrEqual(Math.max(pLong, pShort));
    expect(result.any.value).toBeLessThanOrEqual(pLong + pShort);
  });

  it('replays for the same seed and is zero for a silo that cannot be liquidated', () => {
    const safe: MarginSilo = { ...long, accountId: 'safe', wallet: 200_000 };
    const first = liquidationPathProbabilities([long, safe], { ...spec, paths: 500 }, createRng(1));
    const again = liquidationPathProbabilities([long, safe], { ...spec, paths: 500 }, createRng(1));
    expect(again).toEqual(first);
    // No path came near: 0 with the rule-of-three bound over the 250 pairs (normal: no weights).
    expect(first.accounts.safe).toEqual({
      value: 0,
      standardError: 0,
      low: 0,
      high: 3 / 250,
      noPathHit: true,
    });
  });
});

/**
 * The simulation written plainly, for comparison: the same draws in the same order (per pair: the
 * days' variances, then every step's normals), every silo evaluated at every monitoring time with
 * siloSurplus (per position, tier by tier) or its non-linear surplus; for a linear silo the bridge
 * between monitoring times from the larger of its ends' gradients, summed position by position;
 * no bound, no skipping, no aggregation.
 */
function plainPathSimulation(silos: readonly MarginSilo[], spec: PathSpec, seed: number): number[] {
  const size = spec.assets.length;
  const steps = Math.ceil(spec.horizonHours / (spec.stepHours ?? 1) - 1e-9);
  const dt = spec.horizonHours / steps / 8760;
  const covariance = new Float64Array(size * size);
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++)
      covariance[i * size + j] =
        (spec.annualVols[i] ?? 0) *
        (spec.annualVols[j] ?? 0) *
        (spec.correlationMatrix[i * size + j] ?? 0) *
        dt;
  const lower = choleskyLower(covariance, size);
  const stream = new RandomStream(createRng(seed));
  const hits = silos.map(() => 0);
  const pairs = Math.ceil(spec.paths / 2);
  const days = Math.floor(((steps - 1) * (spec.horizonHours / steps) + 1e-9) / 24) + 1;
  const importanceSampling = spec.distribution.type === 'student-t';
  for (let pair = 0; pair < pairs; pair++) {
    const dayVariances = new Float64Array(days);
    const weight = drawDayVariances(stream, spec.distribution, importanceSampling, dayVariances);
    const z = stream.fillNormal(new Float64Array(steps * size));
    const levels: number[][] = [];
    const variances: number[] = [];
    const level = new Array<number>(size).fill(0);
    for (let step = 0; step < steps; step++) {
      const day = Math.floor((step * (spec.horizonHours / steps) + 1e-9) / 24);
      const variance = dayVariances[day] ?? 1;
      variances.push(variance);
      for (let i = 0; i < size; i++) {
        let increment = 0;
        for (let k = 0; k <= i; k++)
          increment += (lower[i * size + k] ?? 0) * (z[step * size + k] ?? 0);
        level[i] = (level[i] ?? 0) + increment * Math.sqrt(variance);
      }
      levels.push([...level]);
    }
    for (const sign of [1, -1])
      silos.forEach((silo, s) => {
        const ratio = (step: number, asset: string) =>
          step < 0 ? 1 : Math.exp(sign * (levels[step]?.[spec.assets.indexOf(asset)] ?? 0));
        const surplusAt = (step: number) =>
          silo.nonlinear
            ? silo.nonlinear.surplus(
                silo.nonlinear.assets.map(
                  (asset, k) => (silo.nonlinear?.markPrices[k] ?? 0) * ratio(step, asset),
                ),
              )
            : siloSurplus(
                silo,
                silo.positions.map((position) => position.markPrice * ratio(step, position.asset)),
              );
        // gᵀΣg: g_a = Σ over the positions on asset a of q·P − |q|·P·rate(|q|·P).
        const gradientVariance = (step: number) => {
          const gradient = new Array<number>(size).fill(0);
          for (const position of silo.positions) {
            const a = spec.assets.indexOf(position.asset);
            const price = position.markPrice * ratio(step, position.asset);
            const notional = Math.abs(position.quantity) * price;
            const tier =
              position.tiers.find((candidate) => notional <= candidate.cap) ??
              position.tiers.at(-1);
            gradient[a] =
              (gradient[a] ?? 0) + position.quantity * price - notional * (tier?.rate ?? 0);
          }
          let variance = 0;
          for (let a = 0; a < size; a++)
            for (let b = 0; b < size; b++)
              variance += (gradient[a] ?? 0) * (gradient[b] ?? 0) * (covariance[a * size + b] ?? 0);
          return variance;
        };
        let survival = 1;
        let previous = surplusAt(-1);
        for (let step = 0; step < steps; step++) {
          const surplus = surplusAt(step);
          if (surplus <= 0) {
            survival = 0;
            break;
          }
          if (!silo.nonlinear) {
            const bridge =
              (variances[step] ?? 1) * Math.max(gradientVariance(step - 1), gradientVariance(step));
            if (bridge > 0) survival *= 1 - Math.exp((-2 * previous * surplus) / bridge);
          }
          previous = surplus;
        }
        hits[s] = (hits[s] ?? 0) + 0.5 * weight * (1 - survival);
      });
  }
  return hits.map((count) => count / pairs);
}

describe('liquidationPathProbabilities against the plain simulation', () => {
  // Tiers in the maintenance-amount form (Binance USDⓈ-M style): continuous at each cap.
  const tiers = [
    { cap: 50_000, rate: 0.004, amount: 0 },
    { cap: 250_000, rate: 0.005, amount: 50 },
    { cap: 1_000_000, rate: 0.01, amount: 1_300 },
    { cap: Number.POSITIVE_INFINITY, rate: 0.025, amount: 16_300 },
  ];
  const cross: MarginSilo = {
    accountId: 'cross',
    label: 'cross',
    positionIndices: [0, 1, 2],
    wallet: 30_000,
    positions: [
      {
        symbol: 'BTC/USDT:USDT',
        asset: 'BTC',
        quantity: 2.5,
        entryPrice: 101_000,
        markPrice: 100_000,
        tiers,
      },
      {
        symbol: 'ETH/USDT:USDT',
        asset: 'ETH',
        quantity: -40,
        entryPrice: 3_050,
        markPrice: 3_000,
        tiers,
      },
      {
        symbol: 'ETH/USDC:USDC',
        asset: 'ETH',
        quantity: 10,
        entryPrice: 2_900,
        markPrice: 3_000,
        tiers: flat,
      },
    ],
  };
  const isolated: MarginSilo = { ...long, accountId: 'isolated', wallet: 4_000 };
  // An inverse-style silo: 1 BTC of coin collateral short 60,000 USD of inverse perpetual.
  const inverse: MarginSilo = {
    accountId: 'inverse',
    label: 'inverse',
    positionIndices: [0],
    wallet: 1,
    positions: [],
    nonlinear: {
      assets: ['BTC'],
      markPrices: [100_000],
      surplus: ([price = 100_000]) =>
        1 + 60_000 * (1 / price - 1 / 100_000) - (0.005 * 60_000) / price - 0.93,
    },
  };
  const spec: PathSpec = {
    assets: ['BTC', 'ETH'],
    annualVols: [0.6, 0.8],
    correlationMatrix: Float64Array.from([1, 0.8, 0.8, 1]),
    horizonHours: 24,
    paths: 4_000,
    distribution: { type: 'student-t', nu: 4 },
  };

  it('gives the same estimate for every silo (the bound and the aggregation change nothing)', () => {
    const silos = [cross, isolated, inverse, { ...cross, accountId: 'thin', wallet: 9_000 }];
    const result = liquidationPathProbabilities(silos, spec, createRng(12));
    const plain = plainPathSimulation(silos, spec, 12);
    result.silos.forEach((estimate, s) =>
      expect(estimate.value).toBeCloseTo(plain[s] ?? Number.NaN, 12),
    );
    // The book is meant to exercise both branches: some silos are near liquidation, some not.
    expect(plain.some((value) => value > 0.01 && value < 0.99)).toBe(true);
  });
});
