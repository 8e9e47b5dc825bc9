import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import golden from '../../../test/golden/binance-portfolio-margin.json';
import { calculateRiskReport } from '../measure/calculate-risk-report';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { PortfolioError } from '../portfolio/portfolio-error';
import { BINANCE_PM_LIQUIDATION_UNIMMR } from './binance-portfolio-margin-account';
import { binanceUniMmr, tieredCollateralValue } from './binance-portfolio-margin';
import { binanceUsdmAccountMargin, binanceUsdmSilos } from './binance-usdm';
import { collateralTiers } from './collateral-table';
import { marginContextOf } from './venue-context';

const AS_OF = '2026-11-24T00:00:00Z';

function collateralTable(asset: string, rate: string) {
  return {
    venue: 'binanceusdm',
    asset,
    source: 'test table (a flat rate)',
    asOf: '2026-11-24',
    tiers: [{ floor: '0', cap: null, collateralRate: rate }],
  };
}

/** A portfolio file with one PM account: USDT wallet, long positions with their tier in force. */
function pmFile(
  wallet: string,
  positions: readonly Record<string, unknown>[],
  extra: Record<string, unknown> = {},
) {
  return {
    version: 1,
    asOf: AS_OF,
    accounts: [
      {
        id: 'binance-pm',
        venue: 'binanceusdm',
        marginMode: 'portfolio',
        balances: [{ asset: 'USDT', total: wallet }],
        positions: positions.map((position) => ({ side: 'long', ...position })),
      },
    ],
    collateralTables: [collateralTable('USDT', '1')],
    ...extra,
  };
}

function pmAccount(file: Record<string, unknown>) {
  const portfolio = parsePortfolio(file);
  const account = portfolio.accounts[0];
  if (!account) throw new Error('no account');
  return { account, context: marginContextOf(portfolio) };
}

describe('Binance tiered collateral (golden B9)', () => {
  it.each(golden.tieredCollateral)('$id $label', (vector) => {
    expect(tieredCollateralValue(vector.valueUsd, collateralTiers(vector.tiers))).toBeCloseTo(
      vector.collateralValue,
      6,
    );
  });
});

describe('Binance Portfolio Margin UM account (uniMMR; golden B3-PM, derived)', () => {
  const [vector] = golden.accounts;
  if (!vector) throw new Error('no account vector');
  const file = pmFile(vector.walletBalance, vector.positions, {
    collateralTables: [collateralTable('USDT', vector.usdtCollateralRate)],
  });

  it('adjusted equity, MM, uniMMR and the margin ratio 1/uniMMR', () => {
    const { account, context } = pmAccount(file);
    const margin = binanceUsdmAccountMargin(account, context);
    expect(margin.equity).toBeCloseTo(vector.equity, 4);
    expect(margin.maintenanceMargin).toBeCloseTo(vector.maintenanceMargin, 4);
    expect(1 / margin.marginRatio).toBeCloseTo(vector.uniMmr, 9);
    expect(margin.settle).toBe('USDT');
  });

  it('liquidation prices where uniMMR reaches the published 1.05', () => {
    expect(BINANCE_PM_LIQUIDATION_UNIMMR).toBe(golden.liquidationThreshold.uniMmr);
    const { account, context } = pmAccount(file);
    const margin = binanceUsdmAccountMargin(account, context);
    for (const position of margin.positions) {
      const expected =
        vector.liquidationPrices[position.symbol as keyof typeof vector.liquidationPrices];
      expect(Math.abs((position.liquidationPrice ?? 0) / expected - 1)).toBeLessThan(
        vector.tolerance,
      );
      expect(position.liquidationMethod).toBe('numeric');
    }
  });

  it('is one silo whose surplus is adjusted equity − 1.05·MM, zero at each liquidation price', () => {
    const { account, context } = pmAccount(file);
    const [silo] = binanceUsdmSilos(account, context);
    const margin = binanceUsdmAccountMargin(account, context);
    expect(silo?.nonlinear?.assets).toEqual(['BTC', 'ETH']);
    expect(silo?.nonlinear?.surplus([31_967.27, 1_335.18])).toBeCloseTo(
      margin.equity - 1.05 * margin.maintenanceMargin,
      4,
    );
    const btc = margin.positions[0]?.liquidationPrice ?? 0;
    const eth = margin.positions[1]?.liquidationPrice ?? 0;
    // At the BTC level uniMMR is 1.05 by an independent evaluation of the FAQ formula.
    const atBtc = binanceUniMmr([
      {
        asset: 'USDT',
        marginAsset: 0,
        marginLoan: 0,
        futuresAsset: 1_535_443.01,
        futuresUnrealizedPnl: 109.488 * (btc - 32_481.98) + 3_683.979 * (1_335.18 - 1_456.84),
        openLoss: 0,
        indexPriceUsd: 1,
        collateral: 1,
        maintenanceMargin: 109.488 * btc * 0.025 - 16_300 + 3_683.979 * 1_335.18 * 0.1 - 135_365,
      },
    ]);
    expect(atBtc.uniMmr).toBeCloseTo(1.05, 9);
    expect(Math.abs(silo?.nonlinear?.surplus([31_967.27, eth]) ?? 1)).toBeLessThan(1e-3);
  });

  it('refuses less than the standard cross account: its liquidation prices lie inside B1/B2’s', () => {
    const { account, context } = pmAccount(file);
    const margin = binanceUsdmAccountMargin(account, context);
    expect(margin.positions[0]?.liquidationPrice).toBeGreaterThan(26_316.89);
    expect(margin.positions[1]?.liquidationPrice).toBeGreaterThan(1_153.26);
  });
});

describe('Binance Portfolio Margin properties', () => {
  const position = (contracts: number) => ({
    symbol: 'BTC/USDT:USDT',
    contracts: String(contracts),
    entryPrice: '95000',
    markPrice: '94000',
    maintenanceMarginRate: '0.005',
    maintenanceAmount: '0',
  });

  it('haircuts only positive balances: uniMMR falls with the USDT collateral rate; the margin ratio is 1/uniMMR', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 1, noNaN: true }),
        fc.double({ min: 2_000, max: 50_000, noNaN: true }),
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        (rate, wallet, contracts) => {
          const { account, context } = pmAccount(
            pmFile(wallet.toFixed(2), [position(Number(contracts.toFixed(3)))], {
              collateralTables: [collateralTable('USDT', rate.toFixed(4))],
            }),
          );
          const margin = binanceUsdmAccountMargin(account, context);
          const value = Number(wallet.toFixed(2)) - 1_000 * Number(contracts.toFixed(3));
          const expected = value > 0 ? value * Number(rate.toFixed(4)) : value;
          expect(margin.equity).toBeCloseTo(expected, 6);
          if (margin.equity > 0)
            expect(margin.marginRatio).toBeCloseTo(margin.maintenanceMargin / margin.equity, 12);
          // A long dies below its mark, where adjusted equity = 1.05·MM.
          const level = margin.positions[0]?.liquidationPrice;
          if (level !== null && level !== undefined && level < 94_000) {
            const [silo] = binanceUsdmSilos(account, context);
            expect(Math.abs(silo?.nonlinear?.surplus([level]) ?? 1)).toBeLessThan(1e-6 * wallet);
          }
        },
      ),
      { seed: 5, numRuns: 100 },
    );
  });

  it('a long’s liquidation price rises with its size (more contracts, less room)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }), (a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        const level = (contracts: number) => {
          const { account, context } = pmAccount(pmFile('200000', [position(contracts / 10)]));
          return binanceUsdmAccountMargin(account, context).positions[0]?.liquidationPrice ?? 0;
        };
        expect(level(large)).toBeGreaterThanOrEqual(level(small) - 1e-6);
      }),
      { seed: 9, numRuns: 40 },
    );
  });
});

describe('Binance Portfolio Margin in the risk report', () => {
  it('reports marginRatio = 1/uniMMR and simulates the account as one silo', () => {
    const report = calculateRiskReport(
      parsePortfolio(
        pmFile('20000', [{ ...btcLeg(), contracts: '2' }], {
          market: { annualVols: { BTC: 0.55 } },
          model: { scenarios: 2000, liquidationPaths: 2000, seed: 3 },
        }),
      ),
    );
    const account = report.accounts[0];
    expect(account?.marginRatio).toBeCloseTo(
      (account?.maintenanceMargin ?? 0) / (account?.equity ?? 1),
      12,
    );
    expect(account?.liquidation.probability?.method).toBe('path-simulation');
  });
});

function btcLeg() {
  return {
    symbol: 'BTC/USDT:USDT',
    entryPrice: '95000',
    markPrice: '94000',
    maintenanceMarginRate: '0.005',
    maintenanceAmount: '0',
  };
}

describe('Binance Portfolio Margin refusals name what to add', () => {
  const problems = (file: Record<string, unknown>) => {
    try {
      const { account, context } = pmAccount(file);
      binanceUsdmAccountMargin(account, context);
    } catch (error) {
      if (error instanceof PortfolioError) return error.problems;
      throw error;
    }
    return [];
  };

  it('an asset without a collateral rate', () => {
    const [problem] = problems(
      pmFile('1000', [{ ...btcLeg(), contracts: '1' }], { collateralTables: [] }),
    );
    expect(problem).toContain(
      'account "binance-pm" balances "USDT": no Binance portfolio-margin collateral rate for USDT; add a collateralTables entry',
    );
  });

  it('coin collateral', () => {
    const file = pmFile('1000', [{ ...btcLeg(), contracts: '1' }]);
    file.accounts[0]?.balances.push({ asset: 'BTC', total: '1' });
    expect(problems(file)[0]).toContain(
      'account "binance-pm" balances "BTC": coin collateral in a Binance portfolio-margin account is not supported yet',
    );
  });

  it('an isolated position', () => {
    expect(
      problems(pmFile('1000', [{ ...btcLeg(), contracts: '1', marginMode: 'isolated' }])),
    ).toEqual([
      'account "binance-pm" position "BTC/USDT:USDT" marginMode: a portfolio-margin account margins every position together; "isolated" positions belong in their own account',
    ]);
  });
});
