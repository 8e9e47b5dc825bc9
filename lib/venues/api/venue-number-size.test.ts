import { BadResponse } from 'ccxt-src/base/errors.js';
import { describe, expect, it } from 'vitest';
import { okxAccount } from '../../../test/fake-exchange/api/fixtures/okx/okx-accounts';
import { parseBybitWallet } from '../bybit/bybit-wallet';
import { parseOkxBalance } from '../okx/okx-balance';
import { classifyConnectionError } from './connection-problem';
import { PayloadReader } from './payload-reader';

/**
 * Review finding 4 (issue 13): a short venue number can stand for a huge one. "1e-20000000" as
 * an OKX margin ratio became a 20-million-digit string through decimal.js `toFixed` (3 s), and
 * "1e400000000" would not fit in memory. Venue numbers sent as text are refused, by field and
 * value, when they have more than 40 digits or an exponent beyond ±30.
 */
const okx = new PayloadReader('okx', 'GET /api/v5/account/balance');

function refusal(action: () => unknown): BadResponse {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(BadResponse);
    return error as BadResponse;
  }
  throw new Error('expected a BadResponse');
}

const LONG_DIGITS = '1'.repeat(41);
const HUGE = [
  ['1e-20000000', '1e-20000000', 'has an exponent beyond ±30'],
  ['1e400000000', '1e400000000', 'has an exponent beyond ±30'],
  ['-1E+31', '-1E+31', 'has an exponent beyond ±30'],
  ['1e-31', '1e-31', 'has an exponent beyond ±30'],
  [
    'an exponent of 31 with 40 leading zeros',
    `1e${'0'.repeat(40)}31`,
    'has an exponent beyond ±30',
  ],
  ['41 digits', LONG_DIGITS, 'has more than 40 digits'],
  ['41 digits, 40 of them zeros', `0.${'0'.repeat(39)}1`, 'has more than 40 digits'],
  ['1,001 digits', `${'9'.repeat(1000)}.5`, 'has more than 40 digits'],
  ['41 digits and an exponent', `${'1'.repeat(21)}.${'1'.repeat(20)}e5`, 'has more than 40 digits'],
] as const;

describe('venue numbers that would exhaust memory are refused, naming field and value', () => {
  it.each(HUGE)('decimal: %s %s', (_case, text, problem) => {
    const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    expect(refusal(() => okx.decimal(text, 'data[0].mgnRatio')).message).toBe(
      `okx GET /api/v5/account/balance: data[0].mgnRatio ${JSON.stringify(shown)} ${problem}`,
    );
  });

  it.each([LONG_DIGITS, `-${'9'.repeat(100_000)}`, `0.${'0'.repeat(40)}`])(
    'plain decimals with more than 40 digits are refused too (case %#)',
    (text) => {
      expect(refusal(() => okx.decimalString(text, 'size')).message).toContain(
        'has more than 40 digits',
      );
      expect(refusal(() => okx.numericDecimal(text, 'size')).message).toContain(
        'has more than 40 digits',
      );
    },
  );

  it.each([
    '1e18',
    '-1e-30',
    `${'9'.repeat(18)}.${'9'.repeat(22)}`,
    `0.${'0'.repeat(38)}1`,
    '1234567.0000000000e-25',
  ])('%j, within the bounds, is read', (text) => {
    expect(okx.decimal(text, 'data[0].adjEq')).toBe(text);
  });

  // Issue 13, review finding f: no figure above the portfolio file's largest (1e18) in size.
  it.each([
    ['decimal', () => okx.decimal('1e30', 'data[0].adjEq'), '"1e30"'],
    ['decimal', () => okx.decimal('1'.repeat(40), 'data[0].adjEq'), `"${'1'.repeat(40)}"`],
    ['decimal, a JSON number', () => okx.decimal(1e19, 'data[0].adjEq'), '10000000000000000000'],
    [
      'decimalString',
      () => okx.decimalString('-1000000000000000001', 'data[0].adjEq'),
      '"-1000000000000000001"',
    ],
    ['numericDecimal', () => okx.numericDecimal(2e18, 'data[0].adjEq'), '2000000000000000000'],
    ['jsonNumber', () => okx.jsonNumber(-1e20, 'data[0].adjEq'), '-100000000000000000000'],
  ])('%s above 1e18 is refused, naming field and value', (_reader, read, shown) => {
    const error = refusal(read);
    expect(error.message).toBe(
      `okx GET /api/v5/account/balance: data[0].adjEq ${shown} is larger than 1e+18 in size, the largest figure a portfolio holds`,
    );
    expect(classifyConnectionError('okx', error).kind).toBe('malformedResponse');
  });

  it.each(['1e-20000000', '1e400000000', LONG_DIGITS])(
    'an OKX account margin ratio of %j is a malformed response',
    (mgnRatio) => {
      const balance = { ...okxAccount('3').balance, mgnRatio };
      const error = refusal(() => parseOkxBalance({ code: '0', msg: '', data: [balance] }));
      expect(error.message).toContain('data[0].mgnRatio');
      expect(classifyConnectionError('okx', error).kind).toBe('malformedResponse');
    },
  );

  it.each(['1e-20000000', '1e400000000', LONG_DIGITS])(
    'a Bybit wallet balance of %j is a malformed response',
    (walletBalance) => {
      const wallet = {
        result: {
          list: [
            {
              accountType: 'UNIFIED',
              coin: [{ coin: 'ETH', walletBalance, spotBorrow: '1', equity: '1' }],
            },
          ],
        },
      };
      const error = refusal(() => parseBybitWallet(wallet, 'cross'));
      expect(error.message).toContain('result.list[0].coin[0] "ETH" walletBalance');
      expect(classifyConnectionError('bybit', error).kind).toBe('malformedResponse');
    },
  );
});

describe('floating-point dust in venue JSON numbers', () => {
  it('reads a JSON number below 1e-18 as 0, so its plain form stays within the file’s bounds', () => {
    const reader = new PayloadReader('deribit', 'private/get_account_summary');
    expect(reader.jsonNumber(4.440892098500626e-28, 'maintenance_margin').toFixed()).toBe('0');
    expect(reader.numericDecimal(-4.4e-25, 'x')).toBe('0');
    expect(reader.decimal(2.2e-20, 'x')).toBe('0');
    // A small real figure is kept.
    expect(reader.jsonNumber(1e-8, 'funding').toFixed()).toBe('0.00000001');
  });
});
