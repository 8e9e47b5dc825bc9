import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRequest } from './parse-request';

const pageRisk = {
  type: 'getPageRisk',
  venue: 'binanceusdm',
  symbol: 'BTC/USDT:USDT',
  underlying: 'BTC',
} as const;

const tradeImpact = {
  type: 'getTradeImpact',
  venue: 'okx',
  accountId: 'okx-main',
  symbol: 'BTC/USDT:USDT',
  side: 'buy',
  orderType: 'limit',
  size: { value: 12, unit: 'contracts' },
  price: 71441.7,
  leverage: 5,
  reduceOnly: false,
  contractSize: 0.01,
  withProbability: false,
} as const;

describe('parseRequest', () => {
  it('accepts the known requests exactly', () => {
    expect(parseRequest({ type: 'getPortfolioRisk' })).toEqual({
      request: { type: 'getPortfolioRisk' },
    });
    expect(parseRequest(pageRisk)).toEqual({ request: pageRisk });
    expect(parseRequest({ ...pageRisk, symbol: null })).toEqual({
      request: { ...pageRisk, symbol: null },
    });
    expect(parseRequest(tradeImpact)).toEqual({ request: tradeImpact });
    expect(
      parseRequest({ ...tradeImpact, orderType: 'market', price: null, leverage: null }),
    ).toEqual({ request: { ...tradeImpact, orderType: 'market', price: null, leverage: null } });
  });

  it.each([
    [null, 'message must be an object with a "type"'],
    ['getPortfolioRisk', 'message must be an object with a "type"'],
    [[], 'message must be an object with a "type"'],
    [{ type: 'setApiKey', key: 'x' }, 'unknown message type "setApiKey"'],
    [{}, 'unknown message type undefined'],
    [{ type: 'getPortfolioRisk', extra: 1 }, 'getPortfolioRisk: unexpected field "extra"'],
    [{ ...pageRisk, venue: 'BINANCE' }, 'getPageRisk: "venue" must be a venue id such as bybit'],
    [
      { ...pageRisk, symbol: '<script>' },
      'getPageRisk: "symbol" must be a ccxt unified symbol such as BTC/USDT:USDT',
    ],
    [{ ...pageRisk, symbol: 'A'.repeat(500) }, 'getPageRisk: "symbol" is too long'],
    [{ ...pageRisk, underlying: 'btc' }, 'getPageRisk: "underlying" must be an asset such as BTC'],
    [
      { ...tradeImpact, size: { value: -1, unit: 'contracts' } },
      'getTradeImpact: "size.value" must be positive',
    ],
    [
      { ...tradeImpact, size: { value: Infinity, unit: 'contracts' } },
      'getTradeImpact: "size.value" must be finite',
    ],
    [
      { ...tradeImpact, size: { value: 1, unit: 'lots' } },
      'getTradeImpact: "size.unit" must be contracts, base, quote or margin',
    ],
    [
      { ...tradeImpact, price: null },
      'getTradeImpact: "price" is needed for a limit or stop order',
    ],
    [{ ...tradeImpact, price: 1e300 }, 'getTradeImpact: "price" is too large'],
    [{ ...tradeImpact, leverage: 5000 }, 'getTradeImpact: "leverage" is above any venue maximum'],
    [{ ...tradeImpact, side: 'long' }, 'getTradeImpact: "side" must be buy or sell'],
    [{ ...tradeImpact, reduceOnly: 'yes' }, 'getTradeImpact: "reduceOnly" must be true or false'],
  ])('refuses %j with a reason', (message, reason) => {
    expect(parseRequest(message)).toEqual({ error: reason });
  });

  it('refuses unknown fields in page requests, naming them', () => {
    const result = parseRequest({ ...pageRisk, accountId: 'bybit-main' });
    expect('error' in result && result.error).toMatch(/^getPageRisk: "accountId" /);
  });

  it('does not echo a long hostile type back in full', () => {
    const result = parseRequest({ type: 'x'.repeat(10_000) });
    expect('error' in result && result.error.length).toBeLessThan(80);
  });

  it('never throws on anything a page could send, and accepts only well-formed requests', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record({ type: fc.constant('getTradeImpact') }, { requiredKeys: [] }),
          fc.dictionary(fc.constantFrom(...Object.keys(tradeImpact)), fc.anything()),
        ),
        (message) => {
          const result = parseRequest(message);
          if ('request' in result && result.request.type === 'getTradeImpact')
            expect(Number.isFinite(result.request.size.value)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('parseRequest symbols', () => {
  it('accepts dated futures, options and HIP-3 markets, as the page readers produce them', () => {
    for (const symbol of [
      'BTC/USDT:USDT-250328',
      'BTC/USD:BTC-261225-100000-C',
      'XYZ-NVDA/USDC:USDC',
    ])
      expect(parseRequest({ ...pageRisk, symbol })).toEqual({ request: { ...pageRisk, symbol } });
  });
});
