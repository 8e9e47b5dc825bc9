import { describe, expect, it } from 'vitest';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { black76Price } from '../pricer/black76';
import { timeToExpiry } from '../product/expiry';
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

/** A long BTC call (2 contracts of 1 BTC, Deribit's), with the venue's forward when given. */
const call = (forwardPrice?: string) => ({
  symbol: 'BTC/USD:BTC-261225-120000-C',
  side: 'long',
  contracts: '2',
  contractSize: '1',
  entryPrice: '0.02',
  markPrice: '0.018',
  markIv: 0.55,
  ...(forwardPrice !== undefined && { forwardPrice }),
});
const account = (id: string, forwardPrice?: string) => ({
  id,
  venue: 'deribit',
  marginMode: 'cross',
  balances: [{ asset: 'BTC', total: '1' }],
  positions: [call(forwardPrice)],
});
const book = (accounts: readonly object[]) =>
  parsePortfolio({
    version: 1,
    asOf: '2026-11-24T12:00:00Z',
    accounts,
    market: { prices: { BTC: '100000' } },
  });

/**
 * Options on two venues under one ccxt symbol (OKX's and Deribit's BTC/USD:BTC-… are the same),
 * each on the forward its own venue quotes; a coin-margined option's count scaled by index /
 * forward (its USD value is Black-76(F) · S / F).
 */
describe('portfolioExposures: options on their own forward', () => {
  it('gives each holder of the same symbol its own forward, whatever the accounts’ order', () => {
    for (const order of [
      [account('first', '103000'), account('second', '101000')],
      [account('second', '101000'), account('first', '103000')],
    ]) {
      const inputs = resolveInputs(book(order));
      const forwardOf = (id: string) =>
        inputs.exposures.exposures.find(
          (exposure, index) =>
            exposure.kind === 'option' && inputs.exposures.owners[index]?.account === id,
        );
      expect(forwardOf('first')).toMatchObject({ forward: 103_000 });
      expect(forwardOf('second')).toMatchObject({ forward: 101_000 });
    }
    // The report names both: the second under its account.
    const report = calculateRiskReport(
      book([account('first', '103000'), account('second', '101000')]),
    );
    expect(report.inputs.forwards['BTC/USD:BTC-261225-120000-C']?.value).toBe(103_000);
    expect(report.inputs.forwards['BTC/USD:BTC-261225-120000-C (second)']?.value).toBe(101_000);
  });

  it('counts a coin-margined option at index / forward of its size, a USDT-settled one at its size', () => {
    const coin = resolveInputs(book([account('coin', '104000')])).exposures.exposures.find(
      (exposure) => exposure.kind === 'option',
    );
    expect(coin?.kind === 'option' && coin.quantity).toBeCloseTo((2 * 100_000) / 104_000, 12);
    const usdc = resolveInputs(
      book([
        {
          id: 'linear',
          venue: 'bybit',
          marginMode: 'cross',
          balances: [{ asset: 'USDT', total: '10000' }],
          positions: [
            {
              ...call('104000'),
              symbol: 'BTC/USDT:USDT-261225-120000-C',
              entryPrice: '2000',
              markPrice: '1800',
            },
          ],
        },
      ]),
    ).exposures.exposures.find((exposure) => exposure.kind === 'option');
    expect(usdc?.kind === 'option' && usdc.quantity).toBe(2);
  });
});

describe('a coin-margined option’s P&L by move (closed form)', () => {
  const asOf = '2026-11-24T12:00:00Z';
  const years = timeToExpiry(Date.parse('2026-12-25T08:00:00Z'), Date.parse(asOf));
  const value = (forward: number) =>
    black76Price({
      type: 'call',
      forward,
      strike: 120_000,
      timeToExpiry: years,
      lognormalVol: 0.55,
    });

  it.each([undefined, '104000'])(
    'is n·(V(F′)/F′·S′ − V(F₀)/F₀·S₀) plus the coin balance, forward %s',
    (forwardPrice) => {
      const report = calculateRiskReport(book([account('deribit', forwardPrice)]));
      const byMove = report.portfolio.pnlByMove;
      // The chart's moves are of the index, whatever the option's forward.
      expect(byMove?.price).toBe(100_000);
      const forward = Number(forwardPrice ?? 100_000);
      for (const move of [-0.2, 0.1, 0.3]) {
        const index = byMove?.moves.indexOf(move) ?? -1;
        const [spot, shifted] = [100_000 * (1 + move), forward * (1 + move)];
        const closedForm =
          2 * ((value(shifted) / shifted) * spot - (value(forward) / forward) * 100_000) +
          100_000 * move;
        expect(byMove?.pnl[index]).toBeCloseTo(closedForm, 4);
      }
    },
  );
});
