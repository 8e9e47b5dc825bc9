import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { MarginMode, Side } from '../product/types';
import {
  bybitAccountMargin,
  bybitInverseIsolatedLiquidationPrice,
  bybitInverseIsolatedLiquidationPrice2024,
  bybitIsolatedLiquidationPrice,
  bybitShortPutMargin,
} from './bybit';
import { buildTiers, tieredMaintenanceMargin } from './tiers';
import type { MarginContext } from './venue-context';

/** No tier tables from a file: the position's own tier or the embedded tables. */
const NO_TABLES: MarginContext = { asOf: '2026-11-24T00:00:00Z', underlyingPrice: () => undefined };

const d = (value: string | number) => new Decimal(value);

describe('Bybit USDT isolated liquidation price ("Liquidation Price (USDT Contract)", methodology §2.3)', () => {
  it('Y1: long 1 BTC at 20,000, 50x, MMR 0.5% → IM 400, MM 100, LP 19,700', () => {
    expect(
      bybitIsolatedLiquidationPrice(
        Side.long,
        d(1),
        d(20_000),
        d(400),
        d('0.005'),
        d(0),
      )?.toNumber(),
    ).toBe(19_700);
  });
  it('Y2: short with 3,000 USDT added margin → LP 23,300', () => {
    expect(
      bybitIsolatedLiquidationPrice(
        Side.short,
        d(1),
        d(20_000),
        d(3_400),
        d('0.005'),
        d(0),
      )?.toNumber(),
    ).toBe(23_300);
  });
  it('Y3: Y1 with 200 USDT funding taken from the position margin → LP 19,900', () => {
    expect(
      bybitIsolatedLiquidationPrice(
        Side.long,
        d(1),
        d(20_000),
        d(200),
        d('0.005'),
        d(0),
      )?.toNumber(),
    ).toBe(19_900);
  });
  it('Y1 through a portfolio file, with the risk limit tier in force', () => {
    const portfolio = parsePortfolio({
      version: 1,
      asOf: '2026-11-24T00:00:00Z',
      accounts: [
        {
          id: 'bybit',
          venue: 'bybit',
          marginMode: 'isolated',
          balances: [{ asset: 'USDT', total: '1000' }],
          positions: [
            {
              symbol: 'BTC/USDT:USDT',
              side: 'long',
              contracts: '1',
              entryPrice: '20000',
              markPrice: '20000',
              leverage: 50,
              isolatedMargin: '400',
              maintenanceMarginRate: '0.005',
              maintenanceAmount: '0',
            },
          ],
        },
      ],
    });
    const account = portfolio.accounts[0];
    if (!account) throw new Error('no account');
    const margin = bybitAccountMargin(account, NO_TABLES);
    expect(margin.positions[0]?.liquidationPrice).toBe(19_700);
    expect(margin.positions[0]?.initialMargin).toBe(400);
  });
});

describe('Bybit inverse isolated (UTA article, methodology §2.3 Y5; fees ignored)', () => {
  it('Y5: long 60,000 USD at 50,000, 10x, MMR 0.5% → 45,681.82 (current) and 45,662.10 (2024 version)', () => {
    expect(bybitInverseIsolatedLiquidationPrice(Side.long, 60_000, 50_000, 10, 0.005)).toBeCloseTo(
      45_681.82,
      2,
    );
    expect(
      bybitInverseIsolatedLiquidationPrice2024(Side.long, 60_000, 50_000, 10, 0.005),
    ).toBeCloseTo(45_662.1, 2);
  });
  it('puts a short above entry in both versions', () => {
    expect(
      bybitInverseIsolatedLiquidationPrice(Side.short, 60_000, 50_000, 10, 0.005),
    ).toBeGreaterThan(50_000);
    expect(
      bybitInverseIsolatedLiquidationPrice2024(Side.short, 60_000, 50_000, 10, 0.005),
    ).toBeGreaterThan(50_000);
  });
});

describe('Bybit tiered MM with MM deduction (margin-parameters page, methodology §2.3 Y6)', () => {
  it('tiers 2%/2.5%/3%/3.5%/4% per 1,000: deductions 0/5/15/30/50 and MM 92.5 at 3,500', () => {
    const tiers = buildTiers(
      ['0.02', '0.025', '0.03', '0.035', '0.04'].map((rate, index) => ({
        floor: String(index * 1000),
        cap: index === 4 ? '5000' : String((index + 1) * 1000),
        maintenanceMarginRate: rate,
        maxLeverage: 10,
      })),
      'Y6',
    );
    expect(tiers.map((tier) => tier.maintenanceAmount.toNumber())).toEqual([0, 5, 15, 30, 50]);
    expect(tieredMaintenanceMargin(tiers, d(3_500)).toNumber()).toBe(92.5);
  });
});

describe('Bybit short put margin (options spread article, methodology §2.3 Y7)', () => {
  it('BTC-22JUL22-18500-P, S 20,250, entry 280, mark 290 → MM 938, IM 2,315 USDC', () => {
    const margin = bybitShortPutMargin(20_250, 18_500, 280, 290, 1);
    expect(margin.maintenance).toBeCloseTo(938, 9);
    expect(margin.initial).toBeCloseTo(2_315, 9);
  });
});

describe('Bybit inverse accounts', () => {
  it('Y5 through a portfolio file: isolated long 60,000 USD at 50,000 with 0.12 BTC of margin → 45,681.82', () => {
    const portfolio = parsePortfolio({
      version: 1,
      asOf: '2026-11-24T00:00:00Z',
      accounts: [
        {
          id: 'bybit-inverse',
          venue: 'bybit',
          marginMode: 'isolated',
          balances: [{ asset: 'BTC', total: '0.5' }],
          positions: [
            {
              symbol: 'BTC/USD:BTC',
              side: 'long',
              contracts: '60000',
              contractSize: '1',
              entryPrice: '50000',
              markPrice: '50000',
              leverage: 10,
              isolatedMargin: '0.12',
              maintenanceMarginRate: '0.005',
              maintenanceAmount: '0',
            },
          ],
        },
      ],
    });
    const account = portfolio.accounts[0];
    if (!account) throw new Error('no account');
    const margin = bybitAccountMargin(account, NO_TABLES);
    expect(margin.settle).toBe('BTC');
    expect(margin.positions[0]?.liquidationPrice).toBeCloseTo(45_681.82, 2);
  });

  it('refuses an account mixing linear and inverse contracts', () => {
    const portfolio = parsePortfolio({
      version: 1,
      asOf: '2026-11-24T00:00:00Z',
      accounts: [
        {
          id: 'mixed',
          venue: 'bybit',
          marginMode: 'cross',
          balances: [{ asset: 'USDT', total: '1' }],
          positions: [
            {
              symbol: 'BTC/USD:BTC',
              side: 'long',
              contracts: '1',
              contractSize: '1',
              entryPrice: '1',
              markPrice: '1',
              maintenanceMarginRate: '0.005',
              maintenanceAmount: '0',
            },
            {
              symbol: 'BTC/USDT:USDT',
              side: 'long',
              contracts: '1',
              entryPrice: '1',
              markPrice: '1',
              maintenanceMarginRate: '0.005',
              maintenanceAmount: '0',
            },
          ],
        },
      ],
    });
    const account = portfolio.accounts[0];
    if (!account) throw new Error('no account');
    // Cross margin with two coins (USDT, BTC) is one cross-collateral UTA
    // (bybit-unified-account.ts), which names the inverse contract it does not compute.
    expect(() => bybitAccountMargin(account, NO_TABLES)).toThrow(
      'position "BTC/USD:BTC": inverse contracts in a Bybit Unified Trading Account carried by several collateral coins are not computed yet',
    );
    expect(() =>
      bybitAccountMargin({ ...account, marginMode: MarginMode.isolated }, NO_TABLES),
    ).toThrow('a Bybit account holds linear or inverse contracts, not both');
  });
});
