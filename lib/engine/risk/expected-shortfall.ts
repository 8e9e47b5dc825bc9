import { selectTail } from './tail-scenarios';

/**
 * Value at Risk, Expected Shortfall and Euler contributions from equally weighted scenarios.
 *
 * Conventions (DESIGN.md §6; Tasche 2002, methodology §6.1–6.2): loss = −P&L; with N scenarios
 * and confidence α, the tail is the k = ⌈(1−α)·N⌉ largest portfolio losses;
 *   ES  = mean of the tail losses,
 *   VaR = inf{ℓ : P(L ≤ ℓ) ≥ α} (methodology §6.1), the ⌈αN⌉-th smallest loss: the
 *         (⌊(1−α)N⌋ + 1)-th largest, i.e. the smallest tail loss when (1−α)N is fractional and
 *         the largest loss just outside the tail when it is whole; so ES ≥ VaR,
 *   contribution_p = mean of position p's loss over the same tail scenarios,
 * so the contributions add up to ES exactly (up to floating-point rounding).
 *
 * Input: row-major P&L matrix scenarios × positions, in one currency. Cost: O(N·P) for the
 * losses, O(N) for the tail (tail-scenarios.ts), O(k·P) for the contributions. Without a
 * materialised matrix, scenario-expected-shortfall.ts gives the same from scenarios and exposures.
 */
export interface ExpectedShortfallResult {
  readonly confidence: number;
  readonly scenarios: number;
  readonly tailCount: number;
  readonly valueAtRisk: number;
  readonly expectedShortfall: number;
  /** Euler contributions to ES per position (column), summing to ES. */
  readonly contributions: Float64Array;
  /** Portfolio loss per scenario. */
  readonly losses: Float64Array;
  /** The k tail scenarios, in increasing order. */
  readonly tailIndices: Int32Array;
}

/**
 * The tail size k = ⌈(1−α)·N⌉. The product is rounded to 1e-9 first so that, e.g., α = 0.99
 * and N = 20,000 give k = 200 and not 201 from the binary representation of 0.01.
 */
export function tailCount(confidence: number, scenarios: number): number {
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`tailCount requires a confidence in (0, 1), got ${confidence}`);
  return Math.max(1, Math.ceil(Math.round((1 - confidence) * scenarios * 1e9) / 1e9));
}

export function expectedShortfall(
  pnlMatrix: Float64Array,
  positionCount: number,
  confidence: number,
): ExpectedShortfallResult {
  if (positionCount < 1) throw new RangeError('expectedShortfall requires at least one position');
  const scenarios = pnlMatrix.length / positionCount;
  if (!Number.isInteger(scenarios) || scenarios < 1)
    throw new RangeError('expectedShortfall requires at least one scenario');
  // Hot loop: typed-array reads use `as number`; every index is in bounds by construction.
  const losses = new Float64Array(scenarios);
  for (let s = 0; s < scenarios; s++) {
    let total = 0;
    const row = s * positionCount;
    for (let p = 0; p < positionCount; p++) total += pnlMatrix[row + p] as number;
    losses[s] = -total;
  }
  const tail = shortfallTail(losses, confidence);
  const contributions = new Float64Array(positionCount);
  for (const s of tail.tailIndices) {
    const row = s * positionCount;
    for (let p = 0; p < positionCount; p++)
      contributions[p] = (contributions[p] as number) - (pnlMatrix[row + p] as number);
  }
  for (let p = 0; p < positionCount; p++)
    contributions[p] = (contributions[p] as number) / tail.tailCount;
  return { ...tail, contributions };
}

/**
 * Everything of the result but the contributions, from the portfolio losses alone: the tail
 * (tail-scenarios.ts, O(N)), ES as the mean of its losses, VaR as the ⌈αN⌉-th smallest loss —
 * the smallest tail loss, or, when (1−α)N is a whole number so that the tail holds exactly the
 * losses above it, the largest loss outside the tail. Shared with scenario-expected-shortfall.ts.
 */
export function shortfallTail(
  losses: Float64Array,
  confidence: number,
): Omit<ExpectedShortfallResult, 'contributions'> {
  const count = losses.length;
  const k = tailCount(confidence, count);
  const selection = selectTail(losses, k);
  let sum = 0;
  for (const s of selection.indices) sum += losses[s] as number;
  const exact = Math.round((1 - confidence) * count * 1e9) / 1e9;
  const valueAtRisk =
    Number.isInteger(exact) && k < count ? selection.nextLargest : selection.kthLargest;
  return {
    confidence,
    scenarios: count,
    tailCount: k,
    valueAtRisk,
    expectedShortfall: sum / k,
    losses,
    tailIndices: selection.indices,
  };
}
