import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { exchangeAt, withFakeApi } from '../../test/fake-exchange/api/adapter-test-setup';
import { bybitFakeApi } from '../../test/fake-exchange/api/bybit-api';
import { okxFakeApi } from '../../test/fake-exchange/api/okx-api';
import { calculateRiskReport, parsePortfolio } from '../engine';
import { withPublicTierTables } from '../connections/with-public-tier-tables';
import { publicTierTablesItem } from '../storage/public-tier-tables-item';
import {
  createPublicTierTablesService,
  PUBLIC_TIER_RETRY_MS,
  PUBLIC_TIER_TABLE_MAX_AGE_MS,
} from './public-tier-tables-service';

/**
 * The public tier tables service over WXT's fake storage and the fake Bybit and OKX APIs: a
 * portfolio file with a DOGE perpetual on Bybit and no tiers — priced on the embedded dated table
 * until then — is priced on Bybit's own risk limits once they are read (a file's table comes before
 * an embedded one), and they are read again only when old.
 */
const NOW = Date.parse('2026-12-07T12:00:00Z');

const DOGE_FILE = {
  version: 1,
  asOf: '2026-12-07T12:00:00Z',
  accounts: [
    {
      id: 'bybit-doge',
      venue: 'bybit',
      marginMode: 'isolated',
      balances: [{ asset: 'USDT', total: '20000' }],
      positions: [
        {
          symbol: 'DOGE/USDT:USDT',
          side: 'long',
          // 5,000,000 DOGE at 0.2: 1,000,000 USDT, Bybit's second row (800,000 – 1,600,000).
          contracts: '5000000',
          entryPrice: '0.2',
          markPrice: '0.2',
          leverage: 10,
          isolatedMargin: '100000',
        },
      ],
    },
  ],
  market: { annualVols: { DOGE: 0.9 } },
  model: { scenarios: 200, liquidationPaths: 200 },
};

beforeEach(() => fakeBrowser.reset());

function serviceAt(baseUrl: string, clock: { now: number }, opened: string[] = []) {
  return createPublicTierTablesService({
    hasHostAccess: async () => true,
    openPublic: (venue) => {
      opened.push(venue);
      return exchangeAt(venue, undefined, baseUrl);
    },
    now: () => clock.now,
  });
}

describe('public tier tables service', () => {
  it('prices a file position with no tiers on the venue’s public table, dated', async () => {
    await withFakeApi([bybitFakeApi, okxFakeApi], { profiles: {} }, async (api) => {
      const portfolio = parsePortfolio(DOGE_FILE);
      // Before the read: the embedded dated DOGEUSDT risk limits (bybit-tier-tables.ts).
      const before = calculateRiskReport(portfolio).accounts[0]?.positions[0];
      expect(before?.tierOrigin).toBe('embedded');
      expect(before?.tierTable?.asOf).toBe('2025-12-29');
      const service = serviceAt(api.baseUrl, { now: NOW });
      await service.refresh(portfolio);
      const file = withPublicTierTables(DOGE_FILE, await service.current());
      const position = calculateRiskReport(parsePortfolio(file)).accounts[0]?.positions[0];
      expect(position?.tierSource).toContain(
        'public GET /v5/market/risk-limit, 2026-12-07T12:00:00.000Z',
      );
      // MM = 1,000,000 × 2% − 8,000 (Bybit's row 2) = 12,000 USDT.
      expect(position?.maintenanceMargin).toBeCloseTo(12_000, 6);
    });
  });

  it('reads a table again after a day, a failed read after an hour, and nothing in between', async () => {
    await withFakeApi([bybitFakeApi, okxFakeApi], { profiles: {} }, async (api) => {
      const clock = { now: NOW };
      const opened: string[] = [];
      const service = serviceAt(api.baseUrl, clock, opened);
      const withUnlisted = parsePortfolio({
        ...DOGE_FILE,
        accounts: [
          ...DOGE_FILE.accounts,
          {
            id: 'okx-sol',
            venue: 'okx',
            marginMode: 'cross',
            balances: [{ asset: 'USDT', total: '1000' }],
            positions: [
              {
                symbol: 'SOL/USDT:USDT',
                side: 'short',
                contracts: '10',
                entryPrice: '150',
                markPrice: '150',
              },
            ],
          },
        ],
      });
      await service.refresh(withUnlisted);
      expect(opened).toEqual(['bybit', 'okx']);
      const stored = await publicTierTablesItem.getValue();
      expect(stored['okx SOL/USDT:USDT']?.problem).toBe(
        'okx lists no perpetual or future SOL/USDT:USDT',
      );

      clock.now = NOW + PUBLIC_TIER_RETRY_MS - 1;
      await service.refresh(withUnlisted);
      expect(opened).toEqual(['bybit', 'okx']);

      clock.now = NOW + PUBLIC_TIER_RETRY_MS;
      await service.refresh(withUnlisted);
      expect(opened).toEqual(['bybit', 'okx', 'okx']);

      clock.now = NOW + PUBLIC_TIER_TABLE_MAX_AGE_MS;
      await service.refresh(withUnlisted);
      expect(opened).toEqual(['bybit', 'okx', 'okx', 'bybit', 'okx']);
    });
  });

  it('reads nothing and adds nothing without permission for the public hosts', async () => {
    const service = createPublicTierTablesService({
      hasHostAccess: async () => false,
      openPublic: () => {
        throw new Error('must not open an exchange');
      },
      now: () => NOW,
    });
    await service.refresh(parsePortfolio(DOGE_FILE));
    expect(await service.current()).toEqual([]);
    expect(await publicTierTablesItem.getValue()).toEqual({});
  });
});
