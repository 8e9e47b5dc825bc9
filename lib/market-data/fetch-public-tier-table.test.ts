import { describe, expect, it } from 'vitest';
import { exchangeAt, withFakeApi } from '../../test/fake-exchange/api/adapter-test-setup';
import { bybitFakeApi } from '../../test/fake-exchange/api/bybit-api';
import { OKX_ETH_USDT_FILE_TIERS } from '../../test/fake-exchange/api/fixtures/okx/okx-position-tiers';
import { okxFakeApi } from '../../test/fake-exchange/api/okx-api';
import { parsePortfolio } from '../engine';
import { fetchPublicTierTable, isPublicTierTableSource } from './fetch-public-tier-table';

/**
 * Public tier tables through key-less ccxt exchanges at the fake Bybit and OKX APIs, which serve
 * the venues' documented risk-limit and position-tier answers.
 */
const AS_OF = '2026-12-07T12:00:00.000Z';

function withVenues<T>(run: (baseUrl: string) => Promise<T>): Promise<T> {
  return withFakeApi([bybitFakeApi, okxFakeApi], { profiles: {} }, (api) => run(api.baseUrl));
}

describe('fetchPublicTierTable', () => {
  it('reads Bybit’s risk limits for a USDT perpetual no table is embedded for, dated and named', async () => {
    const result = await withVenues((baseUrl) =>
      fetchPublicTierTable(
        exchangeAt('bybit', undefined, baseUrl),
        { venue: 'bybit', symbol: 'DOGE/USDT:USDT', marginMode: 'cross' },
        AS_OF,
      ),
    );
    expect(result).toEqual({
      status: 'read',
      table: {
        venue: 'bybit',
        symbol: 'DOGE/USDT:USDT',
        source: 'public GET /v5/market/risk-limit',
        asOf: AS_OF,
        tiers: [
          {
            floor: '0',
            cap: '800000',
            maintenanceMarginRate: '0.01',
            maintenanceAmount: '0',
            maxLeverage: 50,
          },
          {
            floor: '800000',
            cap: '1600000',
            maintenanceMarginRate: '0.02',
            maintenanceAmount: '8000',
            maxLeverage: 25,
          },
          {
            floor: '1600000',
            cap: '2400000',
            maintenanceMarginRate: '0.025',
            maintenanceAmount: '16000',
            maxLeverage: 20,
          },
        ],
      },
    });
    if (result.status !== 'read') return;
    expect(isPublicTierTableSource(result.table.source)).toBe(true);
    // The engine reads it as a file table: amounts follow Bybit's deduction recursion.
    expect(() =>
      parsePortfolio({ version: 1, asOf: AS_OF, accounts: [], tierTables: [result.table] }),
    ).not.toThrow();
  });

  it('reads OKX’s position tiers for the margin mode asked, sizes in contracts × ctVal', async () => {
    const result = await withVenues((baseUrl) =>
      fetchPublicTierTable(
        exchangeAt('okx', undefined, baseUrl),
        { venue: 'okx', symbol: 'ETH/USDT:USDT', marginMode: 'isolated' },
        AS_OF,
      ),
    );
    expect(result).toEqual({
      status: 'read',
      table: {
        venue: 'okx',
        symbol: 'ETH/USDT:USDT',
        source: 'public GET /api/v5/public/position-tiers (isolated)',
        asOf: AS_OF,
        tiers: OKX_ETH_USDT_FILE_TIERS,
      },
    });
  });

  it('says so when the venue lists no such contract, or publishes no tiers for it', async () => {
    const [unlisted, empty] = await withVenues((baseUrl) =>
      Promise.all([
        fetchPublicTierTable(
          exchangeAt('okx', undefined, baseUrl),
          { venue: 'okx', symbol: 'SOL/USDT:USDT', marginMode: 'cross' },
          AS_OF,
        ),
        fetchPublicTierTable(
          exchangeAt('bybit', undefined, baseUrl),
          { venue: 'bybit', symbol: 'BTC/USDC:USDC', marginMode: 'cross' },
          AS_OF,
        ),
      ]),
    );
    expect(unlisted).toEqual({
      status: 'unlisted',
      reason: 'okx lists no perpetual or future SOL/USDT:USDT',
    });
    expect(empty).toEqual({
      status: 'unlisted',
      reason: 'bybit publishes no tiers for BTC/USDC:USDC',
    });
  });

  it('gives a failed read as a problem naming the venue, never a throw', async () => {
    // Nothing listens on the port the fake API had: the connection is refused.
    const deadUrl = await withVenues(async (baseUrl) => baseUrl);
    const result = await fetchPublicTierTable(
      exchangeAt('bybit', undefined, deadUrl),
      { venue: 'bybit', symbol: 'DOGE/USDT:USDT', marginMode: 'cross' },
      AS_OF,
    );
    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(result.problem.venue).toBe('bybit');
    expect(result.problem.kind).toBe('network');
    expect(result.problem.retryable).toBe(true);
  });
});
