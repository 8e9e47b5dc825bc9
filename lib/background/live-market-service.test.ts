import { HYPERLIQUID_SOL_LONG } from '../../test/portfolios/hyperliquid-sol-long';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { exchangeAt } from '../../test/fake-exchange/api/adapter-test-setup';
import premiumFixture from '../../test/fake-exchange/api/fixtures/market/binance-premium-index.json';
import {
  MARKET_TEST_NOW,
  withMarketApi,
} from '../../test/fake-exchange/api/market-data-test-setup';
import { parsePortfolio } from '../engine';
import { marketItem } from '../storage/market-item';
import { MARKET_DATA_HOSTS, VENUE_API_HOSTS } from '../venues/api/venue-hosts';
import { createLiveMarketService, LIVE_MARKET_OFF } from './live-market-service';

/**
 * The live market service over WXT's fake storage and the fake public endpoints: which venues'
 * candles it asks for (the venues the portfolio's positions are on), and that it reads nothing
 * without the trader's permission for every public host.
 */
const BINANCE_WITHOUT_SOL = {
  premiumIndex: {
    status: 200,
    body: premiumFixture.response.filter((row) => row.symbol !== 'SOLUSDT'),
  },
};

// A SOL perpetual on Hyperliquid (Binance lists none in this test).
const portfolio = parsePortfolio(HYPERLIQUID_SOL_LONG);

beforeEach(() => fakeBrowser.reset());

describe('live market service', () => {
  it('reads a Hyperliquid position’s asset from Hyperliquid candles and keeps them for the day', async () => {
    await withMarketApi(BINANCE_WITHOUT_SOL, async (api) => {
      const opened: string[] = [];
      const service = createLiveMarketService({
        hasHostAccess: async () => true,
        openPublic: (venue) => {
          opened.push(venue);
          return exchangeAt(venue, undefined, api.baseUrl);
        },
        now: () => MARKET_TEST_NOW,
        refreshMinutes: async () => 5,
      });
      await service.refresh(portfolio);
      const live = await service.current();
      if ('unavailable' in live) throw new Error(live.unavailable);
      expect(live.volSources).toEqual({
        SOL: 'Hyperliquid public API (SOL/USDC:USDC daily candles)',
      });
      expect(live.annualVols.SOL).toBeGreaterThan(0);
      expect(opened).toEqual(['binanceusdm', 'deribit', 'hyperliquid']);
      expect((await marketItem.getValue())?.daily.volSources).toEqual(live.volSources);
    });
  });

  it('is off, and reads nothing, without permission for every public host (the candle venues’ too)', async () => {
    await withMarketApi(BINANCE_WITHOUT_SOL, async (api) => {
      const candleHosts = [
        ...VENUE_API_HOSTS.hyperliquid,
        ...VENUE_API_HOSTS.bybit,
        ...VENUE_API_HOSTS.okx,
      ];
      expect(MARKET_DATA_HOSTS).toEqual(expect.arrayContaining(candleHosts));
      const service = createLiveMarketService({
        // Binance and Deribit allowed, as before the candle venues were added.
        hasHostAccess: async (origins) => origins.every((origin) => !candleHosts.includes(origin)),
        openPublic: (venue) => exchangeAt(venue, undefined, api.baseUrl),
        now: () => MARKET_TEST_NOW,
        refreshMinutes: async () => 5,
      });
      await service.refresh(portfolio);
      expect(api.requests).toEqual([]);
      expect(await service.current()).toEqual({ unavailable: LIVE_MARKET_OFF });
      expect(LIVE_MARKET_OFF).toBe(
        'live market data is off (turn it on in Margin Lens settings to read public prices from Binance and Deribit and daily candles from Binance, Hyperliquid, Bybit and OKX)',
      );
    });
  });

  it('asks Deribit only for options whose venue gave no mark IV and forward (an OKX strike Deribit lacks is not "missing")', async () => {
    await withMarketApi({}, async (api) => {
      const option = (symbol: string, extra: object) => ({
        symbol,
        side: 'long',
        contracts: '1',
        contractSize: '1',
        entryPrice: '0.04',
        markPrice: '0.04',
        markIv: 0.5,
        ...extra,
      });
      const book = parsePortfolio({
        version: 1,
        asOf: '2025-02-11T12:00:00Z',
        accounts: [
          {
            id: 'deribit-main',
            venue: 'deribit',
            marginMode: 'cross',
            balances: [{ asset: 'BTC', total: '1' }],
            // A file's option without its forward: Deribit's quote is asked for.
            positions: [option('BTC/USD:BTC-250328-90000-P', {})],
          },
          {
            id: 'okx-main',
            venue: 'okx',
            marginMode: 'cross',
            balances: [{ asset: 'BTC', total: '1' }],
            // An OKX strike Deribit does not list, with OKX's own IV and forward.
            positions: [option('BTC/USD:BTC-250328-91500-C', { forwardPrice: '95210.5' })],
          },
        ],
      });
      const service = createLiveMarketService({
        hasHostAccess: async () => true,
        openPublic: (venue) => exchangeAt(venue, undefined, api.baseUrl),
        now: () => MARKET_TEST_NOW,
        refreshMinutes: async () => 5,
      });
      await service.refresh(book);
      const live = await service.current();
      if ('unavailable' in live) throw new Error(live.unavailable);
      expect(Object.keys(live.optionMarkIvs?.values ?? {})).toEqual(['BTC/USD:BTC-250328-90000-P']);
      expect(live.optionMarkIvs?.forwards?.['BTC/USD:BTC-250328-90000-P']).toBe(95_057.54);
      expect(live.missing?.['BTC/USD:BTC-250328-91500-C']).toBeUndefined();
    });
  });
});
