import { describe, expect, it } from 'vitest';
import { kupiecTest } from './kupiec-test';

// Golden values computed with Python's math.log and math.erfc from the formula (Kupiec 1995).
describe('kupiecTest', () => {
  it.each([
    [8, 250, 7.7335507244945205, 0.005420405194127794],
    [40, 2600, 6.538917793181952, 0.010553953267418177],
    [3, 1000, 6.825541879450618, 0.008986328738176022],
    [0, 500, 10.050335853501451, 0.0015232016983636658],
  ])('%d exceptions in %d days at 1%%: LR %d', (exceptions, observations, lr, pValue) => {
    const result = kupiecTest(exceptions, observations, 0.01);
    expect(result.likelihoodRatio).toBeCloseTo(lr, 10);
    expect(result.pValue).toBeCloseTo(pValue, 12);
    expect(result.rejectedAt5Percent).toBe(true);
  });

  it('does not reject a model whose exception rate is exactly as expected', () => {
    expect(kupiecTest(10, 1000, 0.01)).toMatchObject({
      likelihoodRatio: 0,
      pValue: 1,
      rejectedAt5Percent: false,
      expected: 10,
    });
  });

  it('rejects impossible counts', () => {
    expect(() => kupiecTest(11, 10, 0.01)).toThrow(
      'kupiecTest requires 0 ≤ exceptions ≤ observations',
    );
  });
});
