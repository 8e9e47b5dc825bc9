import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseMarketCache, type MarketCacheValue } from '../market-data/market-cache';
import { marketItem } from './market-item';

const value: MarketCacheValue = {
  daily: {
    fetchedAt: '2025-02-11T12:00:00.000Z',
    asOf: '2025-02-10T23:59:59.999Z',
    method: 'EWMA λ 0.94 of 248 daily log-returns to 2025-02-10 (Binance USDⓈ-M daily candles)',
    assets: ['BTC'],
    annualVols: { BTC: 0.5 },
    correlations: {},
    missing: {},
    volSources: {},
  },
};

describe('marketItem', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is empty at first and keeps the cache as JSON in local storage, with its version', async () => {
    expect(await marketItem.getValue()).toBeNull();
    await marketItem.setValue(value);
    expect(parseMarketCache(await marketItem.getValue())).toEqual({ cache: value });
    expect(await fakeBrowser.storage.local.get(['market', 'market$'])).toEqual({
      market: value,
      market$: { v: 2 },
    });
  });

  it('migrates a version-1 cache (Binance klines only) to version 2: no asset from another venue', async () => {
    // What version 1 stored: the same daily figures without `volSources`.
    const versionOne = {
      daily: Object.fromEntries(
        Object.entries(value.daily).filter(([key]) => key !== 'volSources'),
      ),
    };
    await fakeBrowser.storage.local.set({ market: versionOne, market$: { v: 1 } });
    expect(parseMarketCache(versionOne)).toEqual({
      cache: null,
      problem: 'stored market cache daily.volSources is not a map of sources',
    });
    await marketItem.migrate();
    expect(await fakeBrowser.storage.local.get(['market', 'market$'])).toEqual({
      market: value,
      market$: { v: 2 },
    });
    expect(parseMarketCache(await marketItem.getValue())).toEqual({ cache: value });
  });

  it('leaves a damaged version-1 value as it is, for parseMarketCache to report', async () => {
    await fakeBrowser.storage.local.set({ market: { daily: 'gone' }, market$: { v: 1 } });
    await marketItem.migrate();
    expect(parseMarketCache(await marketItem.getValue())).toEqual({
      cache: null,
      problem: 'stored market cache has no daily figures',
    });
  });
});
