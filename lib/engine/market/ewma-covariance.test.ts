import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { choleskyLower } from '../math/cholesky';
import {
  ewmaCovariance,
  ewmaSeed,
  ewmaStep,
  RISKMETRICS_DAILY_LAMBDA,
  volsAndCorrelations,
} from './ewma-covariance';
import { DEFAULT_MARKET } from './default-market';
import { ewmaCovarianceFromCloses } from './ewma-covariance-from-closes';

const EPS = Number.EPSILON;

/** |actual − expected| within `ulps` units of the expected value's magnitude. */
function expectUlps(actual: number | undefined, expected: number, ulps = 8): void {
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThanOrEqual(
    ulps * EPS * Math.abs(expected),
  );
}

/** Σ + δI is Cholesky-factorable with δ = 64·n·ε·max Σ_ii (see the PSD test). */
function psdUpToRounding(matrix: Float64Array, size: number): boolean {
  let maxDiagonal = 0;
  for (let i = 0; i < size; i++) maxDiagonal = Math.max(maxDiagonal, matrix[i * size + i] ?? 0);
  const ridged = Float64Array.from(matrix);
  for (let i = 0; i < size; i++)
    ridged[i * size + i] = (ridged[i * size + i] ?? 0) + 64 * size * EPS * maxDiagonal;
  try {
    choleskyLower(ridged, size);
    return true;
  } catch {
    return false;
  }
}

describe('ewmaStep', () => {
  it('reproduces the methodology §6.5 vector: σ² 0.000324, r −2.3% → 0.0003363', () => {
    // methodology.md §6.5 "EWMA" (acadifi.com shows the rounded 0.000337 / 1.835%).
    const variance = Float64Array.of(0.000324);
    ewmaStep(variance, [-0.023], RISKMETRICS_DAILY_LAMBDA);
    expectUlps(variance[0], 0.0003363);
    expect(Math.sqrt(variance[0] ?? 0)).toBeCloseTo(0.018338, 6);
  });

  it('rejects a decay factor outside (0, 1) and a non-finite return', () => {
    expect(() => ewmaStep(Float64Array.of(1), [0.01], 1)).toThrow('decay factor');
    expect(() => ewmaStep(Float64Array.of(1), [Number.NaN], 0.94)).toThrow(
      'asset 0: NaN is not a finite return',
    );
    expect(() => ewmaStep(Float64Array.of(1), [0.01, 0.02], 0.94)).toThrow('2×2 covariance');
  });
});

describe('ewmaCovariance', () => {
  it('constant returns give σ² = c² on every day (vol |c|·√365) and correlation ±1', () => {
    // Closed form: seed = c², and λc² + (1 − λ)c² = c² at every step.
    const rows = Array.from({ length: 60 }, () => [0.02, -0.05]);
    const covariance = ewmaCovariance(rows);
    expectUlps(covariance[0], 0.0004, 16);
    expectUlps(covariance[3], 0.0025, 16);
    expectUlps(covariance[1], -0.001, 16);
    const { annualVols, correlationMatrix } = volsAndCorrelations(covariance, 2);
    expectUlps(annualVols[0], 0.02 * Math.sqrt(365), 16);
    expectUlps(annualVols[1], 0.05 * Math.sqrt(365), 16);
    expectUlps(correlationMatrix[1], -1, 16);
    expect(correlationMatrix[0]).toBe(1);
  });

  it('matches a two-asset recursion computed by hand (seed of 2 days, λ = 0.94)', () => {
    // Rows (0.01, 0.02), (−0.02, 0.01), (0.03, −0.01). Seed: mean outer product of the first
    // two rows = [[2.5e-4, 0], [0, 2.5e-4]]. Three steps Σ ← 0.94Σ + 0.06·r·rᵀ, in exact
    // arithmetic: xx 2.41e-4 → 2.5054e-4 → 2.895076e-4; xy 1.2e-5 → −7.2e-7 → −1.86768e-5;
    // yy 2.59e-4 → 2.4946e-4 → 2.404924e-4.
    const rows = [
      [0.01, 0.02],
      [-0.02, 0.01],
      [0.03, -0.01],
    ];
    const seed = ewmaSeed(rows, 2);
    expectUlps(seed[0], 2.5e-4);
    expect(Math.abs(seed[1] ?? 1)).toBeLessThan(1e-20);
    const covariance = ewmaCovariance(rows, { seedDays: 2 });
    expectUlps(covariance[0], 2.895076e-4);
    expectUlps(covariance[1], -1.86768e-5, 32); // a difference of near-equal terms
    expect(covariance[2]).toBe(covariance[1]);
    expectUlps(covariance[3], 2.404924e-4);
    const { annualVols, correlationMatrix } = volsAndCorrelations(covariance, 2, ['A', 'B']);
    expectUlps(annualVols[0], Math.sqrt(2.895076e-4 * 365));
    expectUlps(annualVols[1], Math.sqrt(2.404924e-4 * 365));
    expectUlps(correlationMatrix[1], -1.86768e-5 / Math.sqrt(2.895076e-4 * 2.404924e-4), 64);
  });

  it('gives a positive semi-definite covariance and correlation matrix for any returns', () => {
    // PSD holds exactly in real arithmetic (a sum of outer products). The computed matrix is
    // that PSD matrix perturbed by rounding of order ε·max Σ_ii per entry, so the check is:
    // Σ + δI factors by Cholesky with δ = 64·n·ε·max Σ_ii (a backward-error bound, not a
    // tolerance fitted to the data). fast-check's edge cases (zeros, 1e-13 returns beside
    // 1e-2 ones, rank-deficient matrices) are exactly where plain Cholesky would trip on rounding.
    const returns = fc.integer({ min: 1, max: 5 }).chain((assets) =>
      fc.array(
        fc.array(fc.double({ min: -0.4, max: 0.4, noNaN: true }), {
          minLength: assets,
          maxLength: assets,
        }),
        { minLength: 30, maxLength: 90 },
      ),
    );
    fc.assert(
      fc.property(returns, (rows) => {
        const size = rows[0]?.length ?? 0;
        const covariance = ewmaCovariance(rows);
        expect(psdUpToRounding(covariance, size)).toBe(true);
        const variances = Array.from({ length: size }, (_, i) => covariance[i * size + i] ?? 0);
        if (variances.some((value) => value === 0)) return;
        const { correlationMatrix } = volsAndCorrelations(covariance, size);
        expect(psdUpToRounding(correlationMatrix, size)).toBe(true);
        for (const value of correlationMatrix)
          expect(Math.abs(value)).toBeLessThanOrEqual(1 + 8 * EPS);
      }),
      { numRuns: 500 },
    );
  });

  it('names what is wrong: too few days, ragged rows, an asset that never moved', () => {
    expect(() => ewmaCovariance([[0.01]])).toThrow('1 daily returns are fewer than the 30');
    expect(() => ewmaSeed([[0.01, 0.02], [0.01]], 2)).toThrow(
      'return row 1 has 1 assets, expected 2',
    );
    const flat = Array.from({ length: 40 }, (_, t) => [t % 2 === 0 ? 0.01 : -0.01, 0]);
    expect(() => volsAndCorrelations(ewmaCovariance(flat), 2, ['BTC', 'USDT'])).toThrow(
      'USDT has zero EWMA variance',
    );
  });
});

describe('ewmaCovarianceFromCloses', () => {
  const day = (index: number) => new Date(Date.UTC(2024, 0, 1 + index)).toISOString().slice(0, 10);
  const path = (length: number, start: number, drift: (t: number) => number) => {
    let close = 100;
    return Array.from({ length }, (_, t) => {
      if (t > 0) close *= Math.exp(drift(t));
      return { date: day(start + t), close };
    });
  };

  it('vols use each asset’s own history (λ_v), correlations the days every asset trades (λ_c)', () => {
    const { volLambda, correlationLambda } = DEFAULT_MARKET.volForecast;
    const btc = path(80, 0, (t) => 0.03 * Math.sin(t * 1.7));
    const sol = path(50, 30, (t) => 0.04 * Math.cos(t * 0.9));
    const figures = ewmaCovarianceFromCloses({ SOL: sol, BTC: btc });
    expect(figures.assets).toEqual(['BTC', 'SOL']);
    const ownReturns = (closes: typeof btc) =>
      closes.slice(1).map((row, t) => [Math.log(row.close / (closes[t]?.close ?? 1))]);
    expectUlps(
      figures.annualVols.BTC,
      volsAndCorrelations(ewmaCovariance(ownReturns(btc), { lambda: volLambda }), 1)
        .annualVols[0] ?? 0,
      4,
    );
    // SOL's first close is day 30, so the common returns run from day 31 to day 79: 49 days.
    expect(figures.correlationWindow).toEqual({ from: day(31), to: day(79), days: 49 });
    const joint = btc
      .slice(31)
      .map((row, t) => [
        Math.log(row.close / (btc[30 + t]?.close ?? 1)),
        Math.log((sol[t + 1]?.close ?? 1) / (sol[t]?.close ?? 1)),
      ]);
    const { correlationMatrix } = volsAndCorrelations(
      ewmaCovariance(joint, { lambda: correlationLambda }),
      2,
    );
    expectUlps(figures.correlations['BTC/SOL'], correlationMatrix[1] ?? 0, 4);
    expect(figures.lastDates).toEqual({ BTC: day(79), SOL: day(79) });
  });

  it('rejects a bad close, days out of order and too short a history, naming the asset', () => {
    const good = path(40, 0, () => 0.01);
    expect(() =>
      ewmaCovarianceFromCloses({
        ETH: good.map((row, t) => (t === 5 ? { ...row, close: 0 } : row)),
      }),
    ).toThrow(`ETH close on ${day(5)}: 0 is not a positive finite price`);
    expect(() =>
      ewmaCovarianceFromCloses({ ETH: [...good.slice(0, 10), good[3] as (typeof good)[0]] }),
    ).toThrow(`ETH closes: ${day(3)} follows ${day(9)}`);
    expect(() => ewmaCovarianceFromCloses({ ETH: good.slice(0, 20) })).toThrow(
      'ETH: 19 daily returns are fewer than the 30',
    );
  });
});
