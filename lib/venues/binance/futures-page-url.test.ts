import { describe, expect, it } from 'vitest';
import { parseBinanceFuturesUrl } from './futures-page-url';

describe('parseBinanceFuturesUrl', () => {
  it.each([
    ['https://www.binance.com/en/futures/BTCUSDT', 'BTCUSDT', 'BTC/USDT:USDT'],
    ['https://www.binance.com/fr/futures/ETHUSDC?type=limit', 'ETHUSDC', 'ETH/USDC:USDC'],
    ['https://www.binance.com/zh-CN/futures/1000PEPEUSDT', '1000PEPEUSDT', '1000PEPE/USDT:USDT'],
    ['https://www.binance.com/futures/SOLUSDT', 'SOLUSDT', 'SOL/USDT:USDT'],
    ['https://www.binance.com/en/futures/BTCUSDT_250328', 'BTCUSDT_250328', 'BTC/USDT:USDT-250328'],
  ])('%s → %s', (url, marketId, symbol) => {
    expect(parseBinanceFuturesUrl(url)).toEqual({ venue: 'binanceusdm', marketId, symbol });
  });

  it.each([
    'https://www.binance.com/en/markets',
    'https://www.binance.com/en/delivery/btcusd_perpetual',
    'https://www.binance.com/en/futures/BTCUSD_PERP',
    'https://evil.example/en/futures/BTCUSDT',
    'https://www.binance.com/en/futures/BTCUSDT/../../x',
    'not a url',
  ])('ignores %s', (url) => {
    expect(parseBinanceFuturesUrl(url)).toBeNull();
  });
});
