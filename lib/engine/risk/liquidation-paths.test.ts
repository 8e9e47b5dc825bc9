import { describe, expect, it } from 'vitest';
import { createRng } from '../math/rng';
import { barrierTouchProbability } from './barrier-touch-probability';
import { liquidationPathProbabilities } from './liquidation-paths';
import type { MarginSilo } from './margin-silo';

// A 1 BTC isolated long at 100,000 with 6,300 of margin and a flat 0.5% MM rate is liquidated
// where 6,300 + (P − 100,000) = 0.005·P, i.e. at P = 93,700/0.995 ≈ 94,171 (−5.8%).
const flat = [{ cap: Number.POSITIVE_INFINITY, rate: 0.005, amount: 0 }];
const long: MarginSilo = {
  accountId: 'long',
  label: 'isolated',
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
