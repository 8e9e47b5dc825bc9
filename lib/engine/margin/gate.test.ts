import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { PortfolioError } from '../portfolio/portfolio-error';
import { Side } from '../product/types';
import { siloSurplus } from '../risk/margin-silo';
import { gateAccountMargin, gateLiquidationPrice, gateSilos } from './gate';
import { gateEmbeddedTierTable } from './gate-tier-tables';
import { tieredMaintenanceMargin } from './tiers';
import type { MarginContext } from './venue-context';

/** No tier tables from a file: the position's own tier or the embedded tables. */
const NO_TABLES: MarginContext = { asOf: '2026-12-07T00:00:00Z', underlyingPrice: () => undefined };

/** A parsed Gate account with a USDT wallet and the given positions. */
function gateAccount(wallet: string, positions: Record<string, unknown>[], marginMode = 'cross') {
  const account = parsePortfolio({
    version: 1,
    asOf: '2026-12-07T00:00:00Z',
    accounts: [
      {
        id: 'gate-main',
        venue: 'gate',
        marginMode,
        balances: [{ asset: 'USDT', total: wallet }],
        positions,
      },
    ],
  }).accounts[0];
  if (!account) throw new Error('no account');
  return account;
}

const BTC_TABLE = gateEmbeddedTierTable('BTC_USDT');

describe('Gate gradient maintenance margin (embedded BTC_USDT table, help centre 22162, 2025-09-30)', () => {
  it('charges each tier’s rate on its slice only: 150,000 USDT → 80 + 135 + 250 + 350 = 815', () => {
    if (!BTC_TABLE) throw new Error('no embedded table');
    // "the MMR of the lowest tier, applying the next tier's MMR only to the portion exceeding the
    // previous limit": 20,000 × 0.40% + 30,000 × 0.45% + 50,000 × 0.50% + 50,000 × 0.70%.
    expect(tieredMaintenanceMargin(BTC_TABLE.tiers, new Decimal(150_000)).toNumber()).toBe(815);
  });

  it('has the deductions of the slice rule (Gate’s `deduction` field): 0, 10, 35, 235, 835, 10,835, 70,835, 1,420,835', () => {
    if (!BTC_TABLE) throw new Error('no embedded table');
    expect(BTC_TABLE.tiers.map((tier) => tier.maintenanceAmount.toNumber())).toEqual([
      0, 10, 35, 235, 835, 10_835, 70_835, 1_420_835,
    ]);
  });

  it('is a partial table: a position above 5,000,000 USDT is refused, naming what to add', () => {
    const account = gateAccount('10000000', [
      {
        symbol: 'BTC/USDT:USDT',
        side: 'long',
        contracts: '60',
        entryPrice: '90000',
        markPrice: '90000',
      },
    ]);
    expect(() => gateAccountMargin(account, NO_TABLES)).toThrow(/above the last row \(5000000\)/);
  });
});

describe('Gate liquidation price (help centre 22160)', () => {
  it('is Gate’s formula in tier 1: long 0.2 BTC at 50,000, margin 1,000, MMR 0.4%, taker 0.075% → 45,000 / 0.99525', () => {
    // (entry − margin / multiplier / size) / [1 − (MMR + taker)]: 2,000 contracts × 0.0001 BTC.
    const price = gateLiquidationPrice(
      Side.long,
      new Decimal('0.2'),
      new Decimal(50_000),
      new Decimal(1000),
      BTC_TABLE?.tiers ?? [],
      new Decimal('0.00075'),
    );
    expect(price?.toNumber()).toBeCloseTo(45_000 / 0.99525, 9);
  });

  it('is Gate’s formula for a short: short 0.2 BTC at 50,000, margin 1,000 → 55,000 / 1.00475', () => {
    const price = gateLiquidationPrice(
      Side.short,
      new Decimal('0.2'),
      new Decimal(50_000),
      new Decimal(1000),
      BTC_TABLE?.tiers ?? [],
      new Decimal('0.00075'),
    );
    expect(price?.toNumber()).toBeCloseTo(55_000 / 1.00475, 9);
  });

  it('puts margin + P&L at MM + fee × value at the liquidation price, across tiers (property)', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        // Up to 960,000 USDT at 2–20x: every position starts above its maintenance margin.
        fc.double({ min: 0.01, max: 8, noNaN: true }),
        fc.double({ min: 10_000, max: 120_000, noNaN: true }),
        fc.double({ min: 2, max: 20, noNaN: true }),
        (long, quantity, entry, leverage) => {
          const tiers = BTC_TABLE?.tiers ?? [];
          const side = long ? Side.long : Side.short;
          const margin = new Decimal(quantity * entry).div(leverage);
          const fee = new Decimal('0.0005');
          const price = gateLiquidationPrice(
            side,
            new Decimal(quantity),
            new Decimal(entry),
            margin,
            tiers,
            fee,
          );
          if (price === null) return;
          const value = price.mul(quantity);
          if (value.gt(5_000_000)) return;
          const pnl = price
            .minus(entry)
            .mul(quantity)
            .mul(long ? 1 : -1);
          const required = tieredMaintenanceMargin(tiers, value).plus(value.mul(fee));
          expect(margin.plus(pnl).minus(required).abs().toNumber()).toBeLessThan(1e-6);
        },
      ),
    );
  });
});

describe('Gate accounts', () => {
  const isolatedLong = (takerFeeRate?: string) =>
    gateAccount('5000', [
      {
        symbol: 'BTC/USDT:USDT',
        side: 'long',
        contracts: '0.2',
        entryPrice: '50000',
        markPrice: '51000',
        marginMode: 'isolated',
        isolatedMargin: '1000',
        leverage: 10,
        ...(takerFeeRate !== undefined && { takerFeeRate }),
      },
    ]);

  it('computes an isolated position by Gate’s formula, the fee at liquidation and not in its MM', () => {
    const position = gateAccountMargin(isolatedLong('0.00075'), NO_TABLES).positions[0];
    expect(position?.liquidationPrice).toBeCloseTo(45_000 / 0.99525, 9);
    expect(position?.maintenanceMargin).toBeCloseTo(0.2 * 51_000 * 0.004, 9);
  });

  it('liquidates the isolated silo of path simulation at the same price', () => {
    const account = isolatedLong('0.00075');
    const price = gateAccountMargin(account, NO_TABLES).positions[0]?.liquidationPrice as number;
    const silo = gateSilos(account, NO_TABLES).find((entry) => entry.label.includes('isolated'));
    if (!silo) throw new Error('no isolated silo');
    expect(Math.abs(siloSurplus(silo, [price]))).toBeLessThan(1e-9);
  });

  it('computes one cross symbol by Gate’s formula with the cross balance as its margin', () => {
    const account = gateAccount('1000', [
      {
        symbol: 'BTC/USDT:USDT',
        side: 'short',
        contracts: '0.2',
        entryPrice: '50000',
        markPrice: '49000',
        takerFeeRate: '0.00075',
      },
    ]);
    const margin = gateAccountMargin(account, NO_TABLES);
    expect(margin.positions[0]?.liquidationPrice).toBeCloseTo(55_000 / 1.00475, 9);
    const price = margin.positions[0]?.liquidationPrice as number;
    const silo = gateSilos(account, NO_TABLES).find((entry) => entry.label === 'cross');
    if (!silo) throw new Error('no cross silo');
    expect(Math.abs(siloSurplus(silo, [price]))).toBeLessThan(1e-9);
  });

  it('refuses what its rules do not compute, by name: BTC-settled perpetuals and delivery futures', () => {
    for (const symbol of ['BTC/USD:BTC', 'BTC/USDT:USDT-261225']) {
      const problems = (() => {
        try {
          gateAccount('1000', [
            { symbol, side: 'long', contracts: '1', entryPrice: '50000', markPrice: '50000' },
          ]);
        } catch (error) {
          return (error as PortfolioError).problems.join('\n');
        }
        return '';
      })();
      expect(problems).toMatch(/not supported on gate yet/);
    }
  });

  it('refuses a portfolio-margin account (Gate’s unified margin is not computed)', () => {
    expect(() => gateAccount('1000', [], 'portfolio')).toThrow(PortfolioError);
  });
});
