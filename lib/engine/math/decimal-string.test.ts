import { describe, expect, it } from 'vitest';
import { DECIMAL_STRING } from './decimal-string';

describe('DECIMAL_STRING: the decimal-string grammar', () => {
  it.each(['1', '1.', '.5', '+1', '-2.5e-3', '1E5', '0.000', '-0', '1e+30', '007'])(
    '%j is a decimal string',
    (text) => {
      expect(DECIMAL_STRING.test(text)).toBe(true);
    },
  );

  it.each([
    '',
    ' 1',
    '1 ',
    '1,5',
    '0x10',
    '0b11',
    '0o7',
    '1_0',
    'Infinity',
    'NaN',
    '5%',
    '1e',
    '.',
    '+',
    '1.2.3',
    '--1',
    'e5',
    '١',
  ])('%j is not', (text) => {
    expect(DECIMAL_STRING.test(text)).toBe(false);
  });

  it('answers in one pass for a long text that almost matches', () => {
    expect(DECIMAL_STRING.test(`${'1'.repeat(1_000_000)}x`)).toBe(false);
    expect(DECIMAL_STRING.test(`${'1'.repeat(1_000_000)}.5e-3`)).toBe(true);
  });
});
