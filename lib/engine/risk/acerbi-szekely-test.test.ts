import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../math/normal';
import { createRng } from '../math/rng';
import { AcerbiSzekelyZ2Test, type ShortfallForecast } from './acerbi-szekely-test';

/**
 * A standard normal loss forecast as N equally weighted scenarios at the quantiles
 * Φ⁻¹((i + ½)/N), at tail probability α with αN whole: VaR is the (αN + 1)-th largest loss, ES
 * the mean of the αN largest (expected-shortfall.ts), and those αN are the exceeding losses.
 */
function discretisedNormalForecast(scenarioCount: number, tailProbability: number) {
  const tailCount = Math.round(tailProbability * scenarioCount);
  const exceedingLosses = Float64Array.from({ length: tailCount }, (_, index) =>
    normalQuantile((scenarioCount - index - 0.5) / scenarioCount),
  );
  return {
    valueAtRisk: normalQuantile((scenarioCount - tailCount - 0.5) / scenarioCount),
    expectedShortfall: exceedingLosses.reduce((sum, loss) => sum + loss, 0) / tailCount,
    exceedingLosses,
    scenarioCount,
  } satisfies ShortfallForecast;
}

describe('AcerbiSzekelyZ2Test', () => {
  // Hand calculation, α = 10%, VaR 1 and ES 2 every day; losses 3, 0.5, 1.5, −1 exceed VaR on
  // days 1 and 3: Z2 = 1 − (3/2 + 1.5/2)/(4·0.1) = 1 − 2.25/0.4 = −4.625.
  it('computes Z2 = 1 − Σ L·I/(T·α·ES) by hand', () => {
    const test = new AcerbiSzekelyZ2Test(0.1, 10, createRng(1));
    const forecast = {
      valueAtRisk: 1,
      expectedShortfall: 2,
      exceedingLosses: Float64Array.of(1.5, 2.5),
      scenarioCount: 20,
    };
    for (const loss of [3, 0.5, 1.5, -1]) test.addDay(forecast, loss);
    const result = test.result();
    expect(result.statistic).toBeCloseTo(-4.625, 14);
    expect(result.observations).toBe(4);
    expect(result.exceptions).toBe(2);
  });

  // Closed form: a forecast of 100 scenarios with a single loss above VaR, equal to ES (α = 1%):
  // a simulated day adds 1 with probability 1/100, so Z2⁽ᵐ⁾ = 1 − X/(T·α) with X ~ Bin(T, 1%).
  // Seven realised exceptions of size ES in T = 250 days give Z2 = 1 − 7/2.5, and the p-value is
  // P(X ≥ 7) = 1 − Σ_{x<7} C(250, x)·0.01^x·0.99^(250−x), within four Monte Carlo standard errors.
  it('gives the binomial tail as p-value when each day has one exceeding scenario', () => {
    const days = 250;
    const simulations = 20_000;
    const test = new AcerbiSzekelyZ2Test(0.01, simulations, createRng(7));
    const forecast = {
      valueAtRisk: 0,
      expectedShortfall: 1,
      exceedingLosses: Float64Array.of(1),
      scenarioCount: 100,
    };
    for (let day = 0; day < days; day++) test.addDay(forecast, day % 40 === 0 ? 1 : -1);
    let belowSeven = 0;
    let probability = 0.99 ** days;
    for (let count = 0; count < 7; count++) {
      belowSeven += probability;
      probability *= ((days - count) / (count + 1)) * (0.01 / 0.99);
    }
    const binomialTail = 1 - belowSeven;
    const result = test.result();
    expect(result.exceptions).toBe(7);
    expect(result.statistic).toBeCloseTo(1 - 7 / 2.5, 14);
    const standardError = Math.sqrt((binomialTail * (1 - binomialTail)) / simulations);
    expect(Math.abs(result.pValue - binomialTail)).toBeLessThan(4 * standardError);
    expect(result.rejectedAt5Percent).toBe(binomialTail < 0.05);
  });

  // Acerbi & Székely (2014): for T = 250 days and α = 2.5% the 5% critical value of Z2 is about
  // −0.7, nearly the same for normal and moderately heavy Student-t forecasts (−0.701 for the
  // normal from 100,000 continuous simulations in
  // test/golden/generate/acerbi-szekely-critical-values.py).
  it('has the paper’s 5% critical value, about −0.7, for normal forecasts over 250 days', () => {
    const test = new AcerbiSzekelyZ2Test(0.025, 20_000, createRng(11));
    const forecast = discretisedNormalForecast(40_000, 0.025);
    for (let day = 0; day < 250; day++) test.addDay(forecast, 0);
    const result = test.result();
    expect(result.criticalValueAt5Percent).toBeCloseTo(-0.7, 1);
    expect(result.statistic).toBe(1);
    expect(result.pValue).toBe(1);
  });

  // MATLAB Risk Management Toolbox, esbacktest `unconditionalNormal` documentation example
  // (https://www.mathworks.com/help/risk/esbacktest.unconditionalnormal.html): 1966 days at
  // VaR level 0.975, test statistic −0.38265, p-value 0.0054099 under a normal model. We feed
  // one realised loss that gives exactly that Z2; the simulated p-value agrees within 0.0015
  // (about four Monte Carlo standard errors at 40,000 simulations; the continuous simulation of
  // test/golden/generate/acerbi-szekely-critical-values.py gives 0.0050).
  it('reproduces the documented p-value of Z2 = −0.38265 over 1966 days at 97.5%', () => {
    const days = 1966;
    const test = new AcerbiSzekelyZ2Test(0.025, 40_000, createRng(13));
    const forecast = discretisedNormalForecast(40_000, 0.025);
    const lossGivingStatistic = (1 + 0.38265) * days * 0.025 * forecast.expectedShortfall;
    test.addDay(forecast, lossGivingStatistic);
    for (let day = 1; day < days; day++) test.addDay(forecast, 0);
    const result = test.result();
    expect(result.statistic).toBeCloseTo(-0.38265, 12);
    expect(Math.abs(result.pValue - 0.0054099)).toBeLessThan(0.0015);
    expect(result.rejectedAt5Percent).toBe(true);
  });

  it('does not mutate the forecast', () => {
    const forecast = discretisedNormalForecast(1000, 0.025);
    const before = Float64Array.from(forecast.exceedingLosses);
    const test = new AcerbiSzekelyZ2Test(0.025, 100, createRng(3));
    test.addDay(forecast, 5);
    expect(forecast.exceedingLosses).toEqual(before);
  });

  it('rejects a non-positive ES, more exceeding losses than scenarios, and an empty test', () => {
    const test = new AcerbiSzekelyZ2Test(0.025, 10, createRng(5));
    const forecast = discretisedNormalForecast(1000, 0.025);
    expect(() => test.addDay({ ...forecast, expectedShortfall: 0 }, 1)).toThrow(
      'acerbiSzekelyZ2Test requires a positive expected shortfall, got 0 on day 0',
    );
    expect(() => test.addDay({ ...forecast, scenarioCount: 10 }, 1)).toThrow(
      'acerbiSzekelyZ2Test requires at least as many scenarios as exceeding losses, got 25 of 10 on day 0',
    );
    expect(() => test.result()).toThrow('acerbiSzekelyZ2Test requires at least one day');
    expect(() => new AcerbiSzekelyZ2Test(0.025, 0, createRng(5))).toThrow(
      'acerbiSzekelyZ2Test requires a whole number of simulations, at least 1, got 0',
    );
  });
});
