import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { PortfolioError } from '../portfolio/portfolio-error';
import { Side } from '../product/types';
import { siloSurplus } from '../risk/margin-silo';
import { gateAccountMargin, gateLiquidationPrice, gateSilos } from './gate';
import { GATE_TIER_TABLES } from './gate-tier-tables';
import type { TierTable } from './tier-table';
import { buildTiers, tieredMaintenanceMargin } from './tiers';
import type { MarginContext } from './venue-context';

const AS_OF = '2026-12-07T00:00:00Z';

/** No tier tables from a file: the position's own tier, else a refusal (nothing is embedded). */
const NO_TABLES: MarginContext = { asOf: AS_OF, underlyingPrice: () => undefined };

/**
 * A table of the shape Gate publishes, for the formula tests: the illustrative rows of Gate's help
 * centre "Risk Limit Explanation" (https://www.gate.com/help/futures/futures-logic/22162, updated
 * 2025-09-30) — risk limit (cap, USDT), tiered MMR, max leverage. An illustration, not BTC_USDT's
 * table (gate-tier-tables.ts): only the rule is checked against it.
 */
const ILLUSTRATIVE: TierTable = {
  venue: 'gate',
  symbol: 'BTC/USDT:USDT',
  source: 'Gate help centre 22162 (illustrative rows)',
  asOf: '2025-09-30',
  basis: GATE_TIER_TABLES.basis,
  complete: false,
  tiers: buildTiers(
    (
      [
        ['20000', '0.004', 125],
        ['50000', '0.0045', 111],
        ['100000', '0.005', 100],
        ['200000', '0.007', 75],
        ['1000000', '0.01', 50],
        ['2000000', '0.02', 25],
        ['3000000', '0.05', 10],
        ['5000000', '0.5', 1.05],
      ] as const
    ).map(([cap, rate, maxLeverage], index, rows) => ({
      floor: index === 0 ? '0' : (rows[index - 1]?.[0] ?? '0'),
      cap,
      maintenanceMarginRate: rate,
      maxLeverage,
    })),
    'gate illustrative',
    GATE_TIER_TABLES.form,
  ),
};
const TIERS = ILLUSTRATIVE.tiers;

/** The illustrative table as the file's table for every Gate symbol. */
const WITH_TABLE: MarginContext = { ...NO_TABLES, tierTable: () => ILLUSTRATIVE };

/** A parsed Gate account with a USDT wallet and the given positions. */
function gateAccount(wallet: string, positions: Record<string, unknown>[], marginMode = 'cross') {
  const account = parsePortfolio({
    version: 1,
    asOf: AS_OF,
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

describe('Gate gradient maintenance margin: Gate’s published BTCUSDT example (announcement of 2025-07-29)', () => {
  // "Taking the BTCUSDT market as an example, for a Position valued at 1.2 million USDT, the
  // maintenance Margin requirement under the new mechanism drops from 6000 USDT to 4900 USDT"
  // (Gate's announcement of 2025-07-29, as Gate News reported it the same day). The example
  // gives no ladder; the tier in force it states is the one whose rate, charged on the whole
  // value before the upgrade, gave 6,000 — 6,000 / 1,200,000 = 0.5% — and the gradient takes
  // the deduction 6,000 − 4,900 = 1,100 off it.
  const position = (maintenanceAmount: string) => ({
    symbol: 'BTC/USDT:USDT',
    side: 'long',
    contracts: '12',
    entryPrice: '100000',
    markPrice: '100000',
    maintenanceMarginRate: '0.005',
    maintenanceAmount,
  });

  it('gives 4,900 USDT on a 1,200,000 USDT position with the tier in force (0.5%, deduction 1,100)', () => {
    const margin = gateAccountMargin(gateAccount('100000', [position('1100')]), NO_TABLES);
    expect(margin.positions[0]?.maintenanceMargin).toBeCloseTo(4900, 9);
  });

  it('gives the fixed-rate 6,000 USDT Gate compared it with when the tier charges no deduction', () => {
    const margin = gateAccountMargin(gateAccount('100000', [position('0')]), NO_TABLES);
    expect(margin.positions[0]?.maintenanceMargin).toBeCloseTo(6000, 9);
  });

  it('is not what the help centre’s illustrative table gives (13,165): that table is not BTC_USDT’s', () => {
    expect(tieredMaintenanceMargin(TIERS, new Decimal(1_200_000)).toNumber()).toBe(13_165);
  });
});

describe('Gate gradient maintenance margin (consistency: the slice rule on the illustrative rows)', () => {
  it('charges each tier’s rate on its slice only: 150,000 USDT → 80 + 135 + 250 + 350 = 815', () => {
    // "the MMR of the lowest tier, applying the next tier's MMR only to the portion exceeding the
    // previous limit": 20,000 × 0.40% + 30,000 × 0.45% + 50,000 × 0.50% + 50,000 × 0.70%.
    expect(tieredMaintenanceMargin(TIERS, new Decimal(150_000)).toNumber()).toBe(815);
  });

  it('has the deductions of the slice rule (Gate’s `deduction` field): 0, 10, 35, 235, 835, 10,835, 70,835, 1,420,835', () => {
    expect(TIERS.map((tier) => tier.maintenanceAmount.toNumber())).toEqual([
      0, 10, 35, 235, 835, 10_835, 70_835, 1_420_835,
    ]);
  });

  it('is refused without a table or a tier in force, naming what to add (nothing is embedded)', () => {
    const account = gateAccount('10000', [
      {
        symbol: 'BTC/USDT:USDT',
        side: 'long',
        contracts: '1',
        entryPrice: '90000',
        markPrice: '90000',
      },
    ]);
    expect(() => gateAccountMargin(account, NO_TABLES)).toThrow(
      /no embedded Gate tier table for BTC_USDT and no tierTables entry for gate BTC\/USDT:USDT; add .*risk_limit_tiers/,
    );
  });

  it('refuses a position above the last row of a partial table, naming what to add', () => {
    const account = gateAccount('10000000', [
      {
        symbol: 'BTC/USDT:USDT',
        side: 'long',
        contracts: '60',
        entryPrice: '90000',
        markPrice: '90000',
      },
    ]);
    expect(() => gateAccountMargin(account, WITH_TABLE)).toThrow(/above the last row \(5000000\)/);
  });
});

describe('Gate liquidation price (consistency: help centre 22160’s formula on the illustrative rows)', () => {
  it('is the formula in tier 1: long 0.2 BTC at 50,000, margin 1,000, MMR 0.4%, taker 0.075% → 45,000 / 0.99525', () => {
    // (entry − margin / multiplier / size) / [1 − (MMR + taker)]: 2,000 contracts × 0.0001 BTC.
    const price = gateLiquidationPrice(
      Side.long,
      new Decimal('0.2'),
      new Decimal(50_000),
      new Decimal(1000),
      TIERS,
      new Decimal('0.00075'),
    );
    expect(price?.toNumber()).toBeCloseTo(45_000 / 0.99525, 9);
  });

  it('is the formula for a short: short 0.2 BTC at 50,000, margin 1,000 → 55,000 / 1.00475', () => {
    const price = gateLiquidationPrice(
      Side.short,
      new Decimal('0.2'),
      new Decimal(50_000),
      new Decimal(1000),
      TIERS,
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
          const tiers = TIERS;
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

describe('Gate accounts (consistency: the engine against its own formula)', () => {
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
    const position = gateAccountMargin(isolatedLong('0.00075'), WITH_TABLE).positions[0];
    expect(position?.liquidationPrice).toBeCloseTo(45_000 / 0.99525, 9);
    expect(position?.maintenanceMargin).toBeCloseTo(0.2 * 51_000 * 0.004, 9);
  });

  it('liquidates the isolated silo of path simulation at the same price', () => {
    const account = isolatedLong('0.00075');
    const price = gateAccountMargin(account, WITH_TABLE).positions[0]?.liquidationPrice as number;
    const silo = gateSilos(account, WITH_TABLE).find((entry) => entry.label.includes('isolated'));
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
    const margin = gateAccountMargin(account, WITH_TABLE);
    expect(margin.positions[0]?.liquidationPrice).toBeCloseTo(55_000 / 1.00475, 9);
    const price = margin.positions[0]?.liquidationPrice as number;
    const silo = gateSilos(account, WITH_TABLE).find((entry) => entry.label === 'cross');
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

  it('refuses a symbol held long and short in cross (dual mode): Gate takes the higher-value leg’s MMR', () => {
    const leg = (side: string) => ({
      symbol: 'BTC/USDT:USDT',
      side,
      positionSide: side,
      contracts: side === 'long' ? '0.3' : '0.1',
      entryPrice: '90000',
      markPrice: '90000',
    });
    const account = parsePortfolio({
      version: 1,
      asOf: AS_OF,
      accounts: [
        {
          id: 'gate-main',
          venue: 'gate',
          marginMode: 'cross',
          positionMode: 'hedge',
          balances: [{ asset: 'USDT', total: '10000' }],
          positions: [leg('long'), leg('short')],
        },
      ],
    }).accounts[0];
    if (!account) throw new Error('no account');
    const words = /held long and short in cross margin; .*higher-value leg/;
    expect(() => gateAccountMargin(account, WITH_TABLE)).toThrow(words);
    expect(() => gateSilos(account, WITH_TABLE)).toThrow(words);
  });

  it('refuses a portfolio-margin account (Gate’s unified margin is not computed)', () => {
    expect(() => gateAccount('1000', [], 'portfolio')).toThrow(PortfolioError);
  });
});
