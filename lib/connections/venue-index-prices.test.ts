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
const prices = {
  BTC: { price: '95000', connectionId: 'bybit', readAt: '2026-11-24T11:59:50Z' },
  ETH: { price: '3400', connectionId: 'deribit', readAt: '2026-11-24T11:58:00Z' },
};
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
  it('fills what live data lacks, from fresh connections only, below live prices', () => {
    const merged = withVenueIndexPrices(live, prices, [
      view('bybit', 'fresh'),
      view('deribit', 'stale'),
    ]);
    expect(merged).toEqual({ ...live, prices: { BTC: 95_010 } });
    const both = withVenueIndexPrices({ ...live, prices: {} }, prices, [
      view('bybit', 'fresh'),
      view('deribit', 'fresh'),
    ]);
    expect(both && 'prices' in both && both.prices).toEqual({ BTC: 95_000, ETH: 3_400 });
  });

  it('stands alone without live data, saying where the prices came from and why live is missing', () => {
    expect(
      withVenueIndexPrices({ unavailable: 'live market data is off' }, prices, [
        view('bybit', 'fresh'),
      ]),
    ).toEqual({
      source: 'index prices reported with the accounts (bybit)',
      asOf: '2026-11-24T11:59:50Z',
      prices: { BTC: 95_000 },
      annualVols: {},
      correlations: {},
      volsMethod: 'none: live market data is off',
      volsAsOf: '2026-11-24T11:59:50Z',
    });
    expect(withVenueIndexPrices(undefined, prices, [view('bybit', 'stale')])).toBeUndefined();
  });
});
