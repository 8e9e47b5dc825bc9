import { BadResponse } from 'ccxt-src/base/errors.js';
import { describe, expect, it } from 'vitest';
import { venueErrorCode } from '../api/connection-problem';
import { PayloadReader } from './payload-reader';

const reader = new PayloadReader('binanceusdm', 'GET /fapi/v3/positionRisk');

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(BadResponse);
    return (error as Error).message;
  }
  throw new Error('expected a BadResponse');
}

describe('PayloadReader', () => {
  it('keeps decimal strings exactly as the venue sent them', () => {
    expect(reader.decimal('0.500', 'positionAmt')).toBe('0.500');
    expect(reader.decimal('-12400.00000000', 'notional')).toBe('-12400.00000000');
    expect(reader.decimal('0', 'liquidationPrice', 'nonNegative')).toBe('0');
  });

  it('writes JSON numbers back as plain decimals', () => {
    expect(reader.numericDecimal(0.0065, 'maintMarginRatio')).toBe('0.0065');
    expect(reader.numericDecimal(1800000000, 'notionalCap')).toBe('1800000000');
    expect(reader.numericDecimal(1e-7, 'cum')).toBe('0.0000001');
    expect(reader.numericDecimal(11.605, 'cum')).toBe('11.605');
  });

  it.each([
    ['a missing field', undefined, 'got nothing'],
    ['NaN', 'NaN', 'got "NaN"'],
    ['an exponent', '1e5', 'got "1e5"'],
    ['a decimal comma', '12,5', 'got "12,5"'],
    ['an empty string', '', 'got ""'],
    ['a JSON number', 62000, 'got 62000'],
  ])(
    'rejects %s where a decimal string is due, naming venue, endpoint and field',
    (_case, value, got) => {
      expect(messageOf(() => reader.decimal(value, '[0] "BTCUSDT" BOTH markPrice'))).toBe(
        `binanceusdm GET /fapi/v3/positionRisk: [0] "BTCUSDT" BOTH markPrice must be a decimal string, ${got}`,
      );
    },
  );

  it('checks signs', () => {
    expect(messageOf(() => reader.decimal('0', 'entryPrice', 'positive'))).toBe(
      'binanceusdm GET /fapi/v3/positionRisk: entryPrice must be positive, got "0"',
    );
    expect(messageOf(() => reader.numericDecimal(-1, 'cum', 'nonNegative'))).toBe(
      'binanceusdm GET /fapi/v3/positionRisk: cum must be ≥ 0, got "-1"',
    );
  });

  it('never quotes a value that could pass for a venue error body', () => {
    const message = messageOf(() => reader.decimal('{"code":-2015}', 'markPrice'));
    expect(message).not.toContain('{');
    expect(venueErrorCode(new Error(message))).toBeUndefined();
    expect(messageOf(() => reader.decimal({ code: -2015 }, 'markPrice'))).toBe(
      'binanceusdm GET /fapi/v3/positionRisk: markPrice must be a decimal string, got an object',
    );
  });

  it('reads whole numbers from numbers or digit strings', () => {
    expect(reader.integer(20, 'leverage', 1)).toBe(20);
    expect(reader.integer('125', 'leverage', 1)).toBe(125);
    expect(messageOf(() => reader.integer('2.5', 'leverage', 1))).toBe(
      'binanceusdm GET /fapi/v3/positionRisk: leverage must be a whole number ≥ 1, got "2.5"',
    );
    expect(messageOf(() => reader.integer(0, 'leverage', 1))).toContain('got 0');
  });
});
