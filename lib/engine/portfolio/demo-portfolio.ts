/**
 * The embedded demo portfolio: what `npm start`, `npm run risk` without a file, and a fresh
 * extension show. Prices are the embedded default market's (2025-02-11 closes). It holds the
 * case the product exists for: a BTC long in a cross-margined account and a BTC short in a
 * separate isolated sub-account: flat together, yet the short leg can be liquidated on its own.
 * In the portfolio-file format of DESIGN.md §4 (raw, to be validated like any file).
 */
export const DEMO_PORTFOLIO = {
  version: 1,
  asOf: '2025-02-11T00:00:00Z',
  baseCurrency: 'USD',
  accounts: [
    {
      id: 'binance-main',
      venue: 'binanceusdm',
      marginMode: 'cross',
      positionMode: 'oneway',
      balances: [{ asset: 'USDT', total: '20000' }],
      positions: [
        {
          symbol: 'BTC/USDT:USDT',
          side: 'long',
          contracts: '0.8',
          entryPrice: '92400',
          markPrice: '95057.54',
          leverage: 10,
        },
        {
          symbol: 'ETH/USDT:USDT',
          side: 'short',
          contracts: '12',
          entryPrice: '2710',
          markPrice: '2589.82',
          leverage: 10,
        },
      ],
    },
    {
      id: 'binance-hedge',
      venue: 'binanceusdm',
      marginMode: 'isolated',
      positionMode: 'oneway',
      balances: [{ asset: 'USDT', total: '6000' }],
      positions: [
        {
          symbol: 'BTC/USDT:USDT',
          side: 'short',
          contracts: '0.8',
          entryPrice: '94800',
          markPrice: '95057.54',
          leverage: 20,
          isolatedMargin: '4000',
        },
      ],
    },
  ],
} as const;
