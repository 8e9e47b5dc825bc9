import { describe, expect, it } from 'vitest';
import { createRng } from './rng';
import { chiSquareSample, fillStandardNormal, gammaSample } from './samplers';

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

describe('fillStandardNormal', () => {
  it('has mean 0, variance 1 and kurtosis 3 within 5 standard errors', () => {
    const n = 400_000;
    const { mean, variance, kurtosis } = moments(
      fillStandardNormal(createRng(3), new Float64Array(n)),
    );
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(kurtosis - 3)).toBeLessThan(5 * Math.sqrt(24 / n));
  });

  it('fills odd lengths completely', () => {
    const out = fillStandardNormal(createRng(1), new Float64Array(3).fill(Number.NaN));
    expect(out.every((value) => Number.isFinite(value))).toBe(true);
  });
});

describe('gammaSample', () => {
  it.each([0.5, 1, 2.5, 10])(
    'Gamma(%d) has mean k and variance k within 5 standard errors',
    (shape) => {
      const rng = createRng(11);
      const n = 100_000;
      const draws = Float64Array.from({ length: n }, () => gammaSample(rng, shape));
      const { mean, variance } = moments(draws);
      expect(Math.abs(mean - shape)).toBeLessThan(5 * Math.sqrt(shape / n));
      // Var of the sample variance of a gamma: (μ4 − σ⁴)/n with μ4 = 3k² + 6k.
      expect(Math.abs(variance - shape)).toBeLessThan(
        5 * Math.sqrt((3 * shape * shape + 6 * shape - shape * shape) / n),
      );
    },
  );

  it('rejects a non-positive shape', () => {
    expect(() => gammaSample(createRng(1), 0)).toThrow('gammaSample requires shape > 0');
  });
});

describe('chiSquareSample', () => {
  it('has mean ν and variance 2ν', () => {
    const rng = createRng(5);
    const n = 100_000;
    const { mean, variance } = moments(
      Float64Array.from({ length: n }, () => chiSquareSample(rng, 4)),
    );
    expect(Math.abs(mean - 4)).toBeLessThan(5 * Math.sqrt(8 / n));
    expect(Math.abs(variance - 8) / 8).toBeLessThan(0.05);
  });
});
