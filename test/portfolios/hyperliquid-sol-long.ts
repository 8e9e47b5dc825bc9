/**
 * A long SOL perpetual in an isolated Hyperliquid account, in the portfolio-file format, marked at
 * the market fixtures' last SOL close (195.77): a coin the tests make Binance not list, so its
 * vol must come from Hyperliquid's own daily candles. Figures are chosen, not recorded.
 */
export const HYPERLIQUID_SOL_LONG = {
  version: 1,
  asOf: '2025-02-11T12:00:00Z',
  accounts: [
    {
      id: 'hyperliquid-sol',
      venue: 'hyperliquid',
      marginMode: 'isolated',
      balances: [{ asset: 'USDC', total: '1000' }],
      positions: [
        {
          symbol: 'SOL/USDC:USDC',
          side: 'long',
          contracts: '50',
          entryPrice: '195',
          markPrice: '195.77',
          isolatedMargin: '1000',
          maxLeverage: 20,
        },
      ],
    },
  ],
};
