import { describe, expect, it } from 'vitest';
import { christoffersenTest } from './christoffersen-test';
import { kupiecTest } from './kupiec-test';

/**
 * An exception sequence with the given transition counts and a quiet first day: `runs` runs of
 * exceptions, `doubles` of them two days long and the others one day, each followed by a quiet
 * day, and the remaining quiet days at the start.
 */
function sequenceWith(days: number, runs: number, doubles: number): boolean[] {
  const exceptionDays = runs + doubles;
  const quietAtStart = days - exceptionDays - runs;
  const sequence: boolean[] = Array.from({ length: quietAtStart }, () => false);
  for (let run = 0; run < runs; run++) {
    sequence.push(true);
    if (run < doubles) sequence.push(true);
    sequence.push(false);
  }
  return sequence;
}

describe('christoffersenTest', () => {
  // MATLAB Risk Management Toolbox, varbacktest `cc` and `cci` documentation example
  // (https://www.mathworks.com/help/risk/varbacktest.cc.html, VaRBacktestData, Normal95):
  // 1043 days, 57 failures, N00 = 932, N10 = 53, N01 = 53, N11 = 4 at VaR level 0.95 give
  // LRatioCCI 0.25866 (PValueCCI 0.61104) and LRatioCC 0.72013 (PValueCC 0.69763), printed to
  // five significant digits.
  it('reproduces the published varbacktest example from its transition counts', () => {
    const sequence = sequenceWith(1043, 53, 4);
    const result = christoffersenTest(sequence, 0.05);
    expect(result.observations).toBe(1043);
    expect(result.exceptions).toBe(57);
    expect(result.transitions).toEqual({ n00: 932, n01: 53, n10: 53, n11: 4 });
    expect(result.independenceLikelihoodRatio).toBeCloseTo(0.25866, 5);
    expect(result.independencePValue).toBeCloseTo(0.61104, 5);
    expect(result.conditionalCoverageLikelihoodRatio).toBeCloseTo(0.72013, 5);
    expect(result.conditionalCoveragePValue).toBeCloseTo(0.69763, 5);
    expect(result.independenceRejectedAt5Percent).toBe(false);
    expect(result.conditionalCoverageRejectedAt5Percent).toBe(false);
  });

  // Hand calculation: 90 quiet days then 10 exceptions in a row, 1% VaR. n00 = 89, n01 = 1,
  // n10 = 0, n11 = 9; π̂ = 10/99, π̂01 = 1/90, π̂11 = 1;
  // LR_ind = −2·[89·ln(89/99) + 10·ln(10/99)] + 2·[89·ln(89/90) + ln(1/90)] and
  // LR_uc = −2·[90·ln 0.99 + 10·ln 0.01] + 2·[90·ln 0.9 + 10·ln 0.1], evaluated with Python's
  // math.log; p-values with math.erfc (χ²₁) and math.exp (χ²₂).
  it('rejects clustered exceptions, as the closed form gives', () => {
    const sequence = [
      ...Array.from({ length: 90 }, () => false),
      ...Array.from({ length: 10 }, () => true),
    ];
    const result = christoffersenTest(sequence, 0.01);
    expect(result.transitions).toEqual({ n00: 89, n01: 1, n10: 0, n11: 9 });
    expect(result.independenceLikelihoodRatio).toBeCloseTo(53.81628780732018, 10);
    expect(result.independencePValue / 2.2014015468815633e-13).toBeCloseTo(1, 10);
    expect(result.conditionalCoverageLikelihoodRatio).toBeCloseTo(82.71215730242263, 10);
    expect(result.conditionalCoveragePValue / 1.0946700817686582e-18).toBeCloseTo(1, 10);
    expect(result.independenceRejectedAt5Percent).toBe(true);
    expect(result.conditionalCoverageRejectedAt5Percent).toBe(true);
  });

  it('adds the independence statistic to Kupiec’s for conditional coverage', () => {
    const sequence = sequenceWith(500, 9, 3);
    const result = christoffersenTest(sequence, 0.025);
    expect(result.conditionalCoverageLikelihoodRatio).toBeCloseTo(
      kupiecTest(12, 500, 0.025).likelihoodRatio + result.independenceLikelihoodRatio,
      12,
    );
  });

  it('has nothing to test without exceptions: LR_ind = 0 and the coverage is Kupiec’s', () => {
    const result = christoffersenTest(
      Array.from({ length: 300 }, () => false),
      0.01,
    );
    expect(result.independenceLikelihoodRatio).toBe(0);
    expect(result.independencePValue).toBe(1);
    expect(result.conditionalCoverageLikelihoodRatio).toBeCloseTo(
      kupiecTest(0, 300, 0.01).likelihoodRatio,
      12,
    );
  });

  it('does not mutate its input', () => {
    const sequence = Object.freeze(sequenceWith(200, 4, 1));
    expect(() => christoffersenTest(sequence, 0.01)).not.toThrow();
  });

  it('rejects a sequence too short to have a transition, and a rate outside (0, 1)', () => {
    expect(() => christoffersenTest([true], 0.01)).toThrow(
      'christoffersenTest requires at least two days of exceptions, got 1',
    );
    expect(() => christoffersenTest([true, false], 1)).toThrow(
      'christoffersenTest requires an expected rate in (0, 1), got 1',
    );
  });
});
