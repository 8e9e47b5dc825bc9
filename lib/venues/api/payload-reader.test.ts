import { BadResponse } from 'ccxt-src/base/errors.js';
import { describe, expect, it } from 'vitest';
import { PayloadReader } from './payload-reader';

describe('PayloadReader', () => {
  const reader = new PayloadReader('bybit', 'GET /v5/position/list');

  it('returns decimal strings exactly as the venue wrote them', () => {
    expect(reader.decimal('0.500', 'size')).toBe('0.500');
    expect(reader.decimal('-1e-8', 'upl')).toBe('-1e-8');
    // A field the venue's documentation types as a JSON number.
    expect(reader.decimal(0.005, 'maintenanceMargin')).toBe('0.005');
    expect(reader.optionalDecimal('', 'liqPrice')).toBeUndefined();
    expect(reader.optionalDecimal(undefined, 'liqPrice')).toBeUndefined();
  });

  it.each([
    ['abc', 'any', 'size "abc" is not a decimal number'],
    ['', 'any', 'size must be a decimal number, got ""'],
    [undefined, 'any', 'size must be a decimal number, got nothing'],
    ['Infinity', 'any', 'size "Infinity" is not a finite number'],
    ['0', 'positive', 'size must be positive, got "0"'],
    ['-2', 'nonNegative', 'size must not be negative, got "-2"'],
  ] as const)(
    '%j (%s) is a BadResponse naming venue, endpoint and field',
    (value, sign, message) => {
      expect(() => reader.decimal(value, 'size', sign)).toThrow(BadResponse);
      expect(() => reader.decimal(value, 'size', sign)).toThrow(
        `bybit GET /v5/position/list: ${message}`,
      );
    },
  );

  it('checks shapes and choices, quoting at most 60 characters of the value', () => {
    expect(() => reader.object([], 'result')).toThrow('result must be an object, got []');
    expect(() => reader.array({}, 'result.list')).toThrow('result.list must be a list, got {}');
    expect(() => reader.oneOf('Both', ['Buy', 'Sell'] as const, 'side')).toThrow(
      'side must be one of "Buy", "Sell", got "Both"',
    );
    expect(reader.oneOf(1, ['0', '1'] as const, 'readOnly')).toBe('1');
    expect(() => reader.text('', 'symbol')).toThrow('symbol must not be empty');
    expect(() => reader.integer('1.5', 'riskId')).toThrow(
      'riskId must be a whole number, got "1.5"',
    );
    expect(() => reader.decimal('y'.repeat(100), 'n')).toThrow(`"${'y'.repeat(56)}...`);
  });
});
