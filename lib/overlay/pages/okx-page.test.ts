import { describe, expect, it } from 'vitest';
import { OKX_VENUE } from '../../venues/okx/okx-venue';
import { OKX_PAGE } from './okx-page';

const page = (url: string) => OKX_PAGE.instrumentFromUrl(url);

describe('OKX_PAGE.instrumentFromUrl', () => {
  it.each([
    ['https://www.okx.com/trade-swap/btc-usdt-swap', 'BTC/USDT:USDT', 'BTC'],
    ['https://www.okx.com/zh-hans/trade-swap/eth-usdt-swap', 'ETH/USDT:USDT', 'ETH'],
    ['https://www.okx.com/pt/trade-swap/btc-usd-swap?x=1', 'BTC/USD:BTC', 'BTC'],
    ['https://www.okx.com/zh-hant/trade-swap/BTC-USDC-SWAP/', 'BTC/USDC:USDC', 'BTC'],
    ['https://www.okx.com/trade-futures/btc-usdt-swap', 'BTC/USDT:USDT', 'BTC'],
  ])('reads the perpetual swap on %s', (url, symbol, underlying) => {
    expect(page(url)).toEqual({ venue: 'okx', symbol, underlying, kind: 'perpetual' });
  });

  it.each([
    ['https://www.okx.com/trade-futures/btc-usd-261225', 'BTC/USD:BTC-261225'],
    ['https://www.okx.com/en/trade-futures/btc-usdt-261225', 'BTC/USDT:USDT-261225'],
  ])('reads the dated future on %s', (url, symbol) => {
    expect(page(url)).toEqual({ venue: 'okx', symbol, underlying: 'BTC', kind: 'future' });
  });

  it.each([
    'https://www.okx.com/trade-option/btc-usd',
    'https://www.okx.com/trade-option-chain/btc-usd',
    'https://www.okx.com/zh-hans/trade-option-chain/btc-usd',
  ])('reads the option chain on %s', (url) => {
    expect(page(url)).toEqual({
      venue: 'okx',
      symbol: null,
      underlying: 'BTC',
      kind: 'option-chain',
    });
  });

  it.each([
    'https://www.okx.com/trade-spot/btc-usdt',
    'https://www.okx.com/trade-swap',
    'https://www.okx.com/trade-swap/btc-usdt',
    'https://www.okx.com/trade-swap/btc-eur-swap',
    'https://www.okx.com/trade-futures/btc-usd-261332',
    'https://www.okx.com/trade-option/btc-usd-261225-100000-c',
    'https://www.okx.com/trade-position-builder',
    'https://www.okx.com/help/trade-swap/btc-usdt-swap',
    'https://www.okx.com/trade-swap/btc-usdt-swap/x',
    'https://my.okx.com/trade-swap/btc-usdt-swap',
    'https://www.okx.com.evil.example/trade-swap/btc-usdt-swap',
    'https://www.okx.com/trade-swap/btc%2Dusdt%2Dswap%',
    'ftp://www.okx.com/trade-swap/btc-usdt-swap',
  ])('ignores %s', (url) => {
    expect(page(url)).toBeNull();
  });

  it('has the venue descriptor’s page matches', () => {
    expect(OKX_PAGE.matches).toBe(OKX_VENUE.pageMatches);
  });
});
