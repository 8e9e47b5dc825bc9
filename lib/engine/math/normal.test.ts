import { describe, expect, it } from 'vitest';
import golden from '../../../test/golden/normal.json';
import { normalCdf, normalPdf, normalQuantile } from './normal';

// Golden values: test/golden/generate/normal.py (C library erfc; Python's AS241 quantile).
const EPSILON = Number.EPSILON;

describe('normalCdf', () => {
  it.each(golden.cdf)(
    'Φ(%d) matches erfc to 1e-13 relative (absolute below 1e-300)',
    (x, expected) => {
      const actual = normalCdf(x as number);
      const error = Math.abs(actual - (expected as number));
      expect(error <= 1e-13 * (expected as number) || error < 1e-300).toBe(true);
    },
  );

  it('is symmetric: Φ(x) + Φ(−x) = 1', () => {
    for (const x of [0.1, 0.7, 1.3, 2.9, 5.5])
      expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 15);
  });

  it('gives NaN for NaN and the limits for ±Infinity', () => {
    expect(normalCdf(Number.NaN)).toBeNaN();
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
  });
});

describe('normalPdf', () => {
  it.each(golden.pdf)('φ(%d) matches to 4 ulps', (x, expected) => {
    expect(Math.abs(normalPdf(x as number) - (expected as number))).toBeLessThanOrEqual(
      4 * EPSILON * (expected as number) + 1e-320,
    );
  });
});

describe('normalQuantile', () => {
  it.each(golden.quantile)('Φ⁻¹(%d) matches AS241 to 1e-13 relative', (p, expected) => {
    expect(Math.abs(normalQuantile(p as number) - (expected as number))).toBeLessThanOrEqual(
      1e-13 * Math.abs(expected as number) + 1e-15,
    );
  });

  it('inverts normalCdf', () => {
    for (const p of [0.001, 0.2, 0.5, 0.8, 0.975, 0.999])
      expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 14);
  });

  it('gives ±Infinity at 0 and 1 and NaN outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.1)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
  });
});
