import { describe, expect, it } from 'vitest';
import { parsePortfolio } from '../engine';
import { publicTierRequestsOf } from './public-tier-requests';

const position = (symbol: string, extra: Record<string, unknown> = {}) => ({
  symbol,
  side: 'long',
  contracts: '1',
  entryPrice: '100',
  markPrice: '100',
  ...extra,
});

const account = (id: string, venue: string, marginMode: string, positions: unknown[]) => ({
  id,
  venue,
  marginMode,
  balances: [{ asset: 'USDT', total: '1000' }],
  positions,
});

describe('publicTierRequestsOf', () => {
  it('asks for each Bybit and OKX contract held without a tier or a file table, cross where held in cross', () => {
    const portfolio = parsePortfolio({
      version: 1,
      asOf: '2026-12-07T12:00:00Z',
      accounts: [
        account('okx-iso', 'okx', 'isolated', [position('SOL/USDT:USDT')]),
        account('okx-cross', 'okx', 'cross', [position('SOL/USDT:USDT', { side: 'short' })]),
        account('bybit', 'bybit', 'cross', [
          position('DOGE/USDT:USDT'),
          // Its own tier in force: nothing to read.
          position('XRP/USDT:USDT', { maintenanceMarginRate: '0.01', maintenanceAmount: '0' }),
          // A table in the file: nothing to read.
          position('ADA/USDT:USDT'),
        ]),
        // Binance's brackets need a key: not a public table.
        account('binance', 'binanceusdm', 'cross', [position('DOGE/USDT:USDT')]),
      ],
      tierTables: [
        {
          venue: 'bybit',
          symbol: 'ADA/USDT:USDT',
          source: 'GET /v5/market/risk-limit',
          asOf: '2026-12-01',
          tiers: [
            {
              floor: '0',
              cap: null,
              maintenanceMarginRate: '0.01',
              maintenanceAmount: '0',
              maxLeverage: 50,
            },
          ],
        },
        // A table read here before is asked for again, to stay current.
        {
          venue: 'bybit',
          symbol: 'DOGE/USDT:USDT',
          source: 'public GET /v5/market/risk-limit',
          asOf: '2026-12-06T12:00:00.000Z',
          tiers: [
            {
              floor: '0',
              cap: null,
              maintenanceMarginRate: '0.01',
              maintenanceAmount: '0',
              maxLeverage: 50,
            },
          ],
        },
      ],
    });
    expect(publicTierRequestsOf(portfolio)).toEqual([
      { venue: 'bybit', symbol: 'DOGE/USDT:USDT', marginMode: 'cross' },
      { venue: 'okx', symbol: 'SOL/USDT:USDT', marginMode: 'cross' },
    ]);
  });
});
