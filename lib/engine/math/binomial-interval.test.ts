import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './binomial-interval';

describe('wilsonInterval', () => {
  it('matches Brown, Cai & DasGupta’s worked figures', () => {
    // 95% Wilson interval for 0 of 20 is [0, 0.161]; for 2 of 20, [0.028, 0.301]
    // (Agresti & Coull 1998, Table 1; also R's prop.test without continuity correction).
    const none = wilsonInterval(0, 20);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.1611, 4);
    const two = wilsonInterval(2, 20);
    expect(two.low).toBeCloseTo(0.0279, 4);
    expect(two.high).toBeCloseTo(0.301, 4);
  });
  it('narrows around the share as trials grow', () => {
    const large = wilsonInterval(600, 30_000, 0.99);
    expect(large.low).toBeLessThan(0.02);
    expect(large.high).toBeGreaterThan(0.02);
    expect(large.high - large.low).toBeLessThan(0.0043);
  });
  it('refuses impossible counts', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
  });
});
