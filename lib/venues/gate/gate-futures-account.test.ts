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

  it('reads position_mode first when Gate sends it (in_dual_mode is deprecated)', () => {
    const account = (position_mode: string) =>
      parseGateFuturesAccount({
        ...gateAccount(0).futuresAccount,
        in_dual_mode: false,
        position_mode,
      });
    expect(account('dual').positionMode).toBe('hedge');
    expect(account('single').positionMode).toBe('oneway');
  });

  it.each([
    [1, 'cross-currency margin'],
    [2, 'combined (portfolio) margin'],
    [3, 'single-currency margin (a unified account)'],
  ])('refuses margin_mode %s by name', (mode, words) => {
    const account = gateAccount(mode as 1 | 2 | 3).futuresAccount;
    expect(() => parseGateFuturesAccount(account)).toThrow(NotSupported);
    expect(() => parseGateFuturesAccount(account)).toThrow(words);
  });

  it.each([
    [{ enable_tiered_mm: false }, 'tiered maintenance margin off (enable_tiered_mm false)'],
    [{ position_mode: 'split' }, 'split position mode'],
    [{ position_mode: 'dual_plus' }, 'dual_plus position mode'],
    [{ enable_dual_plus: true }, 'dual_plus position mode (enable_dual_plus)'],
  ])('refuses %o by name, not as malformed', (fields, words) => {
    const account = { ...gateAccount(0).futuresAccount, ...fields };
    expect(() => parseGateFuturesAccount(account)).toThrow(NotSupported);
    expect(() => parseGateFuturesAccount(account)).toThrow(words);
  });
});
