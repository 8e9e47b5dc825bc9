import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { bybitBtcusdtLongAccount } from '../../../test/golden/example-accounts';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { calculateRiskReport } from './calculate-risk-report';
import { accountVenueComparison, compareWithVenue } from './venue-reported-comparison';

/**
 * A Bybit BTCUSDT cross account whose venue figures are given to compare: wallet 20,000 USDT, long
 * 2 BTC from 92,000 at mark 95,000, so our equity is 26,000 USDT and our MM 950 USDT (tier 1 of the
 * embedded risk limits, 0.5%), a margin ratio of 950 / 26,000.
 */
const FILE = {
  version: 1,
  asOf: '2026-11-24T12:00:00Z',
  accounts: [
    bybitBtcusdtLongAccount({ marginRatio: '0.04', maintenanceMargin: '1000', equity: '25990.5' }),
    {
      id: 'no-figures',
      venue: 'bybit',
      marginMode: 'cross',
      balances: [{ asset: 'USDT', total: '1000' }],
      positions: [],
    },
  ],
  model: { scenarios: 1000, liquidationPaths: 200 },
};

describe('account venue-reported figures in the risk report', () => {
  it('shows ours, the venue and ours − venue for each given figure', () => {
    const report = calculateRiskReport(parsePortfolio(FILE));
    const reported = report.accounts[0]?.venueReported;
    expect(reported?.maintenanceMargin).toEqual({ ours: 950, venue: 1000, difference: -50 });
    expect(reported?.equity?.ours).toBe(26_000);
    expect(reported?.equity?.venue).toBe(25_990.5);
    expect(reported?.equity?.difference).toBeCloseTo(9.5, 9);
    expect(reported?.marginRatio?.ours).toBeCloseTo(950 / 26_000, 15);
    expect(reported?.marginRatio?.difference).toBeCloseTo(950 / 26_000 - 0.04, 15);
    expect(report.accounts[1]).not.toHaveProperty('venueReported');
  });

  it('gives only the figures the venue reported, and no ratio of ours when our equity is ≤ 0', () => {
    const margin = {
      accountId: 'a',
      venue: 'bybit',
      settle: 'USDT',
      walletBalance: -5,
      equity: -5,
      initialMargin: null,
      maintenanceMargin: 10,
      marginRatio: Number.POSITIVE_INFINITY,
      positions: [],
    };
    expect(accountVenueComparison(margin, { marginRatio: new Decimal('1.2') })).toEqual({
      venueReported: { marginRatio: { ours: null, venue: 1.2, difference: null } },
    });
    expect(accountVenueComparison(margin, undefined)).toEqual({});
    expect(compareWithVenue(3, null)).toEqual({ ours: 3, venue: null, difference: null });
  });
});
