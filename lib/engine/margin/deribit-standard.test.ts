import { describe, expect, it } from 'vitest';
import { deribitBtcAccount } from '../../../test/golden/example-accounts';
import { calculateRiskReport } from '../measure/calculate-risk-report';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import {
  deribitAccountMargin,
  deribitFutureRates,
  deribitShortOptionMargin,
  deribitSilos,
} from './deribit-standard';

describe('Deribit futures margin (legacy futures page, methodology §4.5 D6)', () => {
  it.each([
    [25, 0.02125, 0.53125],
    [350, 0.0375, 13.125],
  ])('%d BTC → IM %d (%d BTC)', (size, rate, margin) => {
    const rates = deribitFutureRates('BTC', size);
    expect(rates.initial).toBeCloseTo(rate, 12);
    expect(size * rates.initial).toBeCloseTo(margin, 10);
    expect(rates.maintenance).toBeCloseTo(rate - 0.005, 12);
  });
});

describe('Deribit short option margin (methodology §4.5 D7, derived from §4.3; S = 100,000)', () => {
  it.each([
    ['call', 110_000, 0.02, 0.12, 0.095],
    ['call', 95_000, 0.08, 0.23, 0.155],
    ['put', 90_000, 0.015, 0.115, 0.09],
    ['put', 105_000, 0.07, 0.22, 0.145],
  ] as const)(
    'short %s K=%d, mark %d → IM %d, MM %d',
    (type, strike, mark, initial, maintenance) => {
      const margin = deribitShortOptionMargin(type, strike, 100_000, mark);
      expect(margin.initial).toBeCloseTo(initial, 12);
      expect(margin.maintenance).toBeCloseTo(maintenance, 12);
    },
  );
});

const book = {
  version: 1,
  asOf: '2026-11-24T08:00:00Z',
  accounts: [
    deribitBtcAccount([
      {
        symbol: 'BTC/USD:BTC-261225-85000-P',
        side: 'long',
        contracts: '1',
        contractSize: '1',
        entryPrice: '0.01',
        markPrice: '0.009',
        markIv: 0.6,
      },
    ]),
  ],
  market: { prices: { BTC: '100000' } },
};

describe('Deribit standard-margin account', () => {
  const portfolio = parsePortfolio(book);
  const account = portfolio.accounts[0];
  const context = {
    asOf: portfolio.asOf,
    underlyingPrice: (asset: string) => (asset === 'BTC' ? 100_000 : undefined),
  };

  it('prices equity and margin in coin, and finds where equity meets maintenance margin', () => {
    if (!account) throw new Error('no account');
    const margin = deribitAccountMargin(account, context);
    expect(margin.settle).toBe('BTC');
    expect(margin.maintenanceMargin).toBeGreaterThan(0);
    const price = margin.positions[0]?.liquidationPrice ?? 0;
    const silo = deribitSilos(account, context)[0];
    expect(Math.abs(silo?.nonlinear?.surplus([price]) ?? 1)).toBeLessThan(1e-9);
    expect(silo?.nonlinear?.surplus([100_000])).toBeGreaterThan(0);
  });

  it('refuses Deribit portfolio margin for a book with options, by name', () => {
    if (!account) throw new Error('no account');
    expect(() => deribitAccountMargin({ ...account, marginMode: 'portfolio' }, context)).toThrow(
      'Deribit portfolio margin with options is not supported yet',
    );
  });

  it('carries options and the coin balance into the portfolio ES, with contributions that sum to it', () => {
    const report = calculateRiskReport(portfolio);
    const symbols = report.portfolio.contributions.map((item) => item.symbol);
    expect(symbols).toEqual([
      'BTC/USD:BTC',
      'BTC/USD:BTC-261225-120000-C',
      'BTC/USD:BTC-261225-85000-P',
      'BTC balance',
    ]);
    const sum = report.portfolio.contributions.reduce((total, item) => total + item.es, 0);
    expect(Math.abs(sum - report.portfolio.es)).toBeLessThan(1e-9 * report.portfolio.es);
    expect(report.accounts[0]?.liquidation.probability?.value).toBeGreaterThanOrEqual(0);
    expect(report.inputs.settlementPricesUsd.BTC).toEqual({ value: 100_000, origin: 'file' });
    expect(report.inputs.optionVols['BTC/USD:BTC-261225-120000-C']).toEqual({
      value: 0.55,
      origin: 'file',
    });
    // No future of that expiry and no live quote: the index, and the report says so.
    expect(report.inputs.forwards['BTC/USD:BTC-261225-85000-P']).toMatchObject({
      value: 100_000,
      origin: 'file',
    });
    expect(report.inputs.forwards['BTC/USD:BTC-261225-85000-P']?.source).toMatch(
      /^the index \(no forward of this expiry/,
    );
  });

  it('requires a mark IV for options', () => {
    const withoutIv = JSON.parse(JSON.stringify(book)) as typeof book;
    delete (withoutIv.accounts[0]?.positions[1] as { markIv?: number }).markIv;
    expect(() => parsePortfolio(withoutIv)).toThrow(
      'markIv: an option needs its mark implied volatility',
    );
  });
});

describe('Deribit portfolio-margin account (D2 through the portfolio file)', () => {
  it('gives the published maintenance margin for the captured ETH perpetual short', () => {
    // −0.999487053 ETH (the API's size in currency) at mark 1,949.49: a USD notional of
    // 0.999487053 × 1,949.49 in $1 contracts.
    const notional = 0.999487053 * 1949.49;
    const portfolio = parsePortfolio({
      version: 1,
      asOf: '2026-02-15T00:00:00Z',
      accounts: [
        {
          id: 'deribit-eth-pm',
          venue: 'deribit',
          marginMode: 'portfolio',
          balances: [{ asset: 'ETH', total: '1' }],
          positions: [
            {
              symbol: 'ETH/USD:ETH',
              side: 'short',
              contracts: notional.toFixed(9),
              contractSize: '1',
              entryPrice: '1949.49',
              markPrice: '1949.49',
            },
          ],
        },
      ],
      market: { prices: { ETH: '1949.34' } },
    });
    const account = portfolio.accounts[0];
    if (!account) throw new Error('no account');
    const margin = deribitAccountMargin(account, {
      asOf: portfolio.asOf,
      underlyingPrice: () => 1949.34,
    });
    expect(Math.abs(margin.maintenanceMargin - 0.125969249812)).toBeLessThan(1e-9);
    expect(margin.positions[0]?.tierSource).toContain('portfolio margin');
  });
});

describe('Deribit futures with a basis to the index', () => {
  it('values a future at its own mark and states its liquidation price on that mark', () => {
    const portfolio = parsePortfolio({
      version: 1,
      asOf: '2026-11-24T08:00:00Z',
      accounts: [
        {
          id: 'q',
          venue: 'deribit',
          marginMode: 'cross',
          balances: [{ asset: 'BTC', total: '0.05' }],
          positions: [
            {
              symbol: 'BTC/USD:BTC-261225',
              side: 'long',
              contracts: '1000',
              contractSize: '10',
              entryPrice: '95000',
              markPrice: '103000',
            },
          ],
        },
      ],
      market: { prices: { BTC: '100000' } },
    });
    const account = portfolio.accounts[0];
    if (!account) throw new Error('no account');
    const context = { asOf: portfolio.asOf, underlyingPrice: () => 100_000 };
    const margin = deribitAccountMargin(account, context);
    const position = margin.positions[0];
    const size = 10_000 / 103_000;
    expect(position?.unrealizedPnl).toBeCloseTo(10_000 * (1 / 95_000 - 1 / 103_000), 12);
    expect(position?.maintenanceMargin).toBeCloseTo(size * (0.015 + size * 0.00005), 12);
    expect(position?.referencePrice).toBe(103_000);
    // The silo works on the index: the mark-scale liquidation price ÷ 1.03 is where its surplus is 0,
    // to the solver's precision (price to 1e-10 relative × a surplus slope of N/P² ≈ 1e-6 BTC/USD).
    const silo = deribitSilos(account, context)[0];
    expect(
      Math.abs(silo?.nonlinear?.surplus([(position?.liquidationPrice ?? 0) / 1.03]) ?? 1),
    ).toBeLessThan(1e-10);
  });
});
