import { describe, expect, it } from 'vitest';
import { createRng } from './rng';

describe('createRng', () => {
  it('replays the same sequence for the same seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    for (let i = 0; i < 100; i++) expect(a.nextUint32()).toBe(b.nextUint32());
  });

  it('gives xoshiro128** 1.1 seeded by splitmix32: the first words for seed 1', () => {
    // Regression vector: the first outputs of the generator as first committed (9cf4df2, a
    // closure-based implementation of the same algorithm); the class implementation keeps them.
    const rng = createRng(1);
    expect(Array.from({ length: 4 }, () => rng.nextUint32())).toEqual([
      2442144158, 3238099751, 3819917871, 2104621829,
    ]);
  });

  it('fills words in bulk exactly as repeated nextUint32 calls would', () => {
    const a = createRng(77);
    const b = createRng(77);
    const bulk = new Uint32Array(1_000);
    b.fillUint32(bulk.subarray(0, 7));
    b.fillUint32(bulk.subarray(7));
    for (let i = 0; i < 1_000; i++) expect(bulk[i]).toBe(a.nextUint32());
    expect(b.nextDouble()).toBe(a.nextDouble());
  });

  it('gives different sequences for different seeds', () => {
    const a = Array.from({ length: 8 }, createRng(1).nextUint32);
    const b = Array.from({ length: 8 }, createRng(2).nextUint32);
    expect(a).not.toEqual(b);
  });

  it('draws doubles in [0, 1) that pass a chi-square uniformity test on 20 bins', () => {
    const rng = createRng(7);
    const bins = new Array<number>(20).fill(0);
    const draws = 200_000;
    for (let i = 0; i < draws; i++) {
      const u = rng.nextDouble();
      expect(u >= 0 && u < 1).toBe(true);
      const bin = Math.floor(u * 20);
      bins[bin] = (bins[bin] ?? 0) + 1;
    }
    const expected = draws / 20;
    const chiSquare = bins.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    // 19 degrees of freedom: the 99.9% quantile is 43.82.
    expect(chiSquare).toBeLessThan(43.82);
  });

  it('rejects a seed that is not an integer in [0, 2^32)', () => {
    expect(() => createRng(-1)).toThrow('createRng requires an integer seed');
    expect(() => createRng(1.5)).toThrow('createRng requires an integer seed');
    expect(() => createRng(2 ** 32)).toThrow('createRng requires an integer seed');
  });
});
