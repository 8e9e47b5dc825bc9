import { describe, expect, it } from 'vitest';
import type { LiveMarketInput } from '../engine';
import type { ConnectionView } from './connection-types';
import { mayMarkVenueOrder, withVenueIndexPrices } from './venue-index-prices';

const view = (
  id: string,
  freshness: ConnectionView['freshness'],
  venue: ConnectionView['connection']['venue'] = 'bybit',
  credentialKind: ConnectionView['connection']['credentialKind'] = 'apiKey',
): ConnectionView => ({
  connection: {
    id,
    venue,
    label: id,
    credentialKind,
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
/** A portfolio file whose accounts hold `assets` (as a position's base) on each venue. */
const fileHolding = (holdings: Record<string, readonly string[]>) => ({
  version: 1,
  accounts: Object.entries(holdings).map(([venue, assets]) => ({
    id: venue,
    venue,
    balances: [{ asset: 'USDT', total: '1000' }],
    positions: assets.map((asset) => ({ symbol: `${asset}/USDT:USDT` })),
  })),
});
const NO_FILE = fileHolding({});

describe('withVenueIndexPrices', () => {
  it('leaves live public data as it is (no mixing of sources under one label)', () => {
    expect(withVenueIndexPrices(live, prices, [view('bybit', 'fresh')], NO_FILE)).toBe(live);
  });

  it('without live data: the fresh connections’ newest prices, named as what they are', () => {
    // Deribit read BTC later but is stale: Bybit's fresh BTC is used, not dropped.
    expect(
      withVenueIndexPrices(
        { unavailable: 'live market data is off' },
        prices,
        [view('bybit', 'fresh'), view('deribit', 'stale')],
        NO_FILE,
      ),
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
    const both = withVenueIndexPrices(
      undefined,
      prices,
      [view('bybit', 'fresh'), view('deribit', 'fresh')],
      NO_FILE,
    );
    expect(both && 'prices' in both && both.prices).toEqual({ BTC: 94_000, ETH: 3_400 });
    expect(both && 'asOf' in both && both.asOf).toBe('2026-11-24T11:59:30Z');
  });

  it('nothing fresh: the live input (or its absence) unchanged', () => {
    const off = { unavailable: 'off' };
    expect(withVenueIndexPrices(off, prices, [view('bybit', 'stale')], NO_FILE)).toBe(off);
    expect(withVenueIndexPrices(undefined, prices, [], NO_FILE)).toBeUndefined();
  });

  describe('a page’s prices price only its own venue’s accounts', () => {
    const off = { unavailable: 'live market data is off' };
    const page = view('page-deribit-58214', 'fresh', 'deribit', 'page');
    const pagePrices = [
      {
        asset: 'BTC',
        price: '1',
        connectionId: 'page-deribit-58214',
        readAt: '2026-11-24T11:59:50Z',
      },
      {
        asset: 'ETH',
        price: '3400',
        connectionId: 'page-deribit-58214',
        readAt: '2026-11-24T11:59:50Z',
      },
    ];

    it('not for an asset another venue’s account holds; a key’s report prices that one', () => {
      const file = fileHolding({ deribit: ['BTC', 'ETH'], bybit: ['BTC'] });
      const market = withVenueIndexPrices(off, pagePrices, [page], file);
      // Bybit holds BTC: the Deribit page's BTC (here a forged 1 USD) prices nothing.
      expect(market && 'prices' in market && market.prices).toEqual({ ETH: 3_400 });
      const withKey = withVenueIndexPrices(
        off,
        [...pagePrices, prices[0] as (typeof prices)[number]],
        [page, view('bybit', 'fresh')],
        file,
      );
      expect(withKey && 'prices' in withKey && withKey.prices).toEqual({ BTC: 95_000, ETH: 3_400 });
      // A key connection's report is not bound to its venue (an index price is the index).
      expect(mayMarkVenueOrder(withKey, 'BTC', 'okx')).toBe(true);
    });

    it('for its own venue’s assets, said so, and never as the mark of another venue’s order', () => {
      const market = withVenueIndexPrices(
        off,
        pagePrices,
        [page],
        fileHolding({ deribit: ['BTC', 'ETH'] }),
      );
      expect(market && 'prices' in market && market.prices).toEqual({ BTC: 1, ETH: 3_400 });
      expect(market).toMatchObject({ pageReportedVenues: { BTC: 'deribit', ETH: 'deribit' } });
      expect(mayMarkVenueOrder(market, 'BTC', 'deribit')).toBe(true);
      expect(mayMarkVenueOrder(market, 'BTC', 'bybit')).toBe(false);
      expect(mayMarkVenueOrder(live, 'BTC', 'bybit')).toBe(true);
    });
  });
});
