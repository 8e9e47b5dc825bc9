import { describe, expect, it } from 'vitest';
import { normalCdf } from './normal';
import {
  regularizedIncompleteBeta,
  studentTSurvival,
  unitVarianceStudentTSurvival,
} from './student-t';

describe('studentTSurvival', () => {
  it('matches closed forms for ν = 1 (Cauchy) and ν = 2', () => {
    // ν = 1: P(T > t) = ½ − arctan(t)/π; ν = 2: P(T > t) = ½ − t/(2√(2 + t²)).
    for (const t of [0, 0.5, 1, 3, 10, 100]) {
      expect(studentTSurvival(t, 1)).toBeCloseTo(0.5 - Math.atan(t) / Math.PI, 13);
      expect(studentTSurvival(t, 2)).toBeCloseTo(0.5 - t / (2 * Math.sqrt(2 + t * t)), 13);
    }
  });
  it('matches the closed form for ν = 3', () => {
    // ν = 3: P(T > t) = ½ − (1/π)·(atan(t/√3) + √3·t/(3 + t²)).
    for (const t of [0.3, 1, 2.5, 7, 40]) {
      const closed =
        0.5 - (Math.atan(t / Math.sqrt(3)) + (Math.sqrt(3) * t) / (3 + t * t)) / Math.PI;
      expect(studentTSurvival(t, 3) / closed).toBeCloseTo(1, 11);
    }
  });
  it('is symmetric and tends to the normal tail for large ν', () => {
    expect(studentTSurvival(-1.7, 5)).toBeCloseTo(1 - studentTSurvival(1.7, 5), 14);
    expect(studentTSurvival(2, 1e6)).toBeCloseTo(1 - normalCdf(2), 6);
  });
  it('matches a published table value (t_{0.995, 4} = 4.604)', () => {
    expect(studentTSurvival(4.604, 4)).toBeCloseTo(0.005, 5);
  });
});

describe('unitVarianceStudentTSurvival', () => {
  it('rescales the standard t to unit variance', () => {
    const nu = 3.31;
    const scale = Math.sqrt((nu - 2) / nu);
    expect(unitVarianceStudentTSurvival(3, nu)).toBeCloseTo(studentTSurvival(3 / scale, nu), 15);
  });
  it('refuses ν ≤ 2, where the variance is infinite', () => {
    expect(unitVarianceStudentTSurvival(1, 2)).toBeNaN();
  });
});

describe('regularizedIncompleteBeta', () => {
  it('matches I_x(a, 1) = x^a and I_x(1, b) = 1 − (1 − x)^b', () => {
    expect(regularizedIncompleteBeta(0.3, 2.5, 1)).toBeCloseTo(0.3 ** 2.5, 14);
    expect(regularizedIncompleteBeta(0.8, 1, 3.5)).toBeCloseTo(1 - 0.2 ** 3.5, 14);
  });
});
