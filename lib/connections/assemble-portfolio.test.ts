import { describe, expect, it } from 'vitest';
import { calculateRiskReport, DEMO_PORTFOLIO, parsePortfolio } from '../engine';
import type { PortfolioFileAccount } from '../venues/api/venue-api-types';
import { assemblePortfolio } from './assemble-portfolio';
import type { ConnectionStatus, VenueConnection } from './connection-types';

const bybit: VenueConnection = {
  id: 'bybit-main',
  venue: 'bybit',
  label: 'main',
  credentialKind: 'apiKey',
  keyFingerprint: 'abcd…wxyz',
  createdAt: '2026-11-24T10:00:00.000Z',
};
const account: PortfolioFileAccount = {
  id: 'bybit-main',
  venue: 'bybit',
  marginMode: 'cross',
  positionMode: 'oneway',
  balances: [{ asset: 'USDT', total: '5000' }],
  positions: [
    {
      symbol: 'BTC/USDT:USDT',
      side: 'short',
      contracts: '0.1',
      entryPrice: '60000',
      markPrice: '61000',
      maintenanceMarginRate: '0.005',
      maintenanceAmount: '0',
      maxLeverage: 100,
    },
  ],
};
const read = (at: string, accounts: PortfolioFileAccount[] = [account]): ConnectionStatus => ({
  connectionId: 'bybit-main',
  snapshot: { accounts, tierTables: [] },
  lastSuccessAt: at,
  lastAttemptAt: at,
  failures: 0,
  problem: null,
  retryNotBefore: null,
});
const imported = {
  ...DEMO_PORTFOLIO,
  asOf: '2026-11-24T09:00:00Z',
  accounts: [{ ...DEMO_PORTFOLIO.accounts[1], id: 'bybit-main' }],
};

describe('assemblePortfolio', () => {
  it('uses the demo only when nothing is imported or connected', () => {
    const result = assemblePortfolio(null, [], {}, DEMO_PORTFOLIO);
    expect(result.origin).toBe('demo');
    expect(result.file).toBe(DEMO_PORTFOLIO);
    const noReadYet = assemblePortfolio(null, [bybit], {}, DEMO_PORTFOLIO);
    expect(noReadYet.origin).toBe('demo');
  });

  it('replaces the demo with connected accounts, dated by their read', () => {
    const result = assemblePortfolio(
      { file: DEMO_PORTFOLIO, isDemo: true },
      [bybit],
      { 'bybit-main': read('2026-11-24T11:59:30.000Z') },
      DEMO_PORTFOLIO,
    );
    expect(result.origin).toBe('connected');
    const file = parsePortfolio(result.file);
    expect(file.accounts.map((a) => a.id)).toEqual(['bybit-main']);
    expect(file.asOf).toBe('2026-11-24T11:59:30.000Z');
    expect(result.accountConnections).toEqual({ 'bybit-main': 'bybit-main' });
  });

  it('puts imported accounts beside connected ones, keeping ids unique, valued at the newest time', () => {
    const result = assemblePortfolio(
      { file: imported, isDemo: false },
      [bybit],
      { 'bybit-main': read('2026-11-24T11:59:30.000Z') },
      DEMO_PORTFOLIO,
    );
    expect(result.origin).toBe('imported+connected');
    const file = parsePortfolio(result.file);
    expect(file.accounts.map((a) => a.id)).toEqual(['bybit-main', 'bybit-main~connected']);
    // An older imported file never moves the valuation time (options' time to expiry) back.
    expect(file.asOf).toBe('2026-11-24T11:59:30.000Z');
    expect(file.model).toEqual(parsePortfolio(imported).model);
    expect(result.accountConnections).toEqual({ 'bybit-main~connected': 'bybit-main' });
  });

  it("returns the venues' index prices beside the file, never in it", () => {
    const priced: ConnectionStatus = {
      ...read('2026-11-24T11:59:30.000Z'),
      snapshot: { accounts: [account], tierTables: [], prices: { BTC: '95000' } },
    };
    const result = assemblePortfolio(null, [bybit], { 'bybit-main': priced }, DEMO_PORTFOLIO);
    expect(result.venueIndexPrices).toEqual([
      {
        asset: 'BTC',
        price: '95000',
        connectionId: 'bybit-main',
        readAt: '2026-11-24T11:59:30.000Z',
      },
    ]);
    expect((result.file as { market?: unknown }).market).toBeUndefined();
  });

  it("carries the venues' collateral tables into the file, one per venue and asset", () => {
    const btc = {
      venue: 'bybit' as const,
      asset: 'BTC',
      source: 'Bybit GET /v5/spot-margin-trade/collateral',
      asOf: '2026-11-24T11:59:30.000Z',
      tiers: [{ floor: '0', cap: null, collateralRate: '0.95' }],
    };
    const withTables = (tables: (typeof btc)[]): ConnectionStatus => ({
      ...read('2026-11-24T11:59:30.000Z'),
      snapshot: { accounts: [account], tierTables: [], collateralTables: tables },
    });
    const second: VenueConnection = { ...bybit, id: 'bybit-sub' };
    const result = assemblePortfolio(
      null,
      [bybit, second],
      { 'bybit-main': withTables([btc]), 'bybit-sub': withTables([{ ...btc, asOf: 'later' }]) },
      DEMO_PORTFOLIO,
    );
    expect((result.file as { collateralTables?: unknown }).collateralTables).toEqual([btc]);
  });

  it('keeps one tier table per venue and symbol when two connections read the same tiers', () => {
    const table = (asOf: string, maintenanceMarginRate: string) => ({
      venue: 'bybit' as const,
      symbol: 'BTC/USDT:USDT',
      source: 'GET /v5/market/risk-limit',
      asOf,
      tiers: [{ floor: '0', cap: null, maintenanceMarginRate, maxLeverage: 100 }],
    });
    const withTable = (tierTable: ReturnType<typeof table>): ConnectionStatus => ({
      ...read('2026-11-24T11:59:30.000Z'),
      snapshot: { accounts: [account], tierTables: [tierTable] },
    });
    const second: VenueConnection = { ...bybit, id: 'bybit-sub' };
    const first = table('2026-11-24T11:59:30.000Z', '0.005');
    const same = assemblePortfolio(
      null,
      [bybit, second],
      {
        'bybit-main': withTable(first),
        'bybit-sub': withTable(table('2026-11-24T11:59:31.000Z', '0.005')),
      },
      DEMO_PORTFOLIO,
    );
    expect((same.file as { tierTables?: unknown }).tierTables).toEqual([first]);
    expect(parsePortfolio(same.file).accounts).toHaveLength(2);
  });

  it('prices each account with its own tiers when two connections read different tiers for one symbol', () => {
    // Brackets a venue set apart for one account (Binance's per-user `notionalCoef`): the second
    // connection's table is kept for its own accounts, and each account's maintenance margin is
    // priced from its table — 0.1 BTC × 61,000 × 0.5% = 30.5, and × 1% = 61 USDT.
    const table = (maintenanceMarginRate: string) => ({
      venue: 'bybit' as const,
      symbol: 'BTC/USDT:USDT',
      source: 'GET /v5/market/risk-limit',
      asOf: '2026-11-24T11:59:30.000Z',
      tiers: [{ floor: '0', cap: null, maintenanceMarginRate, maxLeverage: 100 }],
    });
    const withoutTier: PortfolioFileAccount = {
      ...account,
      positions: account.positions.map((position) => ({
        symbol: position.symbol,
        side: position.side,
        contracts: position.contracts,
        entryPrice: position.entryPrice,
        markPrice: position.markPrice,
      })),
    };
    const withTable = (tierTable: ReturnType<typeof table>): ConnectionStatus => ({
      ...read('2026-11-24T11:59:30.000Z', [withoutTier]),
      snapshot: { accounts: [withoutTier], tierTables: [tierTable] },
    });
    const second: VenueConnection = { ...bybit, id: 'bybit-sub' };
    const different = assemblePortfolio(
      null,
      [bybit, second],
      { 'bybit-main': withTable(table('0.005')), 'bybit-sub': withTable(table('0.01')) },
      DEMO_PORTFOLIO,
    );
    expect((different.file as { tierTables?: unknown }).tierTables).toEqual([
      table('0.005'),
      { ...table('0.01'), accounts: ['bybit-main~connected'] },
    ]);
    const report = calculateRiskReport(parsePortfolio(different.file));
    expect(
      report.accounts.map((item) => [
        item.id,
        item.maintenanceMargin,
        item.positions[0]?.tierOrigin,
      ]),
    ).toEqual([
      ['bybit-main', 30.5, 'venue-table'],
      ['bybit-main~connected', 61, 'venue-table'],
    ]);
  });

  it('keeps a connection that read an empty account (no positions, no balance)', () => {
    const result = assemblePortfolio(
      null,
      [bybit],
      { 'bybit-main': read('2026-11-24T11:00:00Z', []) },
      DEMO_PORTFOLIO,
    );
    expect(result.origin).toBe('connected');
    expect((result.file as { accounts: unknown[] }).accounts).toEqual([]);
  });
});
