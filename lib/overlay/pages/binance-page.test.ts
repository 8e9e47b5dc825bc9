import { describe, expect, it } from 'vitest';
import { BINANCE_COINM_VENUE, BINANCE_USDM_VENUE } from '../../venues/binance/binance-venues';
import { BINANCE_PAGE } from './binance-page';

const page = (url: string) => BINANCE_PAGE.instrumentFromUrl(url);

describe('BINANCE_PAGE.instrumentFromUrl', () => {
  it.each([
    ['https://www.binance.com/en/futures/BTCUSDT', 'BTC/USDT:USDT', 'BTC'],
    ['https://www.binance.com/futures/BTCUSDT', 'BTC/USDT:USDT', 'BTC'],
    ['https://www.binance.com/zh-CN/futures/ETHUSDT', 'ETH/USDT:USDT', 'ETH'],
    ['https://www.binance.com/fr/futures/ETHUSDC?type=limit', 'ETH/USDC:USDC', 'ETH'],
    ['https://www.binance.com/en/futures/1000PEPEUSDT/', '1000PEPE/USDT:USDT', '1000PEPE'],
    ['https://www.binance.com/en/futures/btcusdt#orderbook', 'BTC/USDT:USDT', 'BTC'],
  ])('reads the USDⓈ-M perpetual on %s', (url, symbol, underlying) => {
    expect(page(url)).toEqual({ venue: 'binanceusdm', symbol, underlying, kind: 'perpetual' });
  });

  it('reads a dated USDⓈ-M contract', () => {
    expect(page('https://www.binance.com/en/futures/BTCUSDT_261225')).toEqual({
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT-261225',
      underlying: 'BTC',
      kind: 'future',
    });
  });

  it.each([
    ['https://www.binance.com/en/delivery/BTCUSD_PERP', 'BTC/USD:BTC', 'perpetual'],
    ['https://www.binance.com/delivery/ETHUSD_PERP', 'ETH/USD:ETH', 'perpetual'],
    ['https://www.binance.com/en/delivery/btcusd_perpetual', 'BTC/USD:BTC', 'perpetual'],
    ['https://www.binance.com/zh-CN/delivery/BTCUSD_261225', 'BTC/USD:BTC-261225', 'future'],
  ])('reads the COIN-M contract on %s', (url, symbol, kind) => {
    expect(page(url)).toEqual({
      venue: 'binancecoinm',
      symbol,
      underlying: symbol.slice(0, 3),
      kind,
    });
  });

  it.each([
    'https://www.binance.com/en/markets',
    'https://www.binance.com/en/futures',
    'https://www.binance.com/en/futures/home',
    'https://www.binance.com/en/futures/BTCUSD_PERP',
    'https://www.binance.com/en/delivery/btcusd_quarter',
    'https://www.binance.com/en/delivery/BTCUSDT',
    'https://www.binance.com/en/futures/BTCUSDT_261399',
    'https://www.binance.com/en/futures/BTCUSDT_260230',
    'https://www.binance.com/en/futures/BTCUSDT/extra',
    'https://www.binance.com/en/support/faq/futures/BTCUSDT',
    'https://www.binance.com/en/futures/BTC%2FUSDT',
    'https://www.binance.com/en/futures/BTCUSDT%',
    'https://www.binance.com//futures/BTCUSDT',
    'http://www.binance.com/en/futures/BTCUSDT',
    'https://binance.com/en/futures/BTCUSDT',
    'https://www.binance.com.evil.example/en/futures/BTCUSDT',
    'https://evil.example/www.binance.com/en/futures/BTCUSDT',
    'https://evil.example/?u=https://www.binance.com/en/futures/BTCUSDT',
    'javascript:alert(1)//www.binance.com/en/futures/BTCUSDT',
    `https://www.binance.com/en/futures/${'A'.repeat(3000)}USDT`,
    'not a url',
    '',
  ])('ignores %s', (url) => {
    expect(page(url)).toBeNull();
  });

  it('has the Binance venues’ page matches, one list for both', () => {
    expect(BINANCE_PAGE.matches).toEqual(BINANCE_USDM_VENUE.pageMatches);
    expect(BINANCE_PAGE.matches).toEqual(BINANCE_COINM_VENUE.pageMatches);
  });
});
