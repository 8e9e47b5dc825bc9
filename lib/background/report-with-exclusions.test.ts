import { describe, expect, it } from 'vitest';
import { DEMO_PORTFOLIO, parsePortfolio, PortfolioError } from '../engine';
import { reportWithExclusions } from './report-with-exclusions';

// A Hyperliquid account holding a coin the embedded market has no volatility for.
const unknownCoin = {
  id: 'hl-zzz',
  venue: 'hyperliquid',
  marginMode: 'cross',
  positionMode: 'oneway',
  balances: [{ asset: 'USDC', total: '1000' }],
  positions: [
    {
      symbol: 'ZZZ/USDC:USDC',
      side: 'long',
      contracts: '100',
      entryPrice: '2',
      markPrice: '2.1',
      maxLeverage: 10,
    },
  ],
};

describe('reportWithExclusions', () => {
  it('leaves out, by name and reason, the one account the engine cannot compute', () => {
    const portfolio = parsePortfolio({
      ...DEMO_PORTFOLIO,
      accounts: [...DEMO_PORTFOLIO.accounts, unknownCoin],
    });
    const { report, excluded } = reportWithExclusions(portfolio, undefined);
    expect(report.accounts.map((a) => a.id)).toEqual(['binance-main', 'binance-hedge']);
    expect(excluded).toEqual([
      {
        accountId: 'hl-zzz',
        venue: 'hyperliquid',
        reason: expect.stringContaining('market annualVols ZZZ: no volatility for ZZZ'),
      },
    ]);
    // The rest is the report those accounts have on their own.
    const alone = reportWithExclusions(parsePortfolio(DEMO_PORTFOLIO), undefined);
    expect(report.portfolio.es).toBe(alone.report.portfolio.es);
    expect(alone.excluded).toEqual([]);
  });

  it('keeps an account that computes only beside the others (its coin priced by their marks)', () => {
    // ETH collateral alone has no USD price without live data; the demo's ETH position gives it.
    const ethCollateral = {
      id: 'coinm-eth',
      venue: 'binancecoinm',
      marginMode: 'cross',
      positionMode: 'oneway',
      balances: [{ asset: 'ETH', total: '2' }],
      positions: [],
    };
    const alone = parsePortfolio({ ...DEMO_PORTFOLIO, accounts: [ethCollateral] });
    expect(() => reportWithExclusions(alone, undefined)).toThrow(PortfolioError);
    const portfolio = parsePortfolio({
      ...DEMO_PORTFOLIO,
      accounts: [...DEMO_PORTFOLIO.accounts, ethCollateral, unknownCoin],
    });
    const { report, excluded } = reportWithExclusions(portfolio, undefined);
    expect(report.accounts.map((a) => a.id)).toEqual([
      'binance-main',
      'binance-hedge',
      'coinm-eth',
    ]);
    expect(excluded.map((entry) => entry.accountId)).toEqual(['hl-zzz']);
  });

  it('refuses as before when no account is computable on its own', () => {
    const portfolio = parsePortfolio({ ...DEMO_PORTFOLIO, accounts: [unknownCoin] });
    expect(() => reportWithExclusions(portfolio, undefined)).toThrow(PortfolioError);
  });
});
