import { describe, expect, it } from 'vitest';
import { dangerLevel, gaugeFraction, marginRatioLevel, nearness, worstLevel } from './danger-level';

describe('dangerLevel', () => {
  it('bands distances in daily σ, and in % only without a volatility', () => {
    expect(dangerLevel({ sigma: 0.5, pct: -0.5 })).toBe('critical');
    expect(dangerLevel({ sigma: 1.5, pct: null })).toBe('danger');
    expect(dangerLevel({ sigma: 2.1, pct: 0.045 })).toBe('caution');
    expect(dangerLevel({ sigma: 3, pct: null })).toBe('safe');
    expect(dangerLevel({ sigma: null, pct: -0.03 })).toBe('critical');
    expect(dangerLevel({ sigma: null, pct: 0.1 })).toBe('caution');
    expect(dangerLevel({ sigma: null, pct: null })).toBe('none');
    expect(dangerLevel({ sigma: Number.NaN, pct: null })).toBe('none');
  });

  it('takes the worst of several levels, and places a distance on the 0–4σ gauge', () => {
    expect(worstLevel(['safe', 'caution', 'none'])).toBe('caution');
    expect(worstLevel([])).toBe('none');
    expect(gaugeFraction({ sigma: 2, pct: null })).toBe(0.5);
    expect(gaugeFraction({ sigma: 9, pct: null })).toBe(1);
    expect(gaugeFraction({ sigma: null, pct: -0.08 })).toBe(0.5);
    expect(gaugeFraction({ sigma: null, pct: null })).toBeNull();
  });
});

describe('nearness and marginRatioLevel', () => {
  it('sorts legs by σ, a leg without a volatility by its % at 4% a day, none last', () => {
    expect(nearness({ sigma: 1.5, pct: 0.2 })).toBe(1.5);
    expect(nearness({ sigma: null, pct: -0.06 })).toBeCloseTo(1.5, 12);
    expect(nearness({ sigma: null, pct: null })).toBe(Number.POSITIVE_INFINITY);
  });

  it('bands a margin ratio at 30%, 50% and 80%; no equity left is critical', () => {
    expect(marginRatioLevel(0.05)).toBe('safe');
    expect(marginRatioLevel(0.3)).toBe('caution');
    expect(marginRatioLevel(0.5)).toBe('danger');
    expect(marginRatioLevel(0.8)).toBe('critical');
    expect(marginRatioLevel(Number.POSITIVE_INFINITY)).toBe('critical');
    expect(marginRatioLevel(Number.NaN)).toBe('critical');
  });
});
