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
  position: LONG,
};
const USDT = {
  asset: 'USDT',
  balance: '20000',
  equity: '21328.75',
  maintenanceMargin: '237.64375',
};
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
      coins: [USDT, { asset: 'ETH', balance: '0', equity: '0', maintenanceMargin: '0' }],
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

  it('refuses positions in a coin carried by other coins’ collateral (split, they would show a false liquidation)', () => {
    const wallet: BybitWallet = { coins: [USDT], account: ACCOUNT };
    const usdcShort: BybitSiloPosition = {
      settle: 'USDC',
      hedgeLeg: true,
      option: false,
      position: { ...LONG, symbol: 'BTC/USDC:USDC', side: 'short', positionSide: 'short' },
    };
    expect(() =>
      bybitSilos({ accountId: 'b', marginMode: 'cross', wallet, positions: [usdtLong, usdcShort] }),
    ).toThrow(
      `bybit: this Unified Trading Account's USDC positions are carried by other coins' collateral (USDC balance 0; USDT ${USDT.balance}).`,
    );
    const btc = { asset: 'BTC', balance: '1', equity: '1', maintenanceMargin: '0' };
    const borrowed: BybitWallet = { coins: [{ ...USDT, balance: '-2000' }, btc], account: ACCOUNT };
    expect(() =>
      bybitSilos({ accountId: 'b', marginMode: 'cross', wallet: borrowed, positions: [usdtLong] }),
    ).toThrow("USDT positions are carried by other coins' collateral (USDT balance -2000; BTC 1)");
    // A positive balance whose losses exceed it: equity below the positions' maintenance margin.
    const underwater: BybitWallet = {
      coins: [{ ...USDT, balance: '500', equity: '-1500', maintenanceMargin: '475' }, btc],
      account: ACCOUNT,
    };
    expect(() =>
      bybitSilos({
        accountId: 'b',
        marginMode: 'cross',
        wallet: underwater,
        positions: [usdtLong],
      }),
    ).toThrow(
      "USDT positions are carried by other coins' collateral (USDT equity -1500 against maintenance margin 475; BTC 1)",
    );
    // Covered by its own equity, the coin's account stands (conservative beside Bybit's).
    const covered: BybitWallet = {
      coins: [{ ...USDT, balance: '5000', equity: '4800', maintenanceMargin: '475' }, btc],
      account: ACCOUNT,
    };
    expect(
      bybitSilos({
        accountId: 'b',
        marginMode: 'cross',
        wallet: covered,
        positions: [usdtLong],
      }).map((account) => account.id),
    ).toEqual(['b:USDT', 'b:BTC']);
  });

  it('leaves the coin’s equity out of an account holding options (it adds their value)', () => {
    const put: BybitSiloPosition = {
      settle: 'USDT',
      hedgeLeg: false,
      option: true,
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
        { asset: 'BTC', balance: '0.15', equity: '0.15', maintenanceMargin: undefined },
        { asset: 'ETH', balance: '0', equity: '0', maintenanceMargin: undefined },
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
