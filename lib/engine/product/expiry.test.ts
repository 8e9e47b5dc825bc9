import { describe, expect, it } from 'vitest';
import { expiryTimeMs, timeToExpiry } from './expiry';
import { parseSymbol } from './parse-symbol';

describe('expiryTimeMs', () => {
  it('reads YYMMDD as 08:00 UTC on that date', () => {
    expect(expiryTimeMs('261225')).toBe(Date.parse('2026-12-25T08:00:00Z'));
    expect(expiryTimeMs('240229')).toBe(Date.parse('2024-02-29T08:00:00Z'));
  });

  it('refuses codes that are not calendar dates instead of rolling them over', () => {
    for (const code of [
      '261332',
      '260230',
      '250229',
      '261300',
      '260100',
      '26122',
      '2612255',
      'abcdef',
    ])
      expect(expiryTimeMs(code), code).toBeUndefined();
  });
});

describe('timeToExpiry', () => {
  const expiry = Date.parse('2026-12-25T08:00:00Z');

  it('is in years of 365 days: 0 at expiry, negative after, +Infinity when undated', () => {
    expect(timeToExpiry(expiry, expiry - 365 * 24 * 3600 * 1000)).toBe(1);
    expect(timeToExpiry(expiry, expiry)).toBe(0);
    expect(timeToExpiry(expiry, expiry + 24 * 3600 * 1000)).toBeCloseTo(-1 / 365, 15);
    expect(timeToExpiry(Number.POSITIVE_INFINITY, expiry)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('parseSymbol expiries', () => {
  it('gives options and futures their expiry time, perpetuals none', () => {
    const option = parseSymbol('BTC/USD:BTC-261225-100000-C');
    expect(option).toMatchObject({
      kind: 'option',
      expiry: '261225',
      expiryTimeMs: Date.parse('2026-12-25T08:00:00Z'),
      strike: 100000,
      optionType: 'call',
    });
    expect(parseSymbol('BTC/USDT:USDT-261225')).toMatchObject({
      kind: 'linear-future',
      expiryTimeMs: Date.parse('2026-12-25T08:00:00Z'),
    });
    expect(parseSymbol('BTC/USDT:USDT')).not.toHaveProperty('expiryTimeMs');
  });

  it('refuses a symbol whose expiry is not a date', () => {
    expect(parseSymbol('BTC/USD:BTC-261332-100000-P')).toEqual({
      error:
        '"BTC/USD:BTC-261332-100000-P" expires on 261332, which is not a calendar date (YYMMDD)',
    });
  });
});
