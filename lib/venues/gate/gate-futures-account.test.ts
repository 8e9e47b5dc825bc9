import { NotSupported } from 'ccxt-src/base/errors.js';
import { describe, expect, it } from 'vitest';
import { gateAccount } from '../../../test/fake-exchange/api/fixtures/gate/gate-accounts';
import { parseGateFuturesAccount } from './gate-futures-account';

describe('parseGateFuturesAccount (GET /api/v4/futures/usdt/accounts)', () => {
  it('reads the wallet, position mode and Gate’s maintenance margin of a classic account', () => {
    expect(parseGateFuturesAccount(gateAccount(0).futuresAccount)).toEqual({
      currency: 'USDT',
      walletBalance: '10000',
      positionMode: 'oneway',
      maintenanceMargin: '144.03027',
    });
    expect(
      parseGateFuturesAccount({ ...gateAccount(0).futuresAccount, in_dual_mode: true })
        .positionMode,
    ).toBe('hedge');
  });

  it.each([
    [1, 'cross-currency margin'],
    [2, 'combined (portfolio) margin'],
  ])('refuses margin_mode %s by name', (mode, words) => {
    const account = gateAccount(mode as 1 | 2).futuresAccount;
    expect(() => parseGateFuturesAccount(account)).toThrow(NotSupported);
    expect(() => parseGateFuturesAccount(account)).toThrow(words);
  });
});
