import { describe, expect, it } from 'vitest';
import { BYBIT_VENUE } from '../../venues/bybit/bybit-venue';
import { BYBIT_PAGE } from './bybit-page';

const page = (url: string) => BYBIT_PAGE.instrumentFromUrl(url);

describe('BYBIT_PAGE.instrumentFromUrl', () => {
  it.each([
    ['https://www.bybit.com/trade/usdt/BTCUSDT', 'BTC/USDT:USDT', 'BTC'],
    ['https://www.bybit.com/en/trade/usdt/ETHUSDT', 'ETH/USDT:USDT', 'ETH'],
    ['https://www.bybit.com/ja-JP/trade/usdt/1000PEPEUSDT?ref=x', '1000PEPE/USDT:USDT', '1000PEPE'],
    ['https://www.bybit.com/trade/usdt/BTCUSDT/', 'BTC/USDT:USDT', 'BTC'],
    ['https://www.bybit.com/trade/futures/usdc/BTC-PERP', 'BTC/USDC:USDC', 'BTC'],
    ['https://www.bybit.com/trade/usdc/BTCPERP', 'BTC/USDC:USDC', 'BTC'],
    ['https://www.bybit.com/trade/usdc/eth-perp', 'ETH/USDC:USDC', 'ETH'],
    ['https://www.bybit.com/trade/inverse/BTCUSD', 'BTC/USD:BTC', 'BTC'],
    ['https://www.bybit.com/en/trade/inverse/ETHUSD', 'ETH/USD:ETH', 'ETH'],
  ])('reads the perpetual on %s', (url, symbol, underlying) => {
    expect(page(url)).toEqual({ venue: 'bybit', symbol, underlying, kind: 'perpetual' });
  });

  it.each([
    ['https://www.bybit.com/trade/option/usdc/BTC', 'BTC'],
    ['https://www.bybit.com/en/trade/option/usdc/ETH', 'ETH'],
  ])('reads the option chain on %s', (url, underlying) => {
    expect(page(url)).toEqual({ venue: 'bybit', symbol: null, underlying, kind: 'option-chain' });
  });

  it.each([
    'https://www.bybit.com/trade/spot/BTC/USDT',
    'https://www.bybit.com/trade/usdt',
    'https://www.bybit.com/trade/usdt/BTCUSD',
    'https://www.bybit.com/trade/inverse/BTCUSDT',
    'https://www.bybit.com/trade/inverse/futures/BTCUSD_BIQ',
    'https://www.bybit.com/trade/inverse/BTCUSDZ25',
    'https://www.bybit.com/trade/usdt/BTCUSDT-26DEC25',
    'https://www.bybit.com/trade/option/usdc/pb/BTC',
    'https://www.bybit.com/copyTrade/trade/usdt/BTCUSDT',
    'https://www.bybit.com/trade/usdt/BTC%00USDT',
    'https://www.bybit.com.evil.example/trade/usdt/BTCUSDT',
    'https://testnet.bybit.com/trade/usdt/BTCUSDT',
    'http://www.bybit.com/trade/usdt/BTCUSDT',
    'https://www.bybit.com/en-US/markets/overview',
    'nonsense',
  ])('ignores %s', (url) => {
    expect(page(url)).toBeNull();
  });

  it('has the venue descriptor’s page matches', () => {
    expect(BYBIT_PAGE.matches).toBe(BYBIT_VENUE.pageMatches);
  });
});
