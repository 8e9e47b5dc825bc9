import { describe, expect, it } from 'vitest';
import { parseRequest } from './parse-request';

describe('parseRequest', () => {
  it('accepts the known requests exactly', () => {
    expect(parseRequest({ type: 'getPortfolioRisk' })).toEqual({
      request: { type: 'getPortfolioRisk' },
    });
    expect(
      parseRequest({ type: 'getSymbolRisk', venue: 'binanceusdm', symbol: 'BTC/USDT:USDT' }),
    ).toEqual({
      request: { type: 'getSymbolRisk', venue: 'binanceusdm', symbol: 'BTC/USDT:USDT' },
    });
  });

  it.each([
    [null, 'message must be an object with a "type"'],
    ['getPortfolioRisk', 'message must be an object with a "type"'],
    [[], 'message must be an object with a "type"'],
    [{ type: 'setApiKey', key: 'x' }, 'unknown message type "setApiKey"'],
    [{}, 'unknown message type undefined'],
    [{ type: 'getPortfolioRisk', extra: 1 }, 'getPortfolioRisk: unexpected field "extra"'],
    [
      { type: 'getSymbolRisk', venue: 'BINANCE', symbol: 'BTC/USDT:USDT' },
      'getSymbolRisk: "venue" must be a ccxt exchange id',
    ],
    [
      { type: 'getSymbolRisk', venue: 'binanceusdm', symbol: '<script>' },
      'getSymbolRisk: "symbol" must be a ccxt unified symbol such as BTC/USDT:USDT',
    ],
    [
      { type: 'getSymbolRisk', venue: 'binanceusdm', symbol: 'A'.repeat(500) },
      'getSymbolRisk: "symbol" must be a ccxt unified symbol such as BTC/USDT:USDT',
    ],
  ])('refuses %j with a reason', (message, reason) => {
    expect(parseRequest(message)).toEqual({ error: reason });
  });

  it('does not echo a long hostile type back in full', () => {
    const result = parseRequest({ type: 'x'.repeat(10_000) });
    expect('error' in result && result.error.length).toBeLessThan(80);
  });
});

describe('parseRequest symbols', () => {
  it('accepts dated futures and options, as the Binance page reader produces them', () => {
    expect(
      parseRequest({ type: 'getSymbolRisk', venue: 'binanceusdm', symbol: 'BTC/USDT:USDT-250328' }),
    ).toEqual({
      request: { type: 'getSymbolRisk', venue: 'binanceusdm', symbol: 'BTC/USDT:USDT-250328' },
    });
    expect(
      'request' in
        parseRequest({
          type: 'getSymbolRisk',
          venue: 'deribit',
          symbol: 'BTC/USD:BTC-261225-100000-C',
        }),
    ).toBe(true);
  });
});
