/**
 * The indices of the k largest values of `losses`, in linear expected time (Hoare's
 * quickselect on a copy to find the k-th largest, then one pass to collect; ties at the
 * threshold are taken in index order so that exactly k indices are returned).
 *
 * Policy: tailScenarioIndices requires 1 ≤ k ≤ losses.length and no NaN. The input is not mutated.
 * Cost: O(N) expected time, O(N) memory.
 */
export function tailScenarioIndices(losses: Float64Array, k: number): Int32Array {
  const count = losses.length;
  if (!Number.isInteger(k) || k < 1 || k > count) {
    throw new RangeError(`tailScenarioIndices requires 1 ≤ k ≤ ${count}, got ${k}`);
  }
  const work = Float64Array.from(losses);
  for (const value of work)
    if (Number.isNaN(value))
      throw new RangeError('tailScenarioIndices requires losses without NaN');
  const threshold = kthLargest(work, k);
  const indices = new Int32Array(k);
  let filled = 0;
  for (let i = 0; i < count && filled < k; i++)
    if ((losses[i] ?? 0) > threshold) indices[filled++] = i;
  for (let i = 0; i < count && filled < k; i++) if (losses[i] === threshold) indices[filled++] = i;
  return indices;
}

/** The k-th largest value (1-based) of `values`, reordering `values` in place. */
function kthLargest(values: Float64Array, k: number): number {
  const target = values.length - k; // k-th largest = (n−k)-th smallest, 0-based
  let left = 0;
  let right = values.length - 1;
  while (left < right) {
    const pivot = medianOfThree(
      values[left] ?? 0,
      values[(left + right) >>> 1] ?? 0,
      values[right] ?? 0,
    );
    let i = left;
    let j = right;
    while (i <= j) {
      while ((values[i] ?? 0) < pivot) i++;
      while ((values[j] ?? 0) > pivot) j--;
      if (i <= j) {
        const swap = values[i] ?? 0;
        values[i] = values[j] ?? 0;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (target <= j) right = j;
    else if (target >= i) left = i;
    else break;
  }
  return values[target] ?? 0;
}

function medianOfThree(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}
