/**
 * An OKX single-currency BTC account holding options, in the portfolio-file format (DESIGN.md §4),
 * as the OKX adapter writes it from the fake venue's option account
 * (test/fake-exchange/api/fixtures/okx/okx-options.ts): a cross short put, an isolated short call
 * and an isolated long call, each with OKX's mark volatility and forward (`opt-summary`), with
 * OKX's own maintenance margins beside ours. For the popup's
 * screenshot. Figures are chosen, not recorded.
 */
export const OKX_OPTIONS_BOOK = {
  version: 1,
  asOf: '2026-12-07T12:00:00Z',
  baseCurrency: 'USD',
  accounts: [
    {
      id: 'okx-main:BTC',
      venue: 'okx',
      marginMode: 'cross',
      positionMode: 'oneway',
      balances: [{ asset: 'BTC', total: '0.6308' }],
      positions: [
        {
          symbol: 'BTC/USD:BTC-261225-90000-P',
          side: 'short',
          contracts: '150',
          contractSize: '0.01',
          entryPrice: '0.03',
          markPrice: '0.025',
          markIv: 0.52,
          forwardPrice: '96120.5',
          optionMarginFactor: '1.02',
          venueReported: { maintenanceMargin: '0.0834' },
        },
        {
          symbol: 'BTC/USD:BTC-261225-110000-C',
          side: 'short',
          contracts: '20',
          contractSize: '0.01',
          entryPrice: '0.012',
          markPrice: '0.015',
          markIv: 0.48,
          forwardPrice: '96120.5',
          marginMode: 'isolated',
          isolatedMargin: '0.03',
          takerFeeRate: '0.0003',
          optionMarginFactor: '1.02',
          venueReported: { maintenanceMargin: '0.00912' },
        },
        {
          symbol: 'BTC/USD:BTC-261225-120000-C',
          side: 'long',
          contracts: '10',
          contractSize: '0.01',
          entryPrice: '0.008',
          markPrice: '0.009',
          markIv: 0.5,
          forwardPrice: '96120.5',
          marginMode: 'isolated',
          isolatedMargin: '0.0008',
          takerFeeRate: '0.0003',
          venueReported: { maintenanceMargin: '0' },
        },
      ],
      venueReported: { maintenanceMargin: '0.09252' },
    },
  ],
  market: { prices: { BTC: '96000' } },
} as const;
