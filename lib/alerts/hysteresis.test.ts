import { describe, expect, it } from 'vitest';
import { beyondThreshold } from './hysteresis';

describe('beyondThreshold', () => {
  const distance = (value: number | null) => ({ value, threshold: 0.05, side: 'below' as const });
  const chance = (value: number | null) => ({ value, threshold: 0.1, side: 'above' as const });

  it('crosses a "below" threshold strictly under it, and clears only past threshold × (1 + m)', () => {
    expect(beyondThreshold(distance(0.05), false, 0.2)).toBe(false);
    expect(beyondThreshold(distance(0.0499), false, 0.2)).toBe(true);
    // Once crossed: still beyond between 5% and 6%, cleared at 6%.
    expect(beyondThreshold(distance(0.055), true, 0.2)).toBe(true);
    expect(beyondThreshold(distance(0.0599), true, 0.2)).toBe(true);
    expect(beyondThreshold(distance(0.06), true, 0.2)).toBe(false);
  });

  it('crosses an "above" threshold strictly over it, and clears only under threshold / (1 + m)', () => {
    expect(beyondThreshold(chance(0.1), false, 0.2)).toBe(false);
    expect(beyondThreshold(chance(0.1001), false, 0.2)).toBe(true);
    // 0.1 / 1.2 = 0.08333…
    expect(beyondThreshold(chance(0.09), true, 0.2)).toBe(true);
    expect(beyondThreshold(chance(0.0834), true, 0.2)).toBe(true);
    expect(beyondThreshold(chance(0.0833), true, 0.2)).toBe(false);
  });

  it('has no band with a margin of 0', () => {
    expect(beyondThreshold(distance(0.05), true, 0)).toBe(false);
    expect(beyondThreshold(chance(0.1), true, 0)).toBe(false);
  });

  it('is never beyond without a value, and always above with an infinite one', () => {
    expect(beyondThreshold(distance(null), true, 0.2)).toBe(false);
    expect(beyondThreshold(chance(Number.NaN), true, 0.2)).toBe(false);
    expect(beyondThreshold(chance(Number.POSITIVE_INFINITY), false, 0.2)).toBe(true);
  });
});
