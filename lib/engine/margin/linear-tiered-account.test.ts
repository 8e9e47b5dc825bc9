import { describe, expect, it } from 'vitest';
import { bybitBtcusdtFileTable } from '../../../test/golden/bybit-btcusdt-tiers';
import { calculateRiskReport } from '../measure/calculate-risk-report';
import { parsePortfolio } from '../portfolio/parse-portfolio';

/**
 * Tier precedence, as the risk report shows it (tier-table.ts): a position's own tier in force >
 * the venue's table from the file > the embedded dated table > refusal. The file table below is
 * tiers 1–3 of Bybit's BTCUSDT risk limits (bybit-tier-tables.ts) with a later, made-up read time:
 * its figures equal the embedded ones, so the origin is what the test checks; the MM differs only
 * where the position's own tier differs.
 */
const FILE_TABLE = bybitBtcusdtFileTable();

function file(withTable: boolean, extraPosition?: Record<string, unknown>) {
  const position = (own: boolean) => ({
    symbol: 'BTC/USDT:USDT',
    side: 'long',
    contracts: '2',
    entryPrice: '92000',
    markPrice: '95000',
    leverage: 20,
    ...(own && { maintenanceMarginRate: '0.004', maintenanceAmount: '0', maxLeverage: 125 }),
  });
  return {
    version: 1,
    asOf: '2026-11-24T12:00:00Z',
    accounts: [
      {
        id: 'own-tier',
        venue: 'bybit',
        marginMode: 'cross',
        balances: [{ asset: 'USDT', total: '20000' }],
        positions: [position(true)],
      },
      {
        id: 'no-tier',
        venue: 'bybit',
        marginMode: 'cross',
        balances: [{ asset: 'USDT', total: '20000' }],
        positions: [position(false), ...(extraPosition ? [extraPosition] : [])],
      },
    ],
    ...(withTable && { tierTables: [FILE_TABLE] }),
    model: { scenarios: 1000, liquidationPaths: 200 },
  };
}

describe('tier precedence in the risk report', () => {
  it('own tier > the file table (with its source and date)', () => {
    const report = calculateRiskReport(parsePortfolio(file(true)));
    const [own, fromFile] = report.accounts.map((account) => account.positions[0]);
    expect(own).toMatchObject({
      tierOrigin: 'position',
      tierTable: null,
      tierSource: 'position (venue tier in force)',
      maintenanceMarginRate: 0.004,
      maxLeverage: 125,
    });
    expect(own?.maintenanceMargin).toBeCloseTo(190_000 * 0.004, 9);
    expect(fromFile).toMatchObject({
      tierOrigin: 'venue-table',
      tierTable: { source: 'GET /v5/market/risk-limit', asOf: '2026-11-24T12:00:00Z' },
      tierSource:
        'Bybit tier table from the file (GET /v5/market/risk-limit, 2026-11-24T12:00:00Z)',
      maintenanceMarginRate: 0.005,
      maxLeverage: 100,
    });
    expect(fromFile?.maintenanceMargin).toBeCloseTo(950, 9);
  });

  it('without the file table: the embedded dated table, named in the report', () => {
    const report = calculateRiskReport(parsePortfolio(file(false)));
    const embedded = report.accounts[1]?.positions[0];
    expect(embedded?.tierOrigin).toBe('embedded');
    expect(embedded?.tierTable?.asOf).toBe('2025-12-29');
    expect(embedded?.tierSource).toContain('embedded Bybit tier table BTCUSDT');
    expect(embedded?.liquidationPrice).toBeCloseTo(164_000 / 1.99, 6);
  });

  it('with neither: a refusal naming the position and what to add', () => {
    // ENAUSDT: not one of the 30 embedded perpetuals (bybit-tier-tables.ts).
    const ena = {
      symbol: 'ENA/USDT:USDT',
      side: 'short',
      contracts: '1',
      entryPrice: '200',
      markPrice: '210',
    };
    const report = calculateRiskReport(parsePortfolio(file(true, ena)));
    expect(report.accounts.map((account) => account.id)).not.toContain('no-tier');
    expect(report.refusals).toContainEqual(
      expect.objectContaining({
        account: 'no-tier',
        kind: 'unsupported-account',
        removes: 'account',
        message: expect.stringContaining(
          'account "no-tier" position "ENA/USDT:USDT": no embedded Bybit tier table for ENAUSDT and no tierTables entry for bybit ENA/USDT:USDT',
        ),
      }),
    );
  });
});
