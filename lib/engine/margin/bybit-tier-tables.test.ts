import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { PortfolioError } from '../portfolio/portfolio-error';
import { bybitAccountMargin } from './bybit';
import { bybitEmbeddedMarkets, bybitEmbeddedTierTable } from './bybit-tier-tables';
import { TierOrigin } from './tier-table';
import { buildTiers, tieredMaintenanceMargin } from './tiers';
import type { MarginContext } from './venue-context';

const NO_TABLES: MarginContext = { asOf: '2026-11-24T00:00:00Z', underlyingPrice: () => undefined };

/**
 * The MM deductions exactly as Bybit's Margin Parameters page prints them for BTCUSDT
 * (bybitx.global/pt-PT/announcement-info/margin-parameters, tiers 1–20), in USDT.
 */
const PUBLISHED_BTCUSDT_DEDUCTIONS = [
  0, 1_200, 3_020, 4_300, 5_820, 8_460, 15_460, 20_500, 46_000, 66_000, 80_000, 160_000, 300_000,
  452_000, 502_000, 777_000, 837_000, 967_000, 1_107_000, 1_482_000,
];

function bybitAccount(
  side: 'long' | 'short',
  contracts: string,
  entry: string,
  mark: string,
  wallet: string,
) {
  const account = parsePortfolio({
    version: 1,
    asOf: '2026-11-24T00:00:00Z',
    accounts: [
      {
        id: 'bybit',
        venue: 'bybit',
        marginMode: 'cross',
        balances: [{ asset: 'USDT', total: wallet }],
        positions: [
          { symbol: 'BTC/USDT:USDT', side, contracts, entryPrice: entry, markPrice: mark },
        ],
      },
    ],
  }).accounts[0];
  if (!account) throw new Error('no account');
  return account;
}

describe('embedded Bybit risk limits (bybit-tier-tables.ts)', () => {
  it('BTCUSDT: the recursion reproduces every published MM deduction (golden)', () => {
    const table = bybitEmbeddedTierTable('BTCUSDT');
    expect(table?.tiers.map((tier) => tier.maintenanceAmount.toNumber())).toEqual(
      PUBLISHED_BTCUSDT_DEDUCTIONS,
    );
    // Built without the published amounts, the recursion alone gives the same figures.
    const rows = (table?.tiers ?? []).map((tier) => ({
      floor: tier.floor.toString(),
      cap: tier.cap?.toString() ?? null,
      maintenanceMarginRate: tier.maintenanceMarginRate.toString(),
      maxLeverage: tier.maxLeverage,
    }));
    expect(buildTiers(rows, 'recursion').map((tier) => tier.maintenanceAmount.toNumber())).toEqual(
      PUBLISHED_BTCUSDT_DEDUCTIONS,
    );
  });

  it('BTCUSDT: published rates as fractions, 100x up to 2,000,000 USDT, partial above 80,000,000', () => {
    const table = bybitEmbeddedTierTable('BTCUSDT');
    expect(table?.tiers[0]?.maintenanceMarginRate.toString()).toBe('0.005');
    expect(table?.tiers[1]?.maintenanceMarginRate.toString()).toBe('0.0056');
    expect(table?.tiers[0]?.maxLeverage).toBe(100);
    expect(table?.tiers.at(-1)?.cap?.toString()).toBe('80000000');
    expect(table?.complete).toBe(false);
    expect(bybitEmbeddedMarkets()).toEqual(['BTCUSDT']);
    expect(bybitEmbeddedTierTable('ETHUSDT')).toBeUndefined();
  });

  it('the margin article example: 2,600,000 USDT of BTCUSDT is in the 0.56% tier, MM = 2,600,000 × 0.56% − 1,200', () => {
    const tiers = bybitEmbeddedTierTable('BTCUSDT')?.tiers ?? [];
    expect(tieredMaintenanceMargin(tiers, new Decimal(2_600_000)).toNumber()).toBe(13_360);
  });

  it('a BTCUSDT position without its own tier takes the embedded table, and the report says so', () => {
    const margin = bybitAccountMargin(
      bybitAccount('long', '2', '92000', '95000', '20000'),
      NO_TABLES,
    );
    const position = margin.positions[0];
    expect(position?.tierOrigin).toBe(TierOrigin.embedded);
    expect(position?.tierTable?.source).toContain('Margin Parameters');
    expect(position?.maintenanceMargin).toBe(950);
    // Cross: 20,000 + 2·(P − 92,000) = 0.005·2·P → P = 164,000 / 1.99.
    expect(position?.liquidationPrice).toBeCloseTo(164_000 / 1.99, 6);
  });

  it('equity = MM at the liquidation price, with the tier of the notional there (property)', () => {
    const tiers = bybitEmbeddedTierTable('BTCUSDT')?.tiers ?? [];
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.double({ min: 0.01, max: 700, noNaN: true }),
        fc.double({ min: 0.02, max: 0.5, noNaN: true }),
        (long, quantity, marginFraction) => {
          const entry = 100_000;
          const contracts = quantity.toFixed(3);
          const wallet = (Number(contracts) * entry * marginFraction).toFixed(2);
          const margin = bybitAccountMargin(
            bybitAccount(long ? 'long' : 'short', contracts, String(entry), String(entry), wallet),
            NO_TABLES,
          );
          const price = margin.positions[0]?.liquidationPrice;
          if (price === null || price === undefined) return long;
          const q = new Decimal(contracts);
          const p = new Decimal(price);
          const equity = new Decimal(wallet).plus(q.mul(p.minus(entry)).mul(long ? 1 : -1));
          const maintenance = tieredMaintenanceMargin(tiers, q.mul(p));
          return equity.minus(maintenance).abs().lte(q.mul(entry).mul(1e-9));
        },
      ),
      { seed: 20261124, numRuns: 300 },
    );
  });

  it('refuses a position above the last embedded row rather than extrapolating', () => {
    expect(() =>
      bybitAccountMargin(bybitAccount('long', '1000', '90000', '90000', '9000000'), NO_TABLES),
    ).toThrow(PortfolioError);
    expect(() =>
      bybitAccountMargin(bybitAccount('long', '1000', '90000', '90000', '9000000'), NO_TABLES),
    ).toThrow('is above the last row (80000000) of the partial embedded Bybit tier table BTCUSDT');
  });

  it('ETHUSDT has no embedded table: the refusal says what to add', () => {
    const account = parsePortfolio({
      version: 1,
      asOf: '2026-11-24T00:00:00Z',
      accounts: [
        {
          id: 'bybit',
          venue: 'bybit',
          marginMode: 'cross',
          balances: [{ asset: 'USDT', total: '1000' }],
          positions: [
            {
              symbol: 'ETH/USDT:USDT',
              side: 'long',
              contracts: '1',
              entryPrice: '3000',
              markPrice: '3000',
            },
          ],
        },
      ],
    }).accounts[0];
    if (!account) throw new Error('no account');
    expect(() => bybitAccountMargin(account, NO_TABLES)).toThrow(
      'account "bybit" position "ETH/USDT:USDT": no embedded Bybit tier table for ETHUSDT and no tierTables entry for bybit ETH/USDT:USDT; add maintenanceMarginRate and maintenanceAmount (the tier in force) to the position, or the venue\'s table (public GET /v5/market/risk-limit',
    );
  });
});
