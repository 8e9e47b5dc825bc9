import { describe, expect, it } from 'vitest';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { calculateRiskReport } from './calculate-risk-report';
import { resolveInputs } from './resolve-inputs';

/**
 * Coin collateral in an account that reports in USD (a Bybit unified account,
 * lib/engine/margin/bybit-unified-account.ts) is a price exposure to its coin: a short BTC
 * perpetual carried by 1 BTC is close to flat, and its ES says so.
 */
const SHORT = {
  symbol: 'BTC/USDT:USDT',
  side: 'short',
  contracts: '1',
  entryPrice: '90000',
  markPrice: '92000',
  leverage: 10,
};
const FLAT = [{ floor: '0', cap: null, collateralRate: '1' }];
const table = (asset: string, collateralRate: string) => ({
  venue: 'bybit',
  asset,
  source: 'test',
  asOf: '2026-11-24',
  tiers: [{ ...FLAT[0], collateralRate }],
});

function fileWith(balances: readonly object[]) {
  return parsePortfolio({
    version: 1,
    asOf: '2026-11-24T12:00:00Z',
    accounts: [{ id: 'uta', venue: 'bybit', marginMode: 'cross', balances, positions: [SHORT] }],
    market: { prices: { BTC: '92000' }, annualVols: { BTC: 0.6 } },
    collateralTables: [table('BTC', '0.95'), table('USDT', '1'), table('USDC', '1')],
    model: { method: 'parametric', confidence: 0.99, horizonHours: 24 },
  });
}

describe('portfolioExposures: coin collateral of an account reporting in USD', () => {
  it('adds the coin balance as a delta-one exposure at its USD price', () => {
    const inputs = resolveInputs(fileWith([{ asset: 'BTC', total: '1' }]));
    expect(inputs.exposures.owners.map((owner) => owner.symbol)).toEqual([
      'BTC/USDT:USDT',
      'BTC balance',
    ]);
    expect(inputs.exposures.exposures[1]).toMatchObject({
      kind: 'delta-one',
      quantity: 1,
      price: 92_000,
      usdPerSettle: 1,
    });
  });

  it('makes a short BTC carried by 1 BTC nearly flat, where the same short on USD is not', () => {
    const hedged = calculateRiskReport(fileWith([{ asset: 'BTC', total: '1' }]));
    const onDollars = calculateRiskReport(
      fileWith([
        { asset: 'USDC', total: '87400' },
        { asset: 'USDT', total: '0' },
      ]),
    );
    // Delta: −1 BTC + 1 BTC = 0 (the perpetual's P&L and the coin's value move together).
    expect(hedged.portfolio.es).toBeLessThan(onDollars.portfolio.es / 50);
    expect(onDollars.portfolio.es).toBeGreaterThan(1000);
  });
});
