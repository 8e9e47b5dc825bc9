import { describe, expect, it } from 'vitest';
import { parsePortfolio, resolveInputs } from '../engine';
import { SIX_VENUE_BOOK } from '../../test/portfolios/six-venue-book';
import type { ConnectionView } from '../connections/connection-types';
import { withVenueIndexPrices } from '../connections/venue-index-prices';
import type { GetTradeImpactRequest } from '../messaging/protocol';
import { pageOrder } from './page-order';

/**
 * The pre-trade check's mark with live market data off, when the market's only BTC price came
 * from a Deribit page (venue-index-prices.ts): it prices Deribit's orders, never another venue's.
 */
const [deribit, okx] = ['deribit-btc', 'okx-swap'].map((id) => {
  const account = SIX_VENUE_BOOK.accounts.find((item) => item.id === id);
  if (account === undefined) throw new Error(id);
  return account;
});
// OKX holds only USDT, so the Deribit page's BTC price enters the market (Deribit alone holds BTC).
const FILE = { ...SIX_VENUE_BOOK, accounts: [deribit, { ...okx, positions: [] }] };
const PAGE: ConnectionView = {
  connection: {
    id: 'page-deribit-58214',
    venue: 'deribit',
    label: 'Deribit (read from the page)',
    credentialKind: 'page',
    createdAt: '2025-02-11T00:00:00Z',
  },
  freshness: 'fresh',
  staleReason: null,
  dataAgeSeconds: 5,
  lastSuccessAt: '2025-02-11T00:00:00Z',
  problem: null,
  accountIds: ['deribit-btc'],
  positionCount: 1,
};
const market = withVenueIndexPrices(
  { unavailable: 'live market data is off' },
  [
    {
      asset: 'BTC',
      price: '95000',
      connectionId: PAGE.connection.id,
      readAt: '2025-02-11T00:00:00Z',
    },
  ],
  [PAGE],
  FILE,
);
const inputs = resolveInputs(parsePortfolio(FILE), {
  ...(market !== undefined && { liveMarket: market }),
});

const marketOrder = (patch: Partial<GetTradeImpactRequest>): GetTradeImpactRequest => ({
  type: 'getTradeImpact',
  venue: 'okx',
  accountId: 'okx-swap',
  symbol: 'BTC/USDT:USDT',
  side: 'buy',
  orderType: 'market',
  size: { value: 1, unit: 'contracts' },
  price: null,
  leverage: null,
  reduceOnly: false,
  contractSize: null,
  withProbability: false,
  ...patch,
});

describe('pageOrder: a price read from a venue’s page marks only that venue’s orders', () => {
  it('does not take a Deribit page’s BTC price as the mark of an OKX order', () => {
    expect(market && 'prices' in market && market.prices).toEqual({ BTC: 95_000 });
    expect(pageOrder(inputs, marketOrder({}))).toEqual({
      refused: {
        field: 'price',
        message: expect.stringMatching(/^No mark price is known for /),
      },
    });
  });

  it('takes it as the mark of a Deribit order', () => {
    const converted = pageOrder(
      inputs,
      marketOrder({ venue: 'deribit', accountId: 'deribit-btc', symbol: 'BTC/USD:BTC-250328' }),
    );
    if ('refused' in converted) throw new Error(converted.refused.message);
    expect(converted.order.markPrice?.toNumber()).toBe(95_000);
  });
});
