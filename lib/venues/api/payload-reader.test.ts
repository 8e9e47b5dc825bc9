import { BadResponse } from 'ccxt-src/base/errors.js';
import { describe, expect, it } from 'vitest';
import { venueErrorCode } from './connection-problem';
import { PayloadReader } from './payload-reader';

const bybit = new PayloadReader('bybit', 'GET /v5/position/list');
const binance = new PayloadReader('binanceusdm', 'GET /fapi/v3/positionRisk');

/** The message of the BadResponse `action` throws. */
function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(BadResponse);
    return (error as Error).message;
  }
  throw new Error('expected a BadResponse');
}

describe('PayloadReader.decimal: decimal strings of the engine grammar, or numbers (Bybit, OKX)', () => {
  it('returns decimal strings exactly as the venue wrote them', () => {
    expect(bybit.decimal('0.500', 'size')).toBe('0.500');
    expect(bybit.decimal('-1e-8', 'upl')).toBe('-1e-8');
    // A field the venue's documentation types as a JSON number.
    expect(bybit.decimal(0.005, 'maintenanceMargin')).toBe('0.005');
    expect(bybit.optionalDecimal('', 'liqPrice')).toBeUndefined();
    expect(bybit.optionalDecimal(undefined, 'liqPrice')).toBeUndefined();
  });

  it.each([
    ['abc', 'any', 'size "abc" is not a decimal number'],
    ['', 'any', 'size must be a decimal number, got ""'],
    [undefined, 'any', 'size must be a decimal number, got nothing'],
    ['Infinity', 'any', 'size "Infinity" is not a decimal number'],
    ['0x10', 'any', 'size "0x10" is not a decimal number'],
    ['0', 'positive', 'size must be positive, got "0"'],
    ['-2', 'nonNegative', 'size must not be negative, got "-2"'],
  ] as const)(
    '%j (%s) is a BadResponse naming venue, endpoint and field',
    (value, sign, message) => {
      expect(messageOf(() => bybit.decimal(value, 'size', sign))).toBe(
        `bybit GET /v5/position/list: ${message}`,
      );
    },
  );
});

describe('PayloadReader.decimalString: plain decimal strings only (Binance, Hyperliquid)', () => {
  it('keeps decimal strings exactly as the venue sent them', () => {
    expect(binance.decimalString('0.500', 'positionAmt')).toBe('0.500');
    expect(binance.decimalString('-12400.00000000', 'notional')).toBe('-12400.00000000');
    expect(binance.decimalString('0', 'liquidationPrice', 'nonNegative')).toBe('0');
  });

  it.each([
    ['a missing field', undefined, 'got nothing'],
    ['NaN', 'NaN', 'got "NaN"'],
    ['an exponent', '1e5', 'got "1e5"'],
    ['a plus sign', '+5', 'got "+5"'],
    ['a decimal comma', '12,5', 'got "12,5"'],
    ['an empty string', '', 'got ""'],
    ['a JSON number', 62000, 'got 62000'],
  ])(
    'rejects %s where a decimal string is due, naming venue, endpoint and field',
    (_case, value, got) => {
      expect(messageOf(() => binance.decimalString(value, '[0] "BTCUSDT" BOTH markPrice'))).toBe(
        `binanceusdm GET /fapi/v3/positionRisk: [0] "BTCUSDT" BOTH markPrice must be a decimal string, ${got}`,
      );
    },
  );

  it('checks signs', () => {
    expect(messageOf(() => binance.decimalString('0', 'entryPrice', 'positive'))).toBe(
      'binanceusdm GET /fapi/v3/positionRisk: entryPrice must be positive, got "0"',
    );
    expect(messageOf(() => binance.decimalString('-0.1', 'maintMargin', 'nonNegative'))).toBe(
      'binanceusdm GET /fapi/v3/positionRisk: maintMargin must not be negative, got "-0.1"',
    );
  });
});

describe('PayloadReader.numericDecimal: JSON numbers written back as plain decimals', () => {
  it('writes JSON numbers and plain decimal strings as plain decimals', () => {
    expect(binance.numericDecimal(0.0065, 'maintMarginRatio')).toBe('0.0065');
    expect(binance.numericDecimal(1800000000, 'notionalCap')).toBe('1800000000');
    expect(binance.numericDecimal(1e-7, 'cum')).toBe('0.0000001');
    expect(binance.numericDecimal(11.605, 'cum')).toBe('11.605');
    expect(binance.numericDecimal('40', 'maxLeverage', 'positive')).toBe('40');
  });

  it('refuses what is not a number, and checks signs', () => {
    expect(messageOf(() => binance.numericDecimal('1e5', 'cum'))).toBe(
      'binanceusdm GET /fapi/v3/positionRisk: cum must be a number, got "1e5"',
    );
    expect(messageOf(() => binance.numericDecimal(-1, 'cum', 'nonNegative'))).toBe(
      'binanceusdm GET /fapi/v3/positionRisk: cum must not be negative, got -1',
    );
    expect(messageOf(() => binance.numericDecimal(0, 'maxLeverage', 'positive'))).toBe(
      'binanceusdm GET /fapi/v3/positionRisk: maxLeverage must be positive, got 0',
    );
  });
});

describe('PayloadReader.jsonNumber: JSON numbers only (Deribit)', () => {
  const deribit = new PayloadReader('deribit', 'GET /api/v2/private/get_positions');

  it('reads a JSON number into a Decimal from its shortest text', () => {
    expect(deribit.jsonNumber(0.007510958, 'maintenance_margin').toFixed()).toBe('0.007510958');
    expect(deribit.jsonNumber(100020.5, 'mark_price', 'positive').toFixed()).toBe('100020.5');
    expect(deribit.optionalJsonNumber(null, 'estimated_liquidation_price')).toBeUndefined();
    expect(deribit.optionalJsonNumber(undefined, 'leverage')).toBeUndefined();
  });

  it('refuses a string, null or a non-finite number, and checks signs', () => {
    expect(messageOf(() => deribit.jsonNumber('0.5', 'size'))).toBe(
      'deribit GET /api/v2/private/get_positions: size must be a number, got "0.5"',
    );
    expect(messageOf(() => deribit.jsonNumber(null, 'mark_price'))).toBe(
      'deribit GET /api/v2/private/get_positions: mark_price must be a number, got null',
    );
    expect(messageOf(() => deribit.jsonNumber(Number.NaN, 'size'))).toContain('got NaN');
    expect(messageOf(() => deribit.optionalJsonNumber(0, 'average_price', 'positive'))).toBe(
      'deribit GET /api/v2/private/get_positions: average_price must be positive, got 0',
    );
  });

  it('unwraps a JSON-RPC result, and says when there is none', () => {
    expect(deribit.jsonRpcResult({ jsonrpc: '2.0', result: [] })).toEqual([]);
    expect(messageOf(() => deribit.jsonRpcResult({ jsonrpc: '2.0' }))).toBe(
      'deribit GET /api/v2/private/get_positions: response has no "result"',
    );
  });
});

describe('PayloadReader: whole numbers, times, shapes and choices', () => {
  it('reads whole numbers from numbers or digit strings, with an optional minimum', () => {
    expect(binance.integer(20, 'leverage', 1)).toBe(20);
    expect(binance.integer('125', 'leverage', 1)).toBe(125);
    expect(bybit.integer('-1', 'riskId')).toBe(-1);
    expect(messageOf(() => binance.integer('2.5', 'leverage', 1))).toBe(
      'binanceusdm GET /fapi/v3/positionRisk: leverage must be a whole number ≥ 1, got "2.5"',
    );
    expect(messageOf(() => binance.integer(0, 'leverage', 1))).toContain('got 0');
    expect(messageOf(() => bybit.integer('1.5', 'riskId'))).toBe(
      'bybit GET /v5/position/list: riskId must be a whole number, got "1.5"',
    );
  });

  it('reads millisecond timestamps', () => {
    expect(binance.timestamp(1739232000000, '[0][0] (openTime)')).toBe(1739232000000);
    expect(messageOf(() => binance.timestamp('1739232000000', 'time'))).toBe(
      'binanceusdm GET /fapi/v3/positionRisk: time must be a millisecond timestamp, got "1739232000000"',
    );
    expect(messageOf(() => binance.timestamp(-1, 'time'))).toContain('got -1');
  });

  it('checks shapes, strings, booleans and choices', () => {
    expect(messageOf(() => bybit.object([], 'result'))).toBe(
      'bybit GET /v5/position/list: result must be an object, got a list',
    );
    expect(messageOf(() => bybit.array({}, 'result.list'))).toBe(
      'bybit GET /v5/position/list: result.list must be a list, got an object',
    );
    expect(messageOf(() => bybit.oneOf('Both', ['Buy', 'Sell'] as const, 'side'))).toBe(
      'bybit GET /v5/position/list: side must be one of "Buy", "Sell", got "Both"',
    );
    expect(bybit.oneOf(1, ['0', '1'] as const, 'readOnly')).toBe('1');
    expect(bybit.string('', 'nextPageCursor')).toBe('');
    expect(messageOf(() => bybit.string(7, 'symbol'))).toContain('symbol must be a string, got 7');
    expect(messageOf(() => bybit.text('', 'symbol'))).toContain('symbol must not be empty');
    expect(messageOf(() => binance.boolean('false', 'dualSidePosition'))).toBe(
      'binanceusdm GET /fapi/v3/positionRisk: dualSidePosition must be true or false, got "false"',
    );
  });

  it('quotes at most 40 characters of a value', () => {
    expect(messageOf(() => bybit.decimal('y'.repeat(100), 'n'))).toContain(
      `n "${'y'.repeat(40)}…" is not a decimal number`,
    );
  });

  it('never quotes a value that could pass for a venue error body', () => {
    const message = messageOf(() => binance.decimalString('{"code":-2015}', 'markPrice'));
    expect(message).not.toContain('{');
    expect(venueErrorCode(new Error(message))).toBeUndefined();
    expect(messageOf(() => binance.decimalString({ code: -2015 }, 'markPrice'))).toBe(
      'binanceusdm GET /fapi/v3/positionRisk: markPrice must be a decimal string, got an object',
    );
    // A venue error body where data was due is named, not quoted: quoted, its retCode would be
    // read as the venue's error code (10003, a wrong key) instead of a malformed response.
    const body = messageOf(() => bybit.array({ retCode: 10003, retMsg: 'x' }, 'result.list'));
    expect(venueErrorCode(new Error(body))).toBeUndefined();
  });
});
