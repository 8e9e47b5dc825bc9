import { describe, expect, it } from 'vitest';
import { normalCdf } from './normal';
import { RandomStream } from './random-stream';
import { createRng } from './rng';

function moments(values: ArrayLike<number>): { mean: number; variance: number; kurtosis: number } {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i] ?? 0;
  mean /= values.length;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < values.length; i++) {
    const d = (values[i] ?? 0) - mean;
    m2 += d * d;
    m4 += d ** 4;
  }
  return {
    mean,
    variance: m2 / values.length,
    kurtosis: m4 / values.length / (m2 / values.length) ** 2,
  };
}

const stream = (seed: number, blockWords?: number) => new RandomStream(createRng(seed), blockWords);

describe('RandomStream.normal (Ziggurat)', () => {
  const n = 1_000_000;
  const draws = stream(3).fillNormal(new Float64Array(n));

  it('has mean 0, variance 1 and kurtosis 3 within 5 standard errors', () => {
    const { mean, variance, kurtosis } = moments(draws);
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(kurtosis - 3)).toBeLessThan(5 * Math.sqrt(24 / n));
  });

  it('follows Φ on 100 equiprobable bins (χ² test, 99.9% quantile of χ²₉₉ = 148.2)', () => {
    // Bins of equal probability through Φ: the fast path, the wedges and the tail all count.
    const bins = new Array<number>(100).fill(0);
    for (const x of draws) {
      const bin = Math.min(99, Math.floor(normalCdf(x) * 100));
      bins[bin] = (bins[bin] ?? 0) + 1;
    }
    const expected = n / 100;
    const chiSquare = bins.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(148.2);
  });

  it('puts the right mass beyond the base layer r = 3.4426 and beyond 4 (tail method)', () => {
    const tail = (level: number) => draws.filter((x) => Math.abs(x) > level).length / n;
    for (const level of [3.442619855899, 4]) {
      const p = 2 * normalCdf(-level);
      expect(Math.abs(tail(level) - p)).toBeLessThan(5 * Math.sqrt(p / n));
    }
  });

  it('gives the same draws whatever the block size, and replays for the same seed', () => {
    const a = stream(9, 2).fillNormal(new Float64Array(1_001));
    const b = stream(9, 4096).fillNormal(new Float64Array(1_001));
    const c = stream(9);
    const mixed = Float64Array.from({ length: 1_001 }, (_, i) =>
      i % 3 === 0 ? c.normal() : (c.fillNormal(new Float64Array(1))[0] ?? Number.NaN),
    );
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(mixed)).toEqual(Array.from(a));
  });

  it('rejects an odd or too small block', () => {
    expect(() => stream(1, 3)).toThrow('RandomStream requires an even block of at least 2 words');
  });
});

describe('RandomStream uniforms', () => {
  it('draws uniform() in [0, 1) and uniformOpen() in (0, 1), each with mean ½', () => {
    const draws = stream(7);
    let sum = 0;
    let openSum = 0;
    let outside = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = draws.uniform();
      const v = draws.uniformOpen();
      if (!(u >= 0 && u < 1 && v > 0 && v < 1)) outside++;
      sum += u;
      openSum += v;
    }
    expect(outside).toBe(0);
    // Var(U) = 1/12.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(openSum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
  });
});

describe('RandomStream.gamma', () => {
  it.each([0.5, 1, 2.5, 10])(
    'Gamma(%d) has mean k and variance k within 5 standard errors',
    (shape) => {
      const draws = stream(11);
      const n = 100_000;
      const values = Float64Array.from({ length: n }, () => draws.gamma(shape));
      const { mean, variance } = moments(values);
      expect(Math.abs(mean - shape)).toBeLessThan(5 * Math.sqrt(shape / n));
      // Var of the sample variance of a gamma: (μ4 − σ⁴)/n with μ4 = 3k² + 6k.
      expect(Math.abs(variance - shape)).toBeLessThan(
        5 * Math.sqrt((3 * shape * shape + 6 * shape - shape * shape) / n),
      );
    },
  );

  it('rejects a non-positive shape', () => {
    expect(() => stream(1).gamma(0)).toThrow('gamma requires shape > 0');
  });
});

describe('RandomStream.chiSquare', () => {
  // Whole ν ≤ 64 by the sum of exponentials (odd ν with a squared normal), others by Gamma(ν/2).
  it.each([1, 2, 3, 4, 5, 7.5, 64, 80])('χ²_%d has mean ν and variance 2ν', (nu) => {
    const draws = stream(5);
    const n = 100_000;
    const { mean, variance } = moments(Float64Array.from({ length: n }, () => draws.chiSquare(nu)));
    expect(Math.abs(mean - nu)).toBeLessThan(5 * Math.sqrt((2 * nu) / n));
    // Var of the sample variance: (μ4 − σ⁴)/n with μ4 = 12ν(ν + 4) for χ²_ν.
    expect(Math.abs(variance - 2 * nu)).toBeLessThan(
      5 * Math.sqrt((12 * nu * (nu + 4) - 4 * nu * nu) / n),
    );
  });

  it('follows the χ²₄ distribution function 1 − e^{−x/2}(1 + x/2) on 20 equiprobable bins', () => {
    const draws = stream(21);
    const n = 200_000;
    const bins = new Array<number>(20).fill(0);
    for (let i = 0; i < n; i++) {
      const x = draws.chiSquare(4);
      const bin = Math.min(19, Math.floor((1 - Math.exp(-x / 2) * (1 + x / 2)) * 20));
      bins[bin] = (bins[bin] ?? 0) + 1;
    }
    const expected = n / 20;
    // 19 degrees of freedom: the 99.9% quantile is 43.82.
    expect(bins.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0)).toBeLessThan(
      43.82,
    );
  });

  it('is positive for ν ≥ 2 and rejects ν ≤ 0', () => {
    const draws = stream(2);
    for (let i = 0; i < 10_000; i++) expect(draws.chiSquare(2)).toBeGreaterThan(0);
    expect(() => draws.chiSquare(0)).toThrow('chiSquare requires degrees of freedom > 0');
  });
});
