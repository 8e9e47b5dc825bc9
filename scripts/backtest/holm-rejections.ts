/**
 * Holm's step-down multiple-test procedure (Holm 1979, "A simple sequentially rejective multiple
 * test procedure", Scandinavian Journal of Statistics 6(2), 65–70): with m p-values sorted
 * p_(1) ≤ … ≤ p_(m), reject the hypotheses of p_(1), …, p_(k−1) where k is the first rank with
 * p_(k) > level/(m − k + 1), and none from k on. The chance of any false rejection in the family
 * is then at most `level`, whatever the dependence between the tests.
 *
 * Returns, in input order, whether each hypothesis is rejected. Ties keep their input order.
 * Policy: p-values must lie in [0, 1]; an empty family rejects nothing. Cost: O(m log m).
 */
export function holmRejections(pValues: readonly number[], level: number): boolean[] {
  if (!(level > 0 && level < 1))
    throw new RangeError(`holmRejections requires a level in (0, 1), got ${level}`);
  for (const [index, value] of pValues.entries())
    if (!(value >= 0 && value <= 1))
      throw new RangeError(`holmRejections: p-value ${index} is ${value}, not in [0, 1]`);
  const order = pValues
    .map((_, index) => index)
    .sort((a, b) => (pValues[a] as number) - (pValues[b] as number));
  const rejected = pValues.map(() => false);
  const count = pValues.length;
  for (const [rank, index] of order.entries()) {
    if ((pValues[index] as number) > level / (count - rank)) break;
    rejected[index] = true;
  }
  return rejected;
}
