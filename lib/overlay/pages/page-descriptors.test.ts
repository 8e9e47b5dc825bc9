import { describe, expect, it } from 'vitest';
import { PAGE_DESCRIPTORS, pageDescriptorForUrl } from './page-descriptors';

describe('pageDescriptorForUrl', () => {
  it.each([
    ['https://www.binance.com/en/futures/BTCUSDT', 'binance', 'binanceusdm'],
    ['https://www.binance.com/en/delivery/BTCUSD_PERP', 'binance', 'binancecoinm'],
    ['https://www.bybit.com/trade/usdt/BTCUSDT', 'bybit', 'bybit'],
    ['https://www.okx.com/trade-swap/btc-usdt-swap', 'okx', 'okx'],
    ['https://www.deribit.com/futures/BTC-PERPETUAL', 'deribit', 'deribit'],
    ['https://app.hyperliquid.xyz/trade/BTC', 'hyperliquid', 'hyperliquid'],
  ])('finds the site and venue of %s', (url, site, venue) => {
    const page = pageDescriptorForUrl(url);
    expect(page?.descriptor.site).toBe(site);
    expect(page?.instrument.venue).toBe(venue);
  });

  it('answers null for a page no site reads', () => {
    expect(pageDescriptorForUrl('https://www.binance.com/en/markets')).toBeNull();
    expect(pageDescriptorForUrl('https://example.com/trade/BTC')).toBeNull();
  });

  it('lists each site once', () => {
    const sites = PAGE_DESCRIPTORS.map((descriptor) => descriptor.site);
    expect(new Set(sites).size).toBe(sites.length);
  });

  it('gives no two sites the same host', () => {
    const hosts = PAGE_DESCRIPTORS.map(
      (descriptor) =>
        new Set(descriptor.matches.map((pattern) => new URL(pattern.replace(/\*/g, 'x')).host)),
    );
    const all = hosts.flatMap((set) => [...set]);
    expect(new Set(all).size).toBe(all.length);
  });
});
