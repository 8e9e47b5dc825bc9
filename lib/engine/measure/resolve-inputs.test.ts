import { describe, expect, it } from 'vitest';
import { DEMO_PORTFOLIO } from '../portfolio/demo-portfolio';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { calculateRiskReport } from './calculate-risk-report';
import { resolveInputs } from './resolve-inputs';

const ASOF = '2026-11-24T00:00:00Z';

/** A Hyperliquid cross account holding one HYPE perp (no volatility anywhere for HYPE). */
const hypeAccount = {
  id: 'hl-main',
  venue: 'hyperliquid',
  marginMode: 'cross',
  balances: [{ asset: 'USDC', total: '2000' }],
  positions: [
    {
      symbol: 'HYPE/USDC:USDC',
      side: 'long',
      contracts: '1000',
      entryPrice: '40',
      markPrice: '38',
      maxLeverage: 10,
    },
  ],
};

describe('resolveInputs: refusals remove only what they must', () => {
  it('keeps a lone HYPE account’s venue margin, liquidation price and distance without a volatility', () => {
    const report = calculateRiskReport(
      parsePortfolio({ version: 1, asOf: ASOF, accounts: [hypeAccount] }),
    );
    expect(report.refusals).toEqual([
      {
        account: 'hl-main',
        venue: 'hyperliquid',
        field: 'market.annualVols.HYPE',
        kind: 'missing-volatility',
        removes: 'scenario-measures',
        message: expect.stringContaining('add market.annualVols.HYPE'),
      },
    ]);
    const [account] = report.accounts;
    // Hyperliquid (docs, trading/liquidations): MM rate l = 1/(2·10) = 0.05. Equity at P is
    // 2000 + 1000·(P − 40); liquidated where it equals 0.05·1000·P: P = 38000/950 = 40.
    // At mark 38 equity is 0 < MM 1900: the account is already past liquidation.
    expect(account?.maintenanceMargin).toBeCloseTo(0.05 * 1000 * 38, 9);
    expect(account?.equity).toBeCloseTo(2000 + 1000 * (38 - 40), 9);
    expect(account?.positions[0]?.liquidationPrice).toBeCloseTo(38_000 / 950, 9);
    // Past: signed ≤ 0 in the way the long dies (down), flagged (liquidation-distance.ts).
    expect(account?.liquidation.distancePct).toBeCloseTo(-2 / 38, 9);
    expect(account?.liquidation.direction).toBe('down');
    expect(account?.liquidation.liquidationPassed).toBe(true);
    expect(account?.liquidation.distanceVolUnits).toBeNull();
    expect(account?.liquidation.probability).toBeNull();
    expect(report.portfolio.es).toBe(0);
    expect(report.portfolio.probabilityAnyLiquidation).toBeNull();
  });

  it('leaves only the account without a volatility out of the scenario measures', () => {
    const file = parsePortfolio({
      ...DEMO_PORTFOLIO,
      accounts: [...DEMO_PORTFOLIO.accounts, hypeAccount],
    });
    const alone = calculateRiskReport(parsePortfolio(DEMO_PORTFOLIO));
    const both = calculateRiskReport(file);
    expect(both.accounts.map((account) => account.id)).toEqual([
      ...alone.accounts.map((account) => account.id),
      'hl-main',
    ]);
    // The scenario measures are those of the demo alone, exactly (same seed, same assets).
    expect(both.portfolio.es).toBe(alone.portfolio.es);
    expect(both.portfolio.stress).toEqual(alone.portfolio.stress);
    expect(both.portfolio.contributions).toEqual(alone.portfolio.contributions);
    // USD sums include it (USDC at its peg): equity and venue maintenance margin.
    expect(both.portfolio.equity).toBeCloseTo(alone.portfolio.equity + 0, 6);
    expect(both.portfolio.venueMaintenanceMargin).toBeCloseTo(
      alone.portfolio.venueMaintenanceMargin + 0.05 * 1000 * 38,
      6,
    );
    expect(both.refusals.map((refusal) => refusal.account)).toEqual(['hl-main']);
  });

  it('takes the file’s volatility when it gives one, and then refuses nothing', () => {
    const inputs = resolveInputs(
      parsePortfolio({
        version: 1,
        asOf: ASOF,
        accounts: [hypeAccount],
        market: { annualVols: { HYPE: 1.1 }, correlations: {}, dailyVolumeUsd: { HYPE: 5e8 } },
      }),
    );
    expect(inputs.refusals).toEqual([]);
    expect(inputs.market.assets).toEqual(['HYPE']);
    expect(inputs.market.annualVols).toEqual([1.1]);
    expect(inputs.accounts[0]?.inScenarios).toBe(true);
  });

  it('drops an asset with a missing correlation, not its partners', () => {
    const eth = {
      ...hypeAccount,
      id: 'hl-eth',
      positions: [
        {
          ...hypeAccount.positions[0],
          symbol: 'ETH/USDC:USDC',
          markPrice: '3000',
          entryPrice: '3000',
          contracts: '1',
        },
      ],
    };
    const inputs = resolveInputs(
      parsePortfolio({
        version: 1,
        asOf: ASOF,
        accounts: [hypeAccount, eth],
        market: { annualVols: { HYPE: 1.1 } },
      }),
    );
    expect(inputs.refusals).toEqual([
      expect.objectContaining({
        account: 'hl-main',
        kind: 'missing-correlation',
        field: 'market.correlations.HYPE/ETH',
      }),
    ]);
    // HYPE's account is out of the scenario measures, so its missing daily volume refuses nothing.
    expect(inputs.market.assets).toEqual(['ETH']);
    expect(inputs.accounts.map((entry) => entry.inScenarios)).toEqual([false, true]);
  });

  it('refuses a coin-settled account without a USD price from the scenario measures only', () => {
    const inputs = resolveInputs(
      parsePortfolio({
        version: 1,
        asOf: ASOF,
        accounts: [
          {
            id: 'coin',
            venue: 'binancecoinm',
            marginMode: 'cross',
            balances: [{ asset: 'DOGE', total: '1000' }],
            positions: [],
          },
        ],
      }),
    );
    expect(inputs.accounts[0]?.usdPerSettle).toBeNull();
    expect(inputs.refusals).toEqual([
      expect.objectContaining({
        account: 'coin',
        kind: 'missing-price',
        field: 'market.prices.DOGE',
      }),
    ]);
  });

  it('prices a coin-settled account from another account’s position mark', () => {
    // ETH collateral alone has no USD price without live data; the demo's ETH perp mark gives it.
    const ethCollateral = {
      id: 'coinm-eth',
      venue: 'binancecoinm',
      marginMode: 'cross',
      balances: [{ asset: 'ETH', total: '2' }],
      positions: [],
    };
    const inputs = resolveInputs(
      parsePortfolio({ ...DEMO_PORTFOLIO, accounts: [...DEMO_PORTFOLIO.accounts, ethCollateral] }),
    );
    expect(inputs.refusals).toEqual([]);
    expect(inputs.accounts[2]?.usdPerSettle).toEqual({ value: 2589.82, origin: 'position-mark' });
    expect(inputs.exposures.owners.map((owner) => owner.symbol)).toContain('ETH balance');
  });

  it('names every asset without a volatility, not only the first', () => {
    const two = {
      ...hypeAccount,
      positions: [
        hypeAccount.positions[0],
        { ...hypeAccount.positions[0], symbol: 'ZZZ/USDC:USDC', markPrice: '2', entryPrice: '2' },
      ],
    };
    const inputs = resolveInputs(parsePortfolio({ version: 1, asOf: ASOF, accounts: [two] }));
    expect(inputs.refusals.map((refusal) => refusal.field)).toEqual([
      'market.annualVols.HYPE',
      'market.annualVols.ZZZ',
    ]);
  });
});
