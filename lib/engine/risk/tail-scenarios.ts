/**
 * The indices of the k largest values of `losses` (ties at the threshold taken in index order,
 * so that exactly k indices are returned, in index order), with the k-th and (k+1)-th largest
 * values, which give VaR (expected-shortfall.ts).
 *
 * The threshold comes from a min-heap of the k+1 largest values seen so far, one pass over the
 * losses: nearly every value is rejected by one compare with the heap's root, and only about
 * (k+1)·ln(N/(k+1)) values enter it on data in random order, so the cost is O(N + k·log k·log N)
 * expected and O(N·log k) worst case, with O(k) memory and no copy of the losses. For k > N/16 a
 * quickselect (Hoare) on a copy is cheaper: O(N) expected time, O(N) memory. Then one pass
 * collects the indices.
 *
 * Policy: requires 1 ≤ k ≤ losses.length and no NaN. The input is not mutated.
 */
export interface TailSelection {
  /** The k scenario indices, in increasing order. */
  readonly indices: Int32Array;
  /** The k-th largest loss: the smallest in the tail. */
  readonly kthLargest: number;
  /** The (k+1)-th largest loss: the largest outside the tail (−Infinity when k = N). */
  readonly nextLargest: number;
}

export function selectTail(losses: Float64Array, k: number): TailSelection {
  const count = losses.length;
  if (!Number.isInteger(k) || k < 1 || k > count) {
    throw new RangeError(`tailScenarioIndices requires 1 ≤ k ≤ ${count}, got ${k}`);
  }
  const largest = new Float64Array(2);
  if (k * 16 <= count) largestByHeap(losses, k, largest);
  else largestBySelection(losses, k, largest);
  const kthLargest = largest[0] as number;
  const indices = new Int32Array(k);
  const filled = collectAbove(losses, kthLargest, indices);
  if (filled < k) collectTies(losses, kthLargest, indices, filled);
  return { indices, kthLargest, nextLargest: largest[1] as number };
}

/** Indices of the values above `threshold`, in index order, into `indices`; returns how many. */
function collectAbove(losses: Float64Array, threshold: number, indices: Int32Array): number {
  let filled = 0;
  // Hot loop: typed-array reads use `as number`; every index is in bounds by construction.
  for (let i = 0; i < losses.length; i++)
    if ((losses[i] as number) > threshold) indices[filled++] = i;
  return filled;
}

/** Fills the rest of `indices` with values equal to `threshold`, in index order, then sorts. */
function collectTies(
  losses: Float64Array,
  threshold: number,
  indices: Int32Array,
  filled: number,
): void {
  for (let i = 0; i < losses.length && filled < indices.length; i++)
    if (losses[i] === threshold) indices[filled++] = i;
  indices.sort();
}

/** The indices of the k largest losses (see {@link selectTail}). */
export function tailScenarioIndices(losses: Float64Array, k: number): Int32Array {
  return selectTail(losses, k).indices;
}

function rejectNaN(): never {
  throw new RangeError('tailScenarioIndices requires losses without NaN');
}

/** The k-th and (k+1)-th largest values into out[0], out[1], by a min-heap of size k + 1 (k < N). */
function largestByHeap(losses: Float64Array, k: number, out: Float64Array): void {
  const size = k + 1;
  const heap = new Float64Array(size);
  let filled = 0;
  // Hot loop: typed-array reads use `as number`; every index is in bounds by construction.
  for (let i = 0; i < losses.length; i++) {
    const value = losses[i] as number;
    if (value !== value) rejectNaN();
    if (filled < size) {
      // Sift up.
      let child = filled++;
      while (child > 0) {
        const parent = (child - 1) >> 1;
        if ((heap[parent] as number) <= value) break;
        heap[child] = heap[parent] as number;
        child = parent;
      }
      heap[child] = value;
    } else if (value > (heap[0] as number)) {
      // Replace the root and sift down.
      let parent = 0;
      for (;;) {
        let child = 2 * parent + 1;
        if (child >= size) break;
        if (child + 1 < size && (heap[child + 1] as number) < (heap[child] as number)) child++;
        if ((heap[child] as number) >= value) break;
        heap[parent] = heap[child] as number;
        parent = child;
      }
      heap[parent] = value;
    }
  }
  // heap[0] is the (k+1)-th largest; the k-th largest is the smallest of the rest: a child of the root.
  out[0] = size > 2 ? Math.min(heap[1] as number, heap[2] as number) : (heap[1] as number);
  out[1] = heap[0] as number;
}

/** The k-th and (k+1)-th largest values into out[0], out[1], by quickselect on a copy. */
function largestBySelection(losses: Float64Array, k: number, out: Float64Array): void {
  const work = Float64Array.from(losses);
  for (const value of work) if (Number.isNaN(value)) rejectNaN();
  const target = work.length - k; // k-th largest = (n−k)-th smallest, 0-based
  const kthLargest = selectInPlace(work, target);
  // Everything left of the target is ≤ it: the (k+1)-th largest is the largest there.
  let nextLargest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < target; i++)
    if ((work[i] as number) > nextLargest) nextLargest = work[i] as number;
  out[0] = kthLargest;
  out[1] = nextLargest;
}

/**
 * Hoare's quickselect with a median-of-three pivot: reorders `values` so that values[target] is
 * the (target+1)-th smallest, everything before it ≤ it and everything after ≥ it.
 */
function selectInPlace(values: Float64Array, target: number): number {
  let left = 0;
  let right = values.length - 1;
  while (left < right) {
    const pivot = medianOfThree(
      values[left] as number,
      values[(left + right) >>> 1] as number,
      values[right] as number,
    );
    let i = left;
    let j = right;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = values[i] as number;
        values[i] = values[j] as number;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (target <= j) right = j;
    else if (target >= i) left = i;
    else break;
  }
  return values[target] as number;
}

function medianOfThree(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}
