import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectTail, tailScenarioIndices } from './tail-scenarios';

describe('tailScenarioIndices', () => {
  it('returns the indices of the k largest losses, ties in index order', () => {
    const losses = Float64Array.from([3, 9, 1, 9, 5, 9]);
    expect(Array.from(tailScenarioIndices(losses, 2)).sort()).toEqual([1, 3]);
    expect(Array.from(tailScenarioIndices(losses, 4)).sort()).toEqual([1, 3, 4, 5]);
  });

  it('selects the same multiset of values as a full sort (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 300 }),
        fc.nat(),
        (values, raw) => {
          const losses = Float64Array.from(values);
          const k = 1 + (raw % losses.length);
          const picked = Array.from(
            tailScenarioIndices(losses, k),
            (index) => losses[index] ?? 0,
          ).sort((a, b) => b - a);
          const expected = [...values].sort((a, b) => b - a).slice(0, k);
          return (
            new Set(tailScenarioIndices(losses, k)).size === k &&
            picked.every((value, index) => value === expected[index])
          );
        },
      ),
      { seed: 3, numRuns: 400 },
    );
  });

  it('gives the k-th and (k+1)-th largest values, by the heap (k ≤ N/16) and by quickselect (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 2_000 }),
        fc.nat(),
        fc.boolean(),
        (values, raw, small) => {
          const losses = Float64Array.from(values);
          // Half the runs with k ≤ N/16 (the heap), half with any k (mostly quickselect).
          const k =
            1 + (raw % (small ? Math.max(1, Math.floor(losses.length / 16)) : losses.length));
          const sorted = [...values].sort((a, b) => b - a);
          const selection = selectTail(losses, k);
          return (
            selection.kthLargest === sorted[k - 1] &&
            selection.nextLargest === (sorted[k] ?? Number.NEGATIVE_INFINITY) &&
            selection.indices.every(
              (index, i) => i === 0 || index > (selection.indices[i - 1] ?? -1),
            )
          );
        },
      ),
      { seed: 4, numRuns: 400 },
    );
  });

  it('does not mutate its input and rejects a bad k or NaN', () => {
    const losses = Float64Array.from([2, 1, 3]);
    tailScenarioIndices(losses, 2);
    expect(Array.from(losses)).toEqual([2, 1, 3]);
    expect(() => tailScenarioIndices(losses, 0)).toThrow('tailScenarioIndices requires 1 ≤ k ≤ 3');
    expect(() => tailScenarioIndices(Float64Array.from([1, Number.NaN]), 1)).toThrow('without NaN');
    const long = new Float64Array(64).fill(1);
    long[40] = Number.NaN;
    expect(() => tailScenarioIndices(long, 2)).toThrow('without NaN');
  });
});
