import { describe, expect, it } from 'vitest';
import { exchangeAt, withFakeApi } from '../../test/fake-exchange/api/adapter-test-setup';
import type { FakeVenueApi } from '../../test/fake-exchange/api/fake-api';
import { hyperliquidApi } from '../../test/fake-exchange/api/hyperliquid-api';
import { MARKET_DATA_API } from '../../test/fake-exchange/api/market-data-api';
import { MARKET_TEST_NOW as NOW } from '../../test/fake-exchange/api/market-data-test-setup';
import { fetchVenueDailyCandles } from './fetch-venue-daily-candles';

/** Hyperliquid's `metaAndAssetCtxs` answered with HTTP 503 `times` times, then as usual. */
function hyperliquidDownFor(times: number): FakeVenueApi {
  let left = times;
  return {
    venue: 'hyperliquid down',
    respond(request) {
      if (request.path !== '/info' || !request.body.includes('metaAndAssetCtxs')) return undefined;
      if (left <= 0) return undefined;
      left -= 1;
      return { status: 503, body: 'Service Unavailable' };
    },
  };
}

describe('fetchVenueDailyCandles', () => {
  it('reads the complete daily candles of the asset’s perpetual', async () => {
    await withFakeApi([MARKET_DATA_API, hyperliquidApi], { profiles: {} }, async (api) => {
      const read = await fetchVenueDailyCandles(
        exchangeAt('hyperliquid', undefined, api.baseUrl),
        'hyperliquid',
        { asset: 'SOL', limit: 250, now: NOW },
      );
      if (read.status !== 'read') throw new Error(read.status);
      expect(read.symbol).toBe('SOL/USDC:USDC');
      expect(read.candles).toHaveLength(249);
      expect([read.candles[0]?.date, read.candles.at(-1)?.date]).toEqual([
        '2024-06-07',
        '2025-02-10',
      ]);
    });
  });

  it('says the venue lists no perpetual for an asset it does not list, or has delisted', async () => {
    await withFakeApi([MARKET_DATA_API, hyperliquidApi], { profiles: {} }, async (api) => {
      const exchange = exchangeAt('hyperliquid', undefined, api.baseUrl);
      const request = { limit: 250, now: NOW };
      expect(
        await fetchVenueDailyCandles(exchange, 'hyperliquid', { ...request, asset: 'XYZ' }),
      ).toEqual({ status: 'unlisted', venue: 'hyperliquid', reason: 'no XYZ/USDC:USDC perpetual' });
      // MATIC is `isDelisted` in the fake's universe (fixtures/hyperliquid/hyperliquid-meta.ts).
      expect(
        await fetchVenueDailyCandles(exchange, 'hyperliquid', { ...request, asset: 'MATIC' }),
      ).toMatchObject({ status: 'unlisted' });
      expect(api.requests.filter((line) => line.endsWith('/info'))).toHaveLength(1);
    });
  });

  it('comes back with the problem when the venue is down, and loads its list again next time', async () => {
    await withFakeApi(
      [hyperliquidDownFor(1), MARKET_DATA_API, hyperliquidApi],
      { profiles: {} },
      async (api) => {
        const exchange = exchangeAt('hyperliquid', undefined, api.baseUrl);
        const request = { asset: 'SOL', limit: 250, now: NOW };
        const down = await fetchVenueDailyCandles(exchange, 'hyperliquid', request);
        expect(down).toMatchObject({
          status: 'failed',
          venue: 'hyperliquid',
          problem: { kind: 'venueDown', retryable: true },
        });
        // The same instance (the background keeps it for an hour) reads again.
        expect(await fetchVenueDailyCandles(exchange, 'hyperliquid', request)).toMatchObject({
          status: 'read',
          symbol: 'SOL/USDC:USDC',
        });
      },
    );
  });
});
