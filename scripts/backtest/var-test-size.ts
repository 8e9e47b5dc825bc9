/**
 * How often a correct VaR model still fails a backtest row's VaR tests at 5%: the chance that
 * Kupiec's test (lib/engine/risk/kupiec-test.ts), Christoffersen's independence or conditional
 * coverage test (christoffersen-test.ts) rejects when the exceptions really are independent
 * Bernoulli draws at the expected rate (the null hypothesis all three test; Christoffersen 1998,
 * §3). Each test alone rejects about 5% of the time, but a row fails when any of them does, and
 * on a few dozen exceptions the χ² approximations are not exact, so the row's false-failure rate
 * is simulated.
 *
 * Seeded: `simulations` sequences of `days` days from `rng`; the estimate's standard error is
 * √(p(1−p)/simulations). Cost: O(simulations · days).
 */
import type { Rng } from '../../lib/engine/math/rng';
import { christoffersenTest } from '../../lib/engine/risk/christoffersen-test';
import { kupiecTest } from '../../lib/engine/risk/kupiec-test';

export function varTestsFalseFailureRate(
  days: number,
  expectedRate: number,
  simulations: number,
  rng: Rng,
): number {
  if (!(Number.isInteger(days) && days >= 2))
    throw new RangeError(`varTestsFalseFailureRate requires at least two days, got ${days}`);
  if (!(Number.isInteger(simulations) && simulations >= 1))
    throw new RangeError(
      `varTestsFalseFailureRate requires a positive whole number of simulations, got ${simulations}`,
    );
  let failures = 0;
  const exceptions: boolean[] = Array.from({ length: days }, () => false);
  for (let simulation = 0; simulation < simulations; simulation++) {
    let count = 0;
    for (let day = 0; day < days; day++) {
      const exception = rng.nextDouble() < expectedRate;
      exceptions[day] = exception;
      if (exception) count++;
    }
    const christoffersen = christoffersenTest(exceptions, expectedRate);
    if (
      kupiecTest(count, days, expectedRate).rejectedAt5Percent ||
      christoffersen.independenceRejectedAt5Percent ||
      christoffersen.conditionalCoverageRejectedAt5Percent
    )
      failures++;
  }
  return failures / simulations;
}
