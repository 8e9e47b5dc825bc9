import { describe, expect, it } from 'vitest';
import type { PortfolioFileTierTable } from '../venues/api/venue-api-types';
import { withPublicTierTables } from './with-public-tier-tables';

const table = (symbol: string, source: string): PortfolioFileTierTable => ({
  venue: 'bybit',
  symbol,
  source,
  asOf: '2026-12-07T12:00:00.000Z',
  tiers: [
    {
      floor: '0',
      cap: null,
      maintenanceMarginRate: '0.01',
      maintenanceAmount: '0',
      maxLeverage: 50,
    },
  ],
});

describe('withPublicTierTables', () => {
  it('fills only the gaps: the file’s own table for a contract stays, and first', () => {
    const own = table('DOGE/USDT:USDT', 'GET /v5/market/risk-limit');
    const file = { version: 1, accounts: [], tierTables: [own] };
    const publicDoge = table('DOGE/USDT:USDT', 'public GET /v5/market/risk-limit');
    const publicXrp = table('XRP/USDT:USDT', 'public GET /v5/market/risk-limit');
    expect(withPublicTierTables(file, [publicDoge, publicXrp])).toEqual({
      version: 1,
      accounts: [],
      tierTables: [own, publicXrp],
    });
    expect(file.tierTables).toEqual([own]);
  });

  it('leaves a file it cannot read as it is, for the engine to name its problem', () => {
    const publicXrp = table('XRP/USDT:USDT', 'public GET /v5/market/risk-limit');
    for (const file of [null, 'text', [1], { tierTables: 'none' }])
      expect(withPublicTierTables(file, [publicXrp])).toBe(file);
    expect(withPublicTierTables({ version: 1 }, [publicXrp])).toEqual({
      version: 1,
      tierTables: [publicXrp],
    });
  });
});
