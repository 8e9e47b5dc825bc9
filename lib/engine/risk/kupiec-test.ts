import { normalCdf } from '../math/normal';

/**
 * Kupiec's proportion-of-failures test of a VaR model (Kupiec 1995, "Techniques for verifying
 * the accuracy of risk measurement models", J. Derivatives 3(2)): with x exceptions in n days
 * and expected exception rate p = 1 − α,
 *
 *   LR = −2·ln[(1 − p)^(n−x)·p^x] + 2·ln[(1 − x/n)^(n−x)·(x/n)^x]  ~ χ²(1) under the model,
 *
 * p-value = P(χ²₁ > LR) = 2·(1 − Φ(√LR)). The model is rejected at 5% when LR > 3.841.
 * Policy: 0 ≤ x ≤ n, n ≥ 1, p ∈ (0, 1); x ln x is taken as 0 at x = 0.
 */
export interface KupiecResult {
  readonly observations: number;
  readonly exceptions: number;
  readonly expected: number;
  readonly likelihoodRatio: number;
  readonly pValue: number;
  readonly rejectedAt5Percent: boolean;
}

export function kupiecTest(
  exceptions: number,
  observations: number,
  expectedRate: number,
): KupiecResult {
  if (!(observations >= 1) || exceptions < 0 || exceptions > observations)
    throw new RangeError(
      `kupiecTest requires 0 ≤ exceptions ≤ observations, got ${exceptions} of ${observations}`,
    );
  if (!(expectedRate > 0 && expectedRate < 1))
    throw new RangeError(`kupiecTest requires an expected rate in (0, 1), got ${expectedRate}`);
  const xLogY = (x: number, y: number) => (x === 0 ? 0 : x * Math.log(y));
  const observed = exceptions / observations;
  const nullLog =
    xLogY(observations - exceptions, 1 - expectedRate) + xLogY(exceptions, expectedRate);
  const fittedLog = xLogY(observations - exceptions, 1 - observed) + xLogY(exceptions, observed);
  const likelihoodRatio = Math.max(0, -2 * nullLog + 2 * fittedLog);
  return {
    observations,
    exceptions,
    expected: observations * expectedRate,
    likelihoodRatio,
    pValue: 2 * (1 - normalCdf(Math.sqrt(likelihoodRatio))),
    rejectedAt5Percent: likelihoodRatio > 3.841458820694124,
  };
}
