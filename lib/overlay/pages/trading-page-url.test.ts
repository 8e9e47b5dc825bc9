import { describe, expect, it } from 'vitest';
import { BINANCE_PAGE } from './binance-page';
import { BYBIT_PAGE } from './bybit-page';
import { DERIBIT_PAGE } from './deribit-page';
import { HYPERLIQUID_PAGE } from './hyperliquid-page';
import { OKX_PAGE } from './okx-page';
import { PAGE_DESCRIPTORS, tradingPageUrlFor } from './page-descriptors';
import type { PageDescriptor } from '../page-descriptor';

// Each site's URL writer is the inverse of its reader: `instrumentFromUrl(tradingPageUrl(s))`
// gives the symbol back (or, for an option, its underlying's chain).
const cases: readonly (readonly [PageDescriptor, string, string, string])[] = [
  // site, symbol, expected URL, expected venue
  [BINANCE_PAGE, 'BTC/USDT:USDT', 'https://www.binance.com/en/futures/BTCUSDT', 'binanceusdm'],
  [BINANCE_PAGE, 'ETH/USDC:USDC', 'https://www.binance.com/en/futures/ETHUSDC', 'binanceusdm'],
  [
    BINANCE_PAGE,
    'BTC/USDT:USDT-261225',
    'https://www.binance.com/en/futures/BTCUSDT_261225',
    'binanceusdm',
  ],
  [
    BINANCE_PAGE,
    '1000PEPE/USDT:USDT',
    'https://www.binance.com/en/futures/1000PEPEUSDT',
    'binanceusdm',
  ],
  [BINANCE_PAGE, 'BTC/USD:BTC', 'https://www.binance.com/en/delivery/BTCUSD_PERP', 'binancecoinm'],
  [
    BINANCE_PAGE,
    'ETH/USD:ETH-260327',
    'https://www.binance.com/en/delivery/ETHUSD_260327',
    'binancecoinm',
  ],
  [BYBIT_PAGE, 'BTC/USDT:USDT', 'https://www.bybit.com/trade/usdt/BTCUSDT', 'bybit'],
  [BYBIT_PAGE, 'ETH/USDC:USDC', 'https://www.bybit.com/trade/futures/usdc/ETH-PERP', 'bybit'],
  [BYBIT_PAGE, 'BTC/USD:BTC', 'https://www.bybit.com/trade/inverse/BTCUSD', 'bybit'],
  [OKX_PAGE, 'BTC/USDT:USDT', 'https://www.okx.com/trade-swap/btc-usdt-swap', 'okx'],
  [OKX_PAGE, 'BTC/USD:BTC', 'https://www.okx.com/trade-swap/btc-usd-swap', 'okx'],
  [OKX_PAGE, 'ETH/USDT:USDT-261225', 'https://www.okx.com/trade-futures/eth-usdt-261225', 'okx'],
  [OKX_PAGE, 'BTC/USD:BTC-261225', 'https://www.okx.com/trade-futures/btc-usd-261225', 'okx'],
  [DERIBIT_PAGE, 'BTC/USD:BTC', 'https://www.deribit.com/futures/BTC-PERPETUAL', 'deribit'],
  [DERIBIT_PAGE, 'BTC/USD:BTC-270625', 'https://www.deribit.com/futures/BTC-25JUN27', 'deribit'],
  [DERIBIT_PAGE, 'ETH/USD:ETH-250704', 'https://www.deribit.com/futures/ETH-4JUL25', 'deribit'],
  [DERIBIT_PAGE, 'SOL/USDC:USDC', 'https://www.deribit.com/futures/SOL_USDC-PERPETUAL', 'deribit'],
  [HYPERLIQUID_PAGE, 'BTC/USDC:USDC', 'https://app.hyperliquid.xyz/trade/BTC', 'hyperliquid'],
  [
    HYPERLIQUID_PAGE,
    'XYZ-NVDA/USDC:USDC',
    'https://app.hyperliquid.xyz/trade/xyz:NVDA',
    'hyperliquid',
  ],
];

describe('tradingPageUrl (each site)', () => {
  it.each(cases)('%#: writes %s as a page that reads back as it', (site, symbol, url, venue) => {
    expect(site.tradingPageUrl(symbol)).toBe(url);
    expect(site.instrumentFromUrl(url)).toMatchObject({ venue, symbol });
  });

  it.each([
    [BYBIT_PAGE, 'BTC/USDC:USDC-261225-100000-C', 'https://www.bybit.com/trade/option/usdc/BTC'],
    [OKX_PAGE, 'BTC/USD:BTC-261225-100000-C', 'https://www.okx.com/trade-option-chain/btc-usd'],
    [DERIBIT_PAGE, 'ETH/USD:ETH-261225-3000-P', 'https://www.deribit.com/options/ETH'],
    [DERIBIT_PAGE, 'SOL/USDC:USDC-261225-200-C', 'https://www.deribit.com/options/SOL_USDC'],
  ])('opens an option’s chain: %#', (site, symbol, url) => {
    expect(site.tradingPageUrl(symbol)).toBe(url);
    expect(site.instrumentFromUrl(url)).toMatchObject({
      symbol: null,
      underlying: symbol.split('/')[0],
      kind: 'option-chain',
    });
  });

  it.each([
    [BINANCE_PAGE, 'BTC/USDT'],
    [BINANCE_PAGE, 'BTC/USD:BTC-261225-100000-C'],
    [BYBIT_PAGE, 'BTC/USDT:USDT-261225'],
    [OKX_PAGE, 'BTC/USDT'],
    [DERIBIT_PAGE, 'BTC/USDT'],
    [HYPERLIQUID_PAGE, 'BTC/USDT:USDT'],
    [HYPERLIQUID_PAGE, 'HYPE/USDC'],
    [BINANCE_PAGE, 'not a symbol'],
  ])('has no page for what its site does not trade: %#', (site, symbol) => {
    expect(site.tradingPageUrl(symbol)).toBeNull();
  });

  it('round-trips every symbol any site writes (meta-test)', () => {
    const symbols = cases.map(([, symbol]) => symbol);
    for (const site of PAGE_DESCRIPTORS)
      for (const symbol of symbols) {
        const url = site.tradingPageUrl(symbol);
        if (url === null) continue;
        expect(site.instrumentFromUrl(url)?.symbol, `${site.site} ${symbol}`).toBe(symbol);
      }
  });
});

describe('tradingPageUrlFor', () => {
  it('opens the page of the position’s own venue', () => {
    expect(tradingPageUrlFor('bybit', 'BTC/USDT:USDT')).toBe(
      'https://www.bybit.com/trade/usdt/BTCUSDT',
    );
    expect(tradingPageUrlFor('okx', 'BTC/USDT:USDT')).toBe(
      'https://www.okx.com/trade-swap/btc-usdt-swap',
    );
    expect(tradingPageUrlFor('binancecoinm', 'BTC/USD:BTC')).toBe(
      'https://www.binance.com/en/delivery/BTCUSD_PERP',
    );
    expect(tradingPageUrlFor('hyperliquid', 'BTC/USDC:USDC')).toBe(
      'https://app.hyperliquid.xyz/trade/BTC',
    );
    expect(tradingPageUrlFor('deribit', 'BTC/USD:BTC-261225-100000-C')).toBe(
      'https://www.deribit.com/options/BTC',
    );
  });

  it('gives null where that venue has no page for the instrument', () => {
    // A COIN-M symbol on the USDⓈ-M venue: the Binance page that exists is COIN-M's.
    expect(tradingPageUrlFor('binanceusdm', 'BTC/USD:BTC')).toBeNull();
    expect(tradingPageUrlFor('bybit', 'BTC/USDT:USDT-261225')).toBeNull();
    expect(tradingPageUrlFor('binanceusdm', 'BTC/USDT:USDT-261225-100000-C')).toBeNull();
    expect(tradingPageUrlFor('nowhere', 'BTC/USDT:USDT')).toBeNull();
  });
});
