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
      market$: { v: 1 },
    });
  });
});
