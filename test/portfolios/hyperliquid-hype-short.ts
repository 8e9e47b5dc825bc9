/**
 * A Hyperliquid cross account short 100 HYPE from 30 (mark 31) with 5,000 USDC, HYPE at max
 * leverage 5: an asset with no volatility in the embedded market, so the engine keeps its venue
 * figures and refuses it from the scenario measures. Hyperliquid's documented liquidation
 * (maintenance margin rate 1/(2·5) = 0.1): 5000 − 100·(P − 30) = 0.1·100·P → P = 8000/110.
 */
export const HYPE_SHORT_ACCOUNT = {
  id: 'hl-hype',
  venue: 'hyperliquid',
  marginMode: 'cross',
  positionMode: 'oneway',
  balances: [{ asset: 'USDC', total: '5000' }],
  positions: [
    {
      symbol: 'HYPE/USDC:USDC',
      side: 'short',
      contracts: '100',
      entryPrice: '30',
      markPrice: '31',
      maxLeverage: 5,
    },
  ],
} as const;

export const HYPE_SHORT_LIQUIDATION_PRICE = 8000 / 110;
