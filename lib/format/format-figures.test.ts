import { describe, expect, it } from 'vitest';
import {
  formatChance,
  formatChanceShort,
  formatMoney,
  formatPercent,
  formatPrice,
} from './format-figures';

describe('figure formatting', () => {
  it('writes money, rates, prices and probabilities for people', () => {
    expect(formatMoney(1234567.891, 'USD')).toBe('1,234,567.89 USD');
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney(0.0016, 'BTC')).toBe('0.001600 BTC');
    expect(formatPercent(0.05704)).toBe('5.70%');
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(formatPrice(99365.674)).toBe('99,365.67');
    expect(formatPrice(2.39056)).toBe('2.3906');
    expect(formatPrice(0.0000123)).toBe('0.000012');
  });

  it('writes a chance with its 95% interval, a bound when no path reached it, never 0.00%', () => {
    expect(formatChance({ value: 0.0041, low: 0.0033, high: 0.0049 })).toBe('0.41% (0.33–0.49%)');
    expect(formatChance({ value: 0.123, low: 0.113, high: 0.133 })).toBe('12.3% (11.3–13.3%)');
    expect(formatChance({ value: 0.0003, low: 0, high: 0.0007 })).toBe('0.030% (0–0.070%)');
    expect(formatChance({ value: 0.000063, low: 0, high: 0.00012 })).toBe('0.0063% (0–0.0120%)');
    expect(formatChance({ value: 0, low: 0, high: 0.003, noPathHit: true })).toBe('< 0.30%');
    // Bounds round up, never down: 0.1714% reads < 0.18%; 1.4e-4 reads < 0.02%, not < 0.01%.
    expect(formatChance({ value: 0, low: 0, high: 0.001714, noPathHit: true })).toBe('< 0.18%');
    expect(formatChance({ value: 4e-5, low: 0, high: 1.4e-4 })).toBe('< 0.02%');
    expect(formatChance({ value: 2e-7, low: 1e-7, high: 3e-7 })).toBe('< 0.01%');
    // An estimate that would read 0.00% is shown by its interval's top.
    expect(formatChance({ value: 2e-5, low: 0, high: 0.0006 })).toBe('< 0.06%');
    expect(formatChanceShort({ value: 0.026, low: 0.02, high: 0.03 })).toBe('2.6%');
    expect(formatChanceShort({ value: 0, low: 0, high: 0.003, noPathHit: true })).toBe('< 0.30%');
  });
});
