import { describe, expect, it } from 'vitest';
import { ewmaCovariance, volsAndCorrelations } from './ewma-covariance';
import {
  RISKMETRICS_FORECAST,
  forecastSeed,
  forecastStep,
  forecastVolsAndCorrelations,
  volForecastLabel,
} from './vol-forecast';

const EPS = Number.EPSILON;
const expectUlps = (actual: number | undefined, expected: number, ulps = 8) =>
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThanOrEqual(
    ulps * EPS * Math.abs(expected),
  );

describe('the two-speed EWMA forecast', () => {
  // Two assets, a one-day seed and two steps, computed by hand:
  //   seed = r₁r₁ᵀ with r₁ = (0.02, 0.01): V = C = [[4e-4, 2e-4], [2e-4, 1e-4]];
  //   r₁ again, then r₂ = (−0.03, 0.01), λ_v = 0.5, λ_c = 0.9:
  //   V after r₁ = V (a fixed point); after r₂: V₀₀ = ½·4e-4 + ½·9e-4 = 6.5e-4,
  //     V₁₁ = ½·1e-4 + ½·1e-4 = 1e-4;
  //   C after r₂: C₀₀ = 0.9·4e-4 + 0.1·9e-4 = 4.5e-4, C₁₁ = 1e-4,
  //     C₀₁ = 0.9·2e-4 + 0.1·(−3e-4) = 1.5e-4, ρ = 1.5e-4/√(4.5e-4·1e-4) = 1/√2.
  const rows = [
    [0.02, 0.01],
    [-0.03, 0.01],
  ];
  const forecast = { volLambda: 0.5, correlationLambda: 0.9 };

  it('reads the vols from the fast EWMA and the correlations from the slow one', () => {
    const state = forecastSeed(rows, 1);
    for (const row of [rows[0] as number[], rows[1] as number[]])
      forecastStep(state, row, forecast);
    expectUlps(state.vol[0], 6.5e-4);
    expectUlps(state.vol[3], 1e-4);
    expectUlps(state.correlation[0], 4.5e-4);
    expectUlps(state.correlation[1], 1.5e-4, 16);
    const { annualVols, correlationMatrix } = forecastVolsAndCorrelations(state, 2, ['BTC', 'ETH']);
    expectUlps(annualVols[0], Math.sqrt(6.5e-4 * 365));
    expectUlps(annualVols[1], Math.sqrt(1e-4 * 365));
    expectUlps(correlationMatrix[1], Math.SQRT1_2, 16);
    expect(correlationMatrix[0]).toBe(1);
  });

  it('is the single RiskMetrics EWMA when both decays are 0.94', () => {
    const returns = Array.from({ length: 60 }, (_, t) => [
      0.03 * Math.sin(t * 1.3),
      0.02 * Math.cos(t * 0.7),
    ]);
    const state = forecastSeed(returns);
    for (const row of returns) forecastStep(state, row, RISKMETRICS_FORECAST);
    const single = volsAndCorrelations(ewmaCovariance(returns), 2);
    const twoSpeed = forecastVolsAndCorrelations(state, 2);
    expect(Array.from(twoSpeed.annualVols)).toEqual(Array.from(single.annualVols));
    expect(Array.from(twoSpeed.correlationMatrix)).toEqual(Array.from(single.correlationMatrix));
  });

  it('names its decays, once when they are equal', () => {
    expect(volForecastLabel(RISKMETRICS_FORECAST)).toBe('EWMA λ 0.94');
    expect(volForecastLabel(forecast)).toBe('EWMA λ 0.5 (vols), 0.9 (correlations)');
  });

  it('rejects a decay outside (0, 1) and a non-finite return', () => {
    const state = forecastSeed(rows, 1);
    expect(() =>
      forecastStep(state, [0.01, 0.02], { volLambda: 1, correlationLambda: 0.9 }),
    ).toThrow('decay factor');
    expect(() => forecastStep(state, [Number.NaN, 0], forecast)).toThrow('not a finite return');
  });
});
