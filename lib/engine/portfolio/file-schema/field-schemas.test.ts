import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { decimalField } from './field-schemas';

function read(value: unknown, sign?: 'any' | 'positive' | 'nonNegative') {
  const result = v.safeParse(decimalField(sign), value);
  return result.success ? result.output.toString() : result.issues[0].message;
}

describe('decimalField', () => {
  it('reads the decimal grammar exactly, with decimal.js', () => {
    expect(read('1')).toBe('1');
    expect(read('1.')).toBe('1');
    expect(read('.5')).toBe('0.5');
    expect(read('+2.5')).toBe('2.5');
    expect(read(' 1.5 ')).toBe('1.5');
    expect(read('-2.5e-3')).toBe('-0.0025');
    expect(read('1E3')).toBe('1000');
    expect(read('0.1000000000000000055511151231257827')).toBe(
      '0.1000000000000000055511151231257827',
    );
    // A JSON number through its shortest decimal form, not its binary value.
    expect(read(0.1)).toBe('0.1');
  });

  it('refuses what is not a decimal, naming what came', () => {
    for (const [value, shown] of [
      ['', '""'],
      ['1,5', '"1,5"'],
      ['0x10', '"0x10"'],
      ['Infinity', '"Infinity"'],
      ['NaN', '"NaN"'],
      ['5%', '"5%"'],
      ['1e', '"1e"'],
      ['.', '"."'],
      ['--1', '"--1"'],
      [Number.NaN, 'null'],
      [Number.POSITIVE_INFINITY, 'null'],
      [true, 'true'],
      [null, 'null'],
      [[], 'an array'],
      [undefined, 'nothing'],
    ] as const)
      expect(read(value), String(value)).toBe(
        `must be a decimal (a string such as "1.5"), got ${shown}`,
      );
  });

  it('checks the sign', () => {
    expect(read('0', 'positive')).toBe(
      'must be a positive decimal (a string such as "1.5"), got "0"',
    );
    expect(read('0', 'nonNegative')).toBe('0');
    expect(read('-0.1', 'nonNegative')).toBe(
      'must be a decimal ≥ 0 (a string such as "1.5"), got "-0.1"',
    );
  });
});
