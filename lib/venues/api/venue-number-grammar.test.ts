import { BadResponse } from 'ccxt-src/base/errors.js';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { decimalField } from '../../engine/portfolio/file-schema/field-schemas';
import { parseBybitWallet } from '../bybit/bybit-wallet';
import { classifyConnectionError } from './connection-problem';
import { PayloadReader } from './payload-reader';

/**
 * Review finding 6 (issue 13): the venue reader took any text decimal.js reads ("0x10" is 16,
 * "0b11" is 3, "1_0" is 10), the portfolio file's reader refuses them, so a malformed venue
 * answer was reported later as an unsupported account. The venue reader now reads the engine's
 * decimal grammar (lib/engine/math/decimal-string.ts) and refuses anything else as a malformed
 * response naming the field.
 */
const bybit = new PayloadReader('bybit', 'GET /v5/account/wallet-balance');
const engineReads = (text: string) => v.safeParse(decimalField(), text).success;

describe('venue decimals follow the engine grammar', () => {
  it.each([
    '0x10',
    '0X1F',
    '0b11',
    '0o7',
    '1_0',
    '1_000.5',
    'Infinity',
    '-Infinity',
    'NaN',
    '1e',
    '.',
    '-',
    '--1',
    '1.2.3',
    '١٢',
  ])('%j is refused by both readers, by the venue one as not a decimal number', (text) => {
    expect(engineReads(text)).toBe(false);
    expect(() => bybit.decimal(text, 'walletBalance')).toThrow(
      new BadResponse(
        `bybit GET /v5/account/wallet-balance: walletBalance ${JSON.stringify(text)} is not a decimal number`,
      ),
    );
  });

  it.each(['1', '-2.5e-3', '+1', '1.', '.5', '1E5', '0.000', '-0'])(
    '%j is read by both readers, exactly as sent',
    (text) => {
      expect(engineReads(text)).toBe(true);
      expect(bybit.decimal(text, 'walletBalance')).toBe(text);
    },
  );

  it('a hexadecimal wallet balance is a malformed response naming the field, not an unsupported account', () => {
    const wallet = {
      result: {
        list: [{ accountType: 'UNIFIED', coin: [{ coin: 'USDT', walletBalance: '0x10' }] }],
      },
    };
    let thrown: unknown;
    try {
      parseBybitWallet(wallet, 'cross');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BadResponse);
    const problem = classifyConnectionError('bybit', thrown);
    expect(problem.kind).toBe('malformedResponse');
    expect(problem.message).toContain('result.list[0].coin[0] "USDT" walletBalance "0x10"');
  });
});
