import { describe, expect, it } from 'vitest';
import { parsePortfolio } from './parse-portfolio';
import { PortfolioError } from './portfolio-error';

function fileWith(collateralTables: unknown) {
  return { version: 1, asOf: '2026-11-24T00:00:00Z', accounts: [], collateralTables };
}

function problemsOf(raw: unknown): readonly string[] {
  try {
    parsePortfolio(raw);
  } catch (error) {
    if (error instanceof PortfolioError) return error.problems;
    throw error;
  }
  return [];
}

/** Binance's BTC collateral tiers of the Cross Margin haircuts FAQ (B9), first rows. */
const BTC_TABLE = {
  venue: 'binanceusdm',
  asset: 'BTC',
  source: 'Binance Cross Margin collateral haircuts FAQ, Example 1',
  asOf: '2026-11-24',
  tiers: [
    { floor: '0', cap: '100000000', collateralRate: '1' },
    { floor: '100000000', cap: '120000000', collateralRate: '0.975' },
    { floor: '120000000', cap: null, collateralRate: '0.95' },
  ],
};

describe('parsePortfolio collateralTables', () => {
  it('reads a venue table into tiers by USD value', () => {
    const portfolio = parsePortfolio(fileWith([BTC_TABLE]));
    expect(portfolio.collateralTables?.[0]?.tiers).toEqual([
      { capUsd: 100_000_000, rate: 1 },
      { capUsd: 120_000_000, rate: 0.975 },
      { capUsd: Number.POSITIVE_INFINITY, rate: 0.95 },
    ]);
    expect(parsePortfolio(fileWith(undefined)).collateralTables).toBeUndefined();
  });

  it('names the table, the row and the field of every problem', () => {
    const broken = {
      ...BTC_TABLE,
      tiers: [
        { floor: '10', cap: '100000000', collateralRate: '1.2' },
        { floor: '100000000', cap: '90000000', collateralRate: '0.975' },
        { floor: '90000000', cap: '95000000', collateralRate: '0.95', rate: '1' },
      ],
    };
    expect(problemsOf(fileWith([broken]))).toEqual([
      'collateralTables[0] "BTC" tiers[2] rate: is not a collateral tier field; use floor, cap and collateralRate',
      'collateralTables[0] "BTC" tiers[0] floor: 10 does not continue the previous cap (0)',
      'collateralTables[0] "BTC" tiers[0] collateralRate: is a fraction in [0, 1] (0.95 for 95%), got 1.2',
      'collateralTables[0] "BTC" tiers[1] cap: 90000000 is not above the floor 100000000',
      'collateralTables[0] "BTC" tiers[2] cap: the last tier must have no bound (null), so that every value has a rate',
    ]);
  });

  it('refuses a venue whose rules take no collateral rates, and a second table for one asset', () => {
    expect(problemsOf(fileWith([{ ...BTC_TABLE, venue: 'gate' }]))).toEqual([
      'collateralTables[0] "BTC" venue: gate margin takes no collateral rates (only Binance portfolio margin, Bybit\'s unified account and OKX\'s multi-currency margin do); remove the table',
    ]);
    expect(problemsOf(fileWith([BTC_TABLE, BTC_TABLE]))).toEqual([
      'collateralTables[1] "BTC": is the second table for binanceusdm BTC; give one table per venue and asset',
    ]);
    expect(problemsOf(fileWith([{ ...BTC_TABLE, tiers: [] }]))).toEqual([
      'collateralTables[0] "BTC" tiers: must hold at least one tier',
    ]);
  });
});
