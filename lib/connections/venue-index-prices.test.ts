import { describe, expect, it } from 'vitest';
import type { LiveMarketInput } from '../engine';
import type { ConnectionView } from './connection-types';
import { withVenueIndexPrices } from './venue-index-prices';

const view = (id: string, freshness: ConnectionView['freshness']): ConnectionView => ({
  connection: {
    id,
    venue: 'bybit',
    label: id,
    credentialKind: 'apiKey',
    createdAt: '2026-11-24T10:00:00Z',
  },
  freshness,
  staleReason: freshness === 'fresh' ? null : 'Last read failed',
  dataAgeSeconds: 10,
  lastSuccessAt: '2026-11-24T11:59:50Z',
  problem: null,
  accountIds: [id],
  positionCount: 1,
});
const prices = [
  { asset: 'BTC', price: '95000', connectionId: 'bybit', readAt: '2026-11-24T11:59:00Z' },
  { asset: 'BTC', price: '94000', connectionId: 'deribit', readAt: '2026-11-24T11:59:30Z' },
  { asset: 'ETH', price: '3400', connectionId: 'deribit', readAt: '2026-11-24T11:59:30Z' },
];
const live: LiveMarketInput = {
  source: 'Binance USDⓈ-M public API',
  asOf: '2026-11-24T12:00:00Z',
  prices: { BTC: 95_010 },
  annualVols: { BTC: 0.5 },
  correlations: {},
  volsMethod: 'EWMA λ 0.94',
  volsAsOf: '2026-11-24T00:00:00Z',
};

describe('withVenueIndexPrices', () => {
  it('leaves live public data as it is (no mixing of sources under one label)', () => {
    expect(withVenueIndexPrices(live, prices, [view('bybit', 'fresh')])).toBe(live);
  });

  it('without live data: the fresh connections’ newest prices, named as what they are', () => {
    // Deribit read BTC later but is stale: Bybit's fresh BTC is used, not dropped.
    expect(
      withVenueIndexPrices({ unavailable: 'live market data is off' }, prices, [
        view('bybit', 'fresh'),
        view('deribit', 'stale'),
      ]),
    ).toEqual({
      source:
        'index prices reported with the connected accounts (bybit); live market data unavailable: live market data is off',
      asOf: '2026-11-24T11:59:00Z',
      prices: { BTC: 95_000 },
      annualVols: {},
      correlations: {},
      volsMethod: 'none (live market data unavailable: live market data is off)',
      volsAsOf: '2026-11-24T11:59:00Z',
    });
    const both = withVenueIndexPrices(undefined, prices, [
      view('bybit', 'fresh'),
      view('deribit', 'fresh'),
    ]);
    expect(both && 'prices' in both && both.prices).toEqual({ BTC: 94_000, ETH: 3_400 });
    expect(both && 'asOf' in both && both.asOf).toBe('2026-11-24T11:59:30Z');
  });

  it('nothing fresh: the live input (or its absence) unchanged', () => {
    const off = { unavailable: 'off' };
    expect(withVenueIndexPrices(off, prices, [view('bybit', 'stale')])).toBe(off);
    expect(withVenueIndexPrices(undefined, prices, [])).toBeUndefined();
  });
});
