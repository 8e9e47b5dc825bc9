import { describe, expect, it } from 'vitest';
import { holmRejections } from '../../scripts/backtest/holm-rejections';

describe('holmRejections', () => {
  it('steps down until the first p-value above level/(m − k + 1)', () => {
    // m = 4, level 0.05: thresholds 0.0125, 0.01667, 0.025, 0.05 for the sorted 0.01, 0.015,
    // 0.03, 0.04: the first two are rejected, the third (0.03 > 0.025) stops the procedure.
    expect(holmRejections([0.03, 0.01, 0.04, 0.015], 0.05)).toEqual([false, true, false, true]);
  });

  it('rejects nothing when the smallest p-value is above level/m, and all when all are small', () => {
    expect(holmRejections([0.03, 0.5], 0.05)).toEqual([false, false]);
    expect(holmRejections([0.001, 0.002, 0.003], 0.05)).toEqual([true, true, true]);
    expect(holmRejections([], 0.05)).toEqual([]);
  });

  it('refuses a p-value outside [0, 1] and a level outside (0, 1)', () => {
    expect(() => holmRejections([0.2, 1.5], 0.05)).toThrow('p-value 1 is 1.5');
    expect(() => holmRejections([0.2], 0)).toThrow('level in (0, 1)');
  });
});
