/**
 * Example accounts several tests share, as portfolio-file JSON (DESIGN.md §4). Figures are
 * chosen, not recorded; each comment says what follows from them.
 */

/**
 * A Bybit BTCUSDT cross account: wallet 20,000 USDT, long 2 BTC from 92,000 at mark 95,000, so
 * equity 26,000 USDT and MM 950 USDT (tier 1 of Bybit's embedded risk limits, 0.5%), a margin
 * ratio of 950 / 26,000 = 3.65%. `venueReported` as the venue would add it.
 */
export function bybitBtcusdtLongAccount(venueReported?: Record<string, string>) {
  return {
    id: 'bybit-main',
    venue: 'bybit',
    marginMode: 'cross',
    balances: [{ asset: 'USDT', total: '20000' }],
    positions: [
      {
        symbol: 'BTC/USDT:USDT',
        side: 'long',
        contracts: '2',
        entryPrice: '92000',
        markPrice: '95000',
      },
    ],
    ...(venueReported !== undefined && { venueReported }),
  };
}

/**
 * A Deribit BTC standard-margin account: 1.2 BTC, long 5,000 BTC-PERPETUAL contracts (10 USD
 * each) from 98,000 at 100,000, short 2 BTC-25DEC26-120000-C at 0.018 (mark IV 55%), plus any
 * `extraPositions`.
 */
export function deribitBtcAccount(extraPositions: readonly Record<string, unknown>[] = []) {
  return {
    id: 'deribit-btc',
    venue: 'deribit',
    marginMode: 'cross',
    balances: [{ asset: 'BTC', total: '1.2' }],
    positions: [
      {
        symbol: 'BTC/USD:BTC',
        side: 'long',
        contracts: '5000',
        contractSize: '10',
        entryPrice: '98000',
        markPrice: '100000',
      },
      {
        symbol: 'BTC/USD:BTC-261225-120000-C',
        side: 'short',
        contracts: '2',
        contractSize: '1',
        entryPrice: '0.02',
        markPrice: '0.018',
        markIv: 0.55,
      },
      ...extraPositions,
    ],
  };
}
