import { describe, expect, it } from 'vitest';
import { decimalStringSizeProblem } from './decimal-string-size';

describe('decimalStringSizeProblem: at most 40 digits and an exponent within ±30', () => {
  it.each(['0', '1'.repeat(40), `-0.${'0'.repeat(38)}1`, '1e30', '1E-30', '1e+030', '.5e-30'])(
    '%j is within the bounds',
    (text) => {
      expect(decimalStringSizeProblem(text)).toBeUndefined();
    },
  );

  it.each([
    ['1'.repeat(41), 'has more than 40 digits'],
    [`0.${'0'.repeat(39)}1`, 'has more than 40 digits'],
    [`${'9'.repeat(41)}e0`, 'has more than 40 digits'],
    ['1e31', 'has an exponent beyond ±30'],
    ['1e-31', 'has an exponent beyond ±30'],
    ['1e-20000000', 'has an exponent beyond ±30'],
    ['1e400000000', 'has an exponent beyond ±30'],
    [`1e${'9'.repeat(400)}`, 'has an exponent beyond ±30'],
  ])('%j %s', (text, problem) => {
    expect(decimalStringSizeProblem(text)).toBe(problem);
  });
});
