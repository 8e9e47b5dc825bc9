import { BadResponse } from 'ccxt-src/base/errors.js';
import { describe, expect, it } from 'vitest';
import { loadedMarket } from './loaded-market';
import { PayloadReader } from './payload-reader';
import type { CcxtExchange } from './venue-api-types';

// Two of the markets ccxt's okx.js loadMarkets makes from GET /api/v5/public/instruments
// (id = instId, symbol = base/quote:settle), reduced to the fields read here.
const exchange = {
  markets: {
    'ETH/USDT:USDT': { id: 'ETH-USDT-SWAP', symbol: 'ETH/USDT:USDT' },
    'BTC/USD:BTC': { id: 'BTC-USD-SWAP', symbol: 'BTC/USD:BTC' },
  },
} as unknown as CcxtExchange;
const reader = new PayloadReader('okx', 'GET /api/v5/account/positions');

describe('loadedMarket', () => {
  it('finds the loaded market a position names', () => {
    const market = loadedMarket<{ id: string; symbol: string }>(
      exchange,
      (candidate) => candidate.id === 'BTC-USD-SWAP',
      reader,
      '"BTC-USD-SWAP" instId',
      'GET /api/v5/public/instruments',
    );
    expect(market.symbol).toBe('BTC/USD:BTC');
  });

  it('names the position and the instrument list when ccxt loaded no such market', () => {
    const find = () =>
      loadedMarket<{ id: string }>(
        exchange,
        (candidate) => candidate.id === 'SOL-USDT-SWAP',
        reader,
        '"SOL-USDT-SWAP" instId',
        'GET /api/v5/public/instruments',
      );
    expect(find).toThrow(BadResponse);
    expect(find).toThrow(
      'okx GET /api/v5/account/positions: "SOL-USDT-SWAP" instId is not an instrument of GET /api/v5/public/instruments',
    );
  });
});
