import { describe, expect, it } from 'vitest';
import { calculateRiskReport } from './calculate-risk-report';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { DEFAULT_MARKET } from '../market/default-market';
import { DEFAULT_MODEL } from './model-settings';
import { coverageSigmas } from '../risk/day-variance-mixture';

/** A plain 60,000 USD BTC long on Binance USDⓈ-M at 10× (the measured case). */
const price = DEFAULT_MARKET.prices.BTC ?? 0;
const plainLong = {
  version: 1,
  asOf: '2025-02-11T00:00:00Z',
  baseCurrency: 'USD',
  accounts: [
    {
      id: 'binance',
      venue: 'binanceusdm',
      marginMode: 'cross',
      positionMode: 'oneway',
      balances: [{ asset: 'USDT', total: '20000' }],
      positions: [
        {
          symbol: 'BTC/USDT:USDT',
          side: 'long',
          contracts: String(60_000 / price),
          entryPrice: String(price),
          markPrice: String(price),
          leverage: 10,
        },
      ],
    },
  ],
};

describe('true margin', () => {
  const report = calculateRiskReport(parsePortfolio(plainLong));
  const { portfolio } = report;

  it('scans one 99% move of the model: a long loses 60,000·(1 − e^(−q·σ)) at −1 scan range', () => {
    const q = coverageSigmas(DEFAULT_MODEL.distribution, 0.99);
    const horizonSigma = (DEFAULT_MARKET.annualVols.BTC ?? 0) * Math.sqrt(24 / 8760);
    expect(portfolio.stress.marginScan.scanSigmas).toBe(q);
    expect(portfolio.stress.marginScan.loss).toBeCloseTo(
      60_000 * -Math.expm1(-q * horizonSigma),
      6,
    );
    // The scan covers the model's 99% move: the Monte Carlo VaR at 99% agrees within its noise.
    expect(portfolio.stress.marginScan.loss / portfolio.var).toBeGreaterThan(0.95);
    expect(portfolio.stress.marginScan.loss / portfolio.var).toBeLessThan(1.05);
  });

  it('is the ES plus the liquidity add-on here, below the venue’s 10× initial margin; 12 March 2020 stays a stress loss', () => {
    expect(portfolio.trueMargin).toBeCloseTo(portfolio.es + portfolio.liquidityAddOn, 9);
    expect(portfolio.trueMargin).toBeLessThan(portfolio.venueInitialMargin ?? 0);
    expect(portfolio.venueInitialMargin).toBeCloseTo(6_000, 6);
    // The crash of 2020-03-12 (−39% in log terms for BTC) is still reported, on its own.
    expect(portfolio.stress.scenario).toBe('historical 2020-03-12');
    expect(portfolio.stress.worstLoss).toBeGreaterThan(3 * portfolio.trueMargin);
  });
});
