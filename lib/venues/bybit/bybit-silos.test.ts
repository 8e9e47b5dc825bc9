import { describe, expect, it } from 'vitest';
import type { PortfolioFilePosition } from '../api/venue-api-types';
import { bybitSilos, type BybitSiloPosition } from './bybit-silos';
import type { BybitWallet } from './bybit-wallet';

/**
 * How a Unified Trading Account becomes portfolio-file accounts (bybit-silos.ts). The coins and
 * figures follow the fake's cross account (test/fake-exchange/api/fixtures/bybit/
 * bybit-accounts.ts, computed there from Bybit's documented formulas): a USDT wallet of 20,000
 * with a 0.5 BTCUSDT long (uPnL 1,328.75, MM 237.64375), so the coin's equity is 21,328.75 and,
 * the USDT coin being the whole account, accountMMRate = 237.64375 / 21,328.75 = 0.0111.
 */
const LONG: PortfolioFilePosition = {
  symbol: 'BTC/USDT:USDT',
  side: 'long',
  contracts: '0.500',
  entryPrice: '92400.00',
  markPrice: '95057.50',
};
const usdtLong: BybitSiloPosition = {
  settle: 'USDT',
  hedgeLeg: false,
  option: false,
  inverse: false,
  position: LONG,
};
const USDT = {
  asset: 'USDT',
  balance: '20000',
  equity: '21328.75',
  maintenanceMargin: '237.64375',
  collateral: true,
  borrowed: '0',
  spotBorrowed: '0',
};
/** A coin of the wallet: collateral, nothing borrowed. */
function coin(asset: string, balance: string, equity = balance, maintenanceMargin = '0') {
  return {
    asset,
    balance,
    equity,
    maintenanceMargin,
    collateral: true,
    borrowed: '0',
    spotBorrowed: '0',
  };
}
const ACCOUNT = { marginRatio: '0.0111', maintenanceMargin: '237.64375', equity: '21328.75' };

describe('Bybit UTA accounts by settlement coin', () => {
  it('a UTA in one coin is one account with Bybit’s account MM rate and the coin’s figures', () => {
    const wallet: BybitWallet = { coins: [USDT], account: ACCOUNT };
    expect(
      bybitSilos({ accountId: 'b', marginMode: 'cross', wallet, positions: [usdtLong] }),
    ).toEqual([
      {
        id: 'b:USDT',
        venue: 'bybit',
        marginMode: 'cross',
        positionMode: 'oneway',
        balances: [{ asset: 'USDT', total: '20000' }],
        positions: [LONG],
        venueReported: {
          marginRatio: '0.0111',
          maintenanceMargin: '237.64375',
          equity: '21328.75',
        },
      },
    ]);
  });

  it('drops a zero-balance coin without positions', () => {
    // Bybit lists zero coins when asked for them by name (`coin=`; "If not passed, it returns
    // non-zero asset info", wallet-balance documentation).
    const wallet: BybitWallet = {
      coins: [USDT, coin('ETH', '0')],
      account: ACCOUNT,
    };
    const accounts = bybitSilos({
      accountId: 'b',
      marginMode: 'cross',
      wallet,
      positions: [usdtLong],
    });
    expect(accounts.map((account) => account.id)).toEqual(['b:USDT']);
  });

  it('keeps a cross UTA across coins as one account with Bybit’s USD figures', () => {
    const usdcShort: BybitSiloPosition = {
      settle: 'USDC',
      hedgeLeg: true,
      option: false,
      inverse: false,
      position: { ...LONG, symbol: 'BTC/USDC:USDC', side: 'short', positionSide: 'short' },
    };
    const btc = coin('BTC', '1');
    // A coin Bybit does not count as collateral stays a holding (a price exposure); the adapter
    // gives it a collateral ratio of 0, so it adds nothing to the margin balance.
    const dust = { ...coin('MNT', '3'), collateral: false };
    const wallet: BybitWallet = { coins: [USDT, btc, dust], account: ACCOUNT };
    expect(
      bybitSilos({ accountId: 'b', marginMode: 'cross', wallet, positions: [usdtLong, usdcShort] }),
    ).toEqual([
      {
        id: 'b',
        venue: 'bybit',
        marginMode: 'cross',
        positionMode: 'hedge',
        balances: [
          { asset: 'USDT', total: '20000' },
          { asset: 'BTC', total: '1' },
          { asset: 'MNT', total: '3' },
        ],
        positions: [LONG, usdcShort.position],
        venueReported: ACCOUNT,
      },
    ]);
    // USDT positions carried by BTC alone (no USDT balance): one account too.
    expect(
      bybitSilos({
        accountId: 'b',
        marginMode: 'cross',
        wallet: { coins: [btc], account: ACCOUNT },
        positions: [usdtLong],
      }).map((account) => [account.id, account.balances]),
    ).toEqual([['b', [{ asset: 'BTC', total: '1' }]]]);
  });

  it('keeps a derivatives liability (auto-borrowed negative equity) as the coin’s negative balance', () => {
    // USDT perpetuals carried by BTC: a 50.325 USDT opening fee realised from no USDT
    // (walletBalance −50.325) and an unrealised loss of 1,000: equity −1,050.325, which Bybit
    // auto-borrows — borrowAmount 1,050.325, spotBorrow 0 ("Borrowing, Interest and Repayment
    // (UTA)"). The engine counts the balance −50.325 plus the positions' uPnL at 100%, once.
    const owing = {
      ...USDT,
      balance: '-50.325',
      equity: '-1050.325',
      borrowed: '1050.325',
    };
    expect(
      bybitSilos({
        accountId: 'b',
        marginMode: 'cross',
        wallet: { coins: [owing, coin('BTC', '1')], account: ACCOUNT },
        positions: [usdtLong],
      }).map((account) => [account.id, account.balances]),
    ).toEqual([
      [
        'b',
        [
          { asset: 'USDT', total: '-50.325' },
          { asset: 'BTC', total: '1' },
        ],
      ],
    ]);
  });

  it('refuses a cross UTA across coins with spot borrowing or a settlement coin off collateral', () => {
    const btc = coin('BTC', '1');
    // 2,000 USDT borrowed on spot margin: walletBalance 2,000 (the loan added), net 0; Bybit's
    // borrowAmount (spot + derivatives liabilities) is 2,000, not 4,000.
    expect(() =>
      bybitSilos({
        accountId: 'b',
        marginMode: 'cross',
        wallet: {
          coins: [{ ...USDT, balance: '18000', borrowed: '2000', spotBorrowed: '2000' }, btc],
          account: ACCOUNT,
        },
        positions: [usdtLong],
      }),
    ).toThrow(
      "bybit: this Unified Trading Account has spot-borrowed 2000 USDT (spotBorrow: spot margin trading or manual borrowing); Bybit adds maintenance margin on borrowed assets to the account's, which Margin Lens does not model yet",
    );
    expect(() =>
      bybitSilos({
        accountId: 'b',
        marginMode: 'cross',
        wallet: { coins: [{ ...USDT, collateral: false }, btc], account: ACCOUNT },
        positions: [usdtLong],
      }),
    ).toThrow('bybit: USDT is switched off as collateral in this Unified Trading Account');
    // A spot-borrowed coin that is not collateral still adds its borrowing maintenance margin.
    expect(() =>
      bybitSilos({
        accountId: 'b',
        marginMode: 'cross',
        wallet: {
          coins: [
            USDT,
            btc,
            { ...coin('MNT', '3'), collateral: false, borrowed: '1', spotBorrowed: '1' },
          ],
          account: ACCOUNT,
        },
        positions: [usdtLong],
      }),
    ).toThrow('bybit: this Unified Trading Account has spot-borrowed 1 MNT');
  });

  it('a zero-balance coin does not make a one-coin UTA a cross-collateral one', () => {
    // USDT 20,000 with a BTCUSDT long, and a USDC line of 0 (Bybit lists it when asked by name).
    expect(
      bybitSilos({
        accountId: 'b',
        marginMode: 'cross',
        wallet: { coins: [USDT, coin('USDC', '0')], account: ACCOUNT },
        positions: [usdtLong],
      }).map((account) => account.id),
    ).toEqual(['b:USDT']);
  });

  it('with inverse contracts, splits per coin and refuses positions carried by other coins’ collateral', () => {
    const inverse: BybitSiloPosition = {
      settle: 'BTC',
      hedgeLeg: false,
      option: false,
      inverse: true,
      position: { ...LONG, symbol: 'BTC/USD:BTC', contracts: '1000' },
    };
    expect(() =>
      bybitSilos({
        accountId: 'b',
        marginMode: 'cross',
        wallet: { coins: [USDT], account: ACCOUNT },
        positions: [usdtLong, inverse],
      }),
    ).toThrow(
      `bybit: this Unified Trading Account's BTC positions are carried by other coins' collateral (BTC balance 0; USDT ${USDT.balance}).`,
    );
    // Covered by its own equity, the coin's account stands (conservative beside Bybit's).
    expect(
      bybitSilos({
        accountId: 'b',
        marginMode: 'cross',
        wallet: { coins: [USDT, coin('BTC', '0.5', '0.49', '0.01')], account: ACCOUNT },
        positions: [usdtLong, inverse],
      }).map((account) => account.id),
    ).toEqual(['b:USDT', 'b:BTC']);
  });

  it('with options across coins, stays one account (options are margined across coins too)', () => {
    const put: BybitSiloPosition = {
      settle: 'USDC',
      hedgeLeg: false,
      option: true,
      inverse: false,
      position: { ...LONG, symbol: 'BTC/USDC:USDC-261225-100000-P', side: 'short' },
    };
    expect(
      bybitSilos({
        accountId: 'b',
        marginMode: 'cross',
        wallet: { coins: [USDT], account: ACCOUNT },
        positions: [usdtLong, put],
      }).map((account) => [account.id, account.positions.length]),
    ).toEqual([['b', 2]]);
  });

  it('leaves the coin’s equity out of an account holding options (it adds their value)', () => {
    const put: BybitSiloPosition = {
      settle: 'USDT',
      hedgeLeg: false,
      option: true,
      inverse: false,
      position: { ...LONG, symbol: 'BTC/USDT:USDT-261225-100000-P', side: 'short' },
    };
    const [account] = bybitSilos({
      accountId: 'b',
      marginMode: 'cross',
      wallet: { coins: [USDT], account: ACCOUNT },
      positions: [usdtLong, put],
    });
    expect(account?.venueReported).toEqual({
      marginRatio: '0.0111',
      maintenanceMargin: '237.64375',
    });
  });

  it('keeps a portfolio-margin UTA whole, with every non-zero coin and the account figures', () => {
    const wallet: BybitWallet = {
      coins: [
        { ...USDT, maintenanceMargin: undefined },
        { ...coin('BTC', '0.15'), maintenanceMargin: undefined },
        { ...coin('ETH', '0'), maintenanceMargin: undefined },
      ],
      account: ACCOUNT,
    };
    expect(
      bybitSilos({ accountId: 'b', marginMode: 'portfolio', wallet, positions: [usdtLong] }),
    ).toEqual([
      {
        id: 'b',
        venue: 'bybit',
        marginMode: 'portfolio',
        positionMode: 'oneway',
        balances: [
          { asset: 'USDT', total: '20000' },
          { asset: 'BTC', total: '0.15' },
        ],
        positions: [LONG],
        venueReported: ACCOUNT,
      },
    ]);
  });

  it('an empty UTA is no account', () => {
    expect(
      bybitSilos({
        accountId: 'b',
        marginMode: 'cross',
        wallet: { coins: [], account: undefined },
        positions: [],
      }),
    ).toEqual([]);
  });
});
