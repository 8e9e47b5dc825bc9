/**
 * A book across the six venues, in the portfolio-file format (DESIGN.md §4), for the overlay's
 * end-to-end tests and screenshots: the trader is long BTC on Binance and short BTC on Bybit in
 * an isolated position a few percent from its liquidation (flat together, yet the Bybit leg dies
 * alone first), with smaller BTC legs on OKX, Binance COIN-M, Deribit and Hyperliquid, so every
 * venue's BTC page shows this venue's leg and the others. Prices are the embedded default
 * market's BTC close of 2025-02-11 (95,057.54), so the scenario measures use embedded vols.
 * Figures are chosen, not recorded.
 */
const MARK = '95057.54';

export const SIX_VENUE_BOOK = {
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
          markPrice: MARK,
          leverage: 10,
        },
      ],
    },
    {
      id: 'bybit-hedge',
      venue: 'bybit',
      marginMode: 'isolated',
      positionMode: 'oneway',
      balances: [{ asset: 'USDT', total: '6000' }],
      positions: [
        {
          symbol: 'BTC/USDT:USDT',
          side: 'short',
          contracts: '0.8',
          entryPrice: '94800',
          markPrice: MARK,
          leverage: 20,
          isolatedMargin: '4000',
        },
      ],
    },
    {
      id: 'okx-swap',
      venue: 'okx',
      marginMode: 'cross',
      positionMode: 'oneway',
      balances: [{ asset: 'USDT', total: '3000' }],
      positions: [
        {
          symbol: 'BTC/USDT:USDT',
          side: 'long',
          contracts: '20',
          contractSize: '0.01',
          entryPrice: '93000',
          markPrice: MARK,
          leverage: 10,
          maintenanceMarginRate: '0.004',
          maintenanceAmount: '0',
        },
      ],
    },
    {
      id: 'binance-coinm',
      venue: 'binancecoinm',
      marginMode: 'cross',
      positionMode: 'oneway',
      balances: [{ asset: 'BTC', total: '0.5' }],
      positions: [
        {
          symbol: 'BTC/USD:BTC',
          side: 'short',
          contracts: '300',
          contractSize: '100',
          entryPrice: '96000',
          markPrice: MARK,
          leverage: 10,
          maintenanceMarginRate: '0.004',
          maintenanceAmount: '0',
        },
      ],
    },
    {
      id: 'deribit-btc',
      venue: 'deribit',
      marginMode: 'cross',
      positionMode: 'oneway',
      balances: [{ asset: 'BTC', total: '0.4' }],
      positions: [
        {
          symbol: 'BTC/USD:BTC',
          side: 'long',
          contracts: '2000',
          contractSize: '10',
          entryPrice: '97000',
          markPrice: MARK,
        },
      ],
    },
    {
      id: 'hl-main',
      venue: 'hyperliquid',
      marginMode: 'cross',
      positionMode: 'oneway',
      balances: [{ asset: 'USDC', total: '8000' }],
      positions: [
        {
          symbol: 'BTC/USDC:USDC',
          side: 'short',
          contracts: '0.3',
          entryPrice: '96500',
          markPrice: MARK,
          maxLeverage: 40,
        },
      ],
    },
  ],
} as const;
