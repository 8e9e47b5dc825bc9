import { normalCdf } from '../math/normal';
import { kupiecTest } from './kupiec-test';

/**
 * Christoffersen's tests of a VaR model's exception sequence (Christoffersen 1998, "Evaluating
 * interval forecasts", International Economic Review 39(4), 841–862): the independence test
 * and the conditional-coverage test that joins it with Kupiec's proportion of failures.
 *
 * The exceptions I_1..I_n (I_t = 1 when day t's loss exceeds its VaR) are read as a first-order
 * Markov chain. With n_ij the number of days in state j that follow a day in state i (n − 1
 * transitions in all), π̂01 = n01/(n00 + n01), π̂11 = n11/(n10 + n11) and
 * π̂ = (n01 + n11)/(n − 1):
 *
 *   LR_ind = −2·ln[(1 − π̂)^(n00+n10)·π̂^(n01+n11)]
 *            + 2·ln[(1 − π̂01)^n00·π̂01^n01·(1 − π̂11)^n10·π̂11^n11]        ~ χ²(1),
 *   LR_cc  = LR_uc + LR_ind                                               ~ χ²(2),
 *
 * LR_uc being Kupiec's statistic (kupiec-test.ts) on all n days. Christoffersen's LR_cc
 * conditions on the first day, which makes it exactly LR_uc + LR_ind when LR_uc is counted over
 * the same n − 1 days; the sum with LR_uc over all n days is the convention of MATLAB's
 * varbacktest `cc` (https://www.mathworks.com/help/risk/varbacktest.cc.html), whose documented
 * example the test reproduces.
 *
 * p-values: P(χ²₁ > LR) = 2·Φ(−√LR); P(χ²₂ > LR) = e^(−LR/2). Rejected at 5% when the p-value is
 * below 0.05 (LR above 3.841 and 5.991).
 * Policy: x·ln x is taken as 0 at x = 0, so a sequence without exceptions, or without a day
 * after an exception, gives LR_ind = 0 (nothing to test). At least two days; expected rate in
 * (0, 1). Cost: O(n).
 */
export interface ChristoffersenResult {
  readonly observations: number;
  readonly exceptions: number;
  /** Transition counts: n_ij days in state j after a day in state i (1 = exception). */
  readonly transitions: {
    readonly n00: number;
    readonly n01: number;
    readonly n10: number;
    readonly n11: number;
  };
  readonly independenceLikelihoodRatio: number;
  readonly independencePValue: number;
  readonly conditionalCoverageLikelihoodRatio: number;
  readonly conditionalCoveragePValue: number;
  readonly independenceRejectedAt5Percent: boolean;
  readonly conditionalCoverageRejectedAt5Percent: boolean;
}

export function christoffersenTest(
  exceptionIndicators: readonly boolean[],
  expectedRate: number,
): ChristoffersenResult {
  const observations = exceptionIndicators.length;
  if (observations < 2)
    throw new RangeError(
      `christoffersenTest requires at least two days of exceptions, got ${observations}`,
    );
  if (!(expectedRate > 0 && expectedRate < 1))
    throw new RangeError(
      `christoffersenTest requires an expected rate in (0, 1), got ${expectedRate}`,
    );
  const counts = [0, 0, 0, 0];
  let exceptions = exceptionIndicators[0] ? 1 : 0;
  for (let day = 1; day < observations; day++) {
    const today = exceptionIndicators[day] ? 1 : 0;
    exceptions += today;
    const transition = (exceptionIndicators[day - 1] ? 2 : 0) + today;
    counts[transition] = (counts[transition] as number) + 1;
  }
  const [n00 = 0, n01 = 0, n10 = 0, n11 = 0] = counts;
  const xLogY = (x: number, y: number) => (x === 0 ? 0 : x * Math.log(y));
  const pooled = (n01 + n11) / (observations - 1);
  const afterQuiet = n00 + n01 === 0 ? 0 : n01 / (n00 + n01);
  const afterException = n10 + n11 === 0 ? 0 : n11 / (n10 + n11);
  const restrictedLog = xLogY(n00 + n10, 1 - pooled) + xLogY(n01 + n11, pooled);
  const markovLog =
    xLogY(n00, 1 - afterQuiet) +
    xLogY(n01, afterQuiet) +
    xLogY(n10, 1 - afterException) +
    xLogY(n11, afterException);
  const independenceLikelihoodRatio = Math.max(0, -2 * restrictedLog + 2 * markovLog);
  const independencePValue = 2 * normalCdf(-Math.sqrt(independenceLikelihoodRatio));
  const conditionalCoverageLikelihoodRatio =
    kupiecTest(exceptions, observations, expectedRate).likelihoodRatio +
    independenceLikelihoodRatio;
  const conditionalCoveragePValue = Math.exp(-conditionalCoverageLikelihoodRatio / 2);
  return {
    observations,
    exceptions,
    transitions: { n00, n01, n10, n11 },
    independenceLikelihoodRatio,
    independencePValue,
    conditionalCoverageLikelihoodRatio,
    conditionalCoveragePValue,
    independenceRejectedAt5Percent: independencePValue < 0.05,
    conditionalCoverageRejectedAt5Percent: conditionalCoveragePValue < 0.05,
  };
}
