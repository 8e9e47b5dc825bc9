import { describe, expect, it } from 'vitest';
import { formatMoney, formatPercent, formatPrice, formatProbability } from './format-figures';

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
    expect(formatProbability(0.00001)).toBe('<0.01%');
    expect(formatProbability(0)).toBe('0.00%');
  });
});
