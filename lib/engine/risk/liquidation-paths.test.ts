import { describe, expect, it } from 'vitest';
import { choleskyLower } from '../math/cholesky';
import { RandomStream } from '../math/random-stream';
import { createRng } from '../math/rng';
import { barrierTouchProbability } from './barrier-touch-probability';
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
  it('matches the closed-form barrier probability with the discrete-monitoring correction, within 4 standard errors', () => {
    const result = liquidationPathProbabilities([long], spec, createRng(9));
    const barrier = 93_700 / 0.995;
    // Broadie, Glasserman & Kou (1997): hourly monitoring ≈ continuous monitoring of a barrier
    // moved away from the spot by exp(−0.5826·σ·√Δt).
    const shifted = barrier * Math.exp(-0.5826 * 0.8 * Math.sqrt(1 / 8760));
    const closedForm = barrierTouchProbability({
      spot: 100_000,
      barrier: shifted,
      annualVol: 0.8,
      horizonYears: 24 / 8760,
      direction: 'down',
    });
    const estimate = result.silos[0];
    expect(Math.abs((estimate?.value ?? 0) - closedForm)).toBeLessThan(
      4 * (estimate?.standardError ?? 0),
    );
    // Discrete monitoring can only miss crossings: below the continuous probability.
    expect(estimate?.value).toBeLessThan(
      barrierTouchProbability({
        spot: 100_000,
        barrier,
        annualVol: 0.8,
        horizonYears: 24 / 8760,
        direction: 'down',
      }),
    );
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
    expect(first.accounts.safe).toEqual({ value: 0, standardError: 0 });
  });
});

/**
 * The simulation written plainly, for comparison: the same draws in the same order (per pair and
 * step: the normals, then the χ² mixing), every silo evaluated at every monitoring time with
 * siloSurplus (per position, tier by tier) or its non-linear surplus, no bound, no aggregation.
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
  const nu = spec.distribution.type === 'student-t' ? spec.distribution.nu : 0;
  const stream = new RandomStream(createRng(seed));
  const hits = silos.map(() => 0);
  const pairs = Math.ceil(spec.paths / 2);
  for (let pair = 0; pair < pairs; pair++) {
    const levels: number[][] = [];
    const level = new Array<number>(size).fill(0);
    for (let step = 0; step < steps; step++) {
      const z = stream.fillNormal(new Float64Array(size));
      const mixing = nu > 0 ? Math.sqrt((nu - 2) / stream.chiSquare(nu)) : 1;
      for (let i = 0; i < size; i++) {
        let increment = 0;
        for (let k = 0; k <= i; k++) increment += (lower[i * size + k] ?? 0) * (z[k] ?? 0);
        level[i] = (level[i] ?? 0) + increment * mixing;
      }
      levels.push([...level]);
    }
    for (const sign of [1, -1])
      silos.forEach((silo, s) => {
        const ratio = (step: number, asset: string) =>
          Math.exp(sign * (levels[step]?.[spec.assets.indexOf(asset)] ?? 0));
        for (let step = 0; step < steps; step++) {
          const surplus = silo.nonlinear
            ? silo.nonlinear.surplus(
                silo.nonlinear.assets.map(
                  (asset, k) => (silo.nonlinear?.markPrices[k] ?? 0) * ratio(step, asset),
                ),
              )
            : siloSurplus(
                silo,
                silo.positions.map((position) => position.markPrice * ratio(step, position.asset)),
              );
          if (surplus <= 0) {
            hits[s] = (hits[s] ?? 0) + 0.5;
            return;
          }
        }
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
    expect(result.silos.map((estimate) => estimate.value)).toEqual(plain);
    // The book is meant to exercise both branches: some silos are near liquidation, some not.
    expect(plain.some((value) => value > 0.01 && value < 0.99)).toBe(true);
  });
});
