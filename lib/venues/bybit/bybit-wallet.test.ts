import { describe, expect, it } from 'vitest';
import { parseBybitWallet } from './bybit-wallet';

/**
 * `GET /v5/account/wallet-balance` (bybit-exchange/docs docs/v5/account/wallet-balance.mdx):
 * "Old walletBalance = New walletBalance − spotBorrow", and a coin's equity is "walletBalance −
 * spotBorrow + unrealisedPnl + Asset Option Value". The coin below holds 2.5 ETH of which 1 ETH
 * was borrowed (no positions): its net balance and equity are 1.5 ETH.
 */
function walletWith(coin: Record<string, unknown>, account: Record<string, unknown> = {}) {
  return { result: { list: [{ accountType: 'UNIFIED', ...account, coin: [coin] }] } };
}

const BORROWED_ETH = {
  coin: 'ETH',
  walletBalance: '2.5',
  borrowAmount: '1',
  spotBorrow: '1',
  equity: '1.5',
  unrealisedPnl: '0',
  totalPositionMM: '0',
};

describe('Bybit wallet coins', () => {
  it('nets a coin’s spot borrowing out of its balance, in decimal arithmetic', () => {
    expect(parseBybitWallet(walletWith(BORROWED_ETH), 'cross').coins).toEqual([
      {
        asset: 'ETH',
        balance: '1.5',
        equity: '1.5',
        maintenanceMargin: '0',
        collateral: true,
        borrowed: '1',
        spotBorrowed: '1',
      },
    ]);
  });

  it('reads whether a coin is collateral and what it owes, borrowAmount holding spotBorrow', () => {
    // "borrowAmount: Borrow amount of current coin = spot liabilities + derivatives liabilities":
    // 1 ETH spot loan and 0.25 ETH of derivatives liability is 1.25 owed, not 2.25.
    const [owed] = parseBybitWallet(
      walletWith({ ...BORROWED_ETH, borrowAmount: '1.25', marginCollateral: true }),
      'cross',
    ).coins;
    expect([owed?.collateral, owed?.borrowed, owed?.spotBorrowed]).toEqual([true, '1.25', '1']);
    // A derivatives liability alone (a 1.5 USDT fee paid from no USDT): the negative wallet
    // balance is the coin's balance as it stands; nothing is subtracted for it.
    const [fee] = parseBybitWallet(
      walletWith({
        coin: 'USDT',
        walletBalance: '-1.5',
        equity: '-1.5',
        borrowAmount: '1.5',
        spotBorrow: '0',
      }),
      'cross',
    ).coins;
    expect([fee?.balance, fee?.borrowed, fee?.spotBorrowed]).toEqual(['-1.5', '1.5', '0']);
    const [off] = parseBybitWallet(
      walletWith({ ...BORROWED_ETH, marginCollateral: true, collateralSwitch: false }),
      'cross',
    ).coins;
    expect(off?.collateral).toBe(false);
    expect(() =>
      parseBybitWallet(walletWith({ ...BORROWED_ETH, marginCollateral: 'yes' }), 'cross'),
    ).toThrow('result.list[0].coin[0] "ETH" marginCollateral');
  });

  it('passes the venue’s string on when nothing is borrowed ("0", "" or no field)', () => {
    for (const spotBorrow of ['0', '', undefined]) {
      const coin = { ...BORROWED_ETH, walletBalance: '2.50', spotBorrow };
      expect(parseBybitWallet(walletWith(coin), 'cross').coins[0]?.balance).toBe('2.50');
    }
  });

  it('reads no account-wide figures for isolated margin, and names a malformed coin field', () => {
    const wallet = walletWith(BORROWED_ETH, { accountMMRate: '', totalMaintenanceMargin: '' });
    expect(parseBybitWallet(wallet, 'isolated').account).toBeUndefined();
    expect(() =>
      parseBybitWallet(walletWith({ ...BORROWED_ETH, spotBorrow: '-1' }), 'cross'),
    ).toThrow(
      'bybit GET /v5/account/wallet-balance: result.list[0].coin[0] "ETH" spotBorrow must not be negative, got "-1"',
    );
  });
});
