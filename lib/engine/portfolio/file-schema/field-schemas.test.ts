import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { decimalField, figureField } from './field-schemas';

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

function readFigure(value: unknown, sign?: 'any' | 'positive' | 'nonNegative') {
  const result = v.safeParse(figureField(sign), value);
  return result.success ? result.output.toString() : result.issues[0].message;
}

describe('figureField: the shared decimal grammar within the file bounds (issue 13 finding 5)', () => {
  it('reads a near-miss text in one linear pass (the old pattern took 1.5 s on 30,000 digits and an "x")', () => {
    const text = `${'1'.repeat(30_000)}x`;
    const started = performance.now();
    expect(read(text)).toMatch(/^must be a decimal \(a string such as "1.5"\), got "1{36}\.\.\.$/);
    // Linear: well under a millisecond; generous for a loaded machine.
    expect(performance.now() - started).toBeLessThan(150);
    expect(readFigure(text)).toBe(read(text));
  });

  it('reads figures up to 1e18 in size, down to 1e-18 where they must be positive', () => {
    expect(readFigure('1e18')).toBe('1000000000000000000');
    expect(readFigure('-1e18')).toBe('-1000000000000000000');
    expect(readFigure('1e-18', 'positive')).toBe('1e-18');
    // A balance or margin may be float dust below it.
    expect(readFigure('2e-19')).toBe('2e-19');
    expect(readFigure(`0.${'0'.repeat(17)}1`, 'positive')).toBe('1e-18');
    expect(readFigure(0.5, 'positive')).toBe('0.5');
  });

  it.each([
    ['1e9000000000000001', 'any', 'it has an exponent beyond ±30'],
    ['1e400000000', 'any', 'it has an exponent beyond ±30'],
    ['1e-20000000', 'any', 'it has an exponent beyond ±30'],
    ['9'.repeat(41), 'any', 'it has more than 40 digits'],
    ['1e19', 'any', 'it is larger than 1e+18 in size, the largest figure a portfolio file holds'],
    [
      '-1.5e18',
      'any',
      'it is larger than 1e+18 in size, the largest figure a portfolio file holds',
    ],
    [1e300, 'any', 'it has an exponent beyond ±30'],
    [5e-324, 'positive', 'it has an exponent beyond ±30'],
    ['1e-19', 'positive', 'it is below 1e-18, the smallest positive figure a portfolio file holds'],
  ] as const)('refuses %j (%s): %s', (value, sign, why) => {
    const words = sign === 'positive' ? 'a positive decimal' : 'a decimal';
    const shown = JSON.stringify(value);
    expect(readFigure(value, sign)).toBe(
      `must be ${words} (a string such as "1.5"), got ${shown.length > 40 ? `${shown.slice(0, 37)}...` : shown}: ${why}`,
    );
  });

  it('decimalField keeps the grammar alone, as the venue readers compare it (no size bound)', () => {
    expect(read('1e31')).toBe('1e+31');
    expect(read(1e300)).toBe('1e+300');
  });
});
