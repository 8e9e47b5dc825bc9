// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { calculateRiskReport, DEMO_PORTFOLIO, parsePortfolio } from '../lib/engine';
import { HYPE_SHORT_ACCOUNT } from '../test/portfolios/hyperliquid-hype-short';
import { describeMarketSource, PopupView } from './PopupView';

const report = calculateRiskReport(parsePortfolio(DEMO_PORTFOLIO));

afterEach(cleanup);

describe('PopupView', () => {
  it('shows equity, ES and one row per account', () => {
    const { container } = render(
      <PopupView
        state={{
          status: 'ready',
          view: { source: 'demo', connections: [], computedAt: '2026-11-24T12:00:00.000Z', report },
        }}
      />,
    );
    expect(screen.getByTestId('portfolio-es').textContent).toBe(
      `${report.portfolio.es.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} USD`,
    );
    expect(container.querySelectorAll('[data-account]')).toHaveLength(2);
    expect(screen.getAllByTestId('margin-ratio').map((node) => node.textContent)).toEqual([
      '1.93%',
      '5.70%',
    ]);
    expect(
      screen.getAllByTestId('liquidation-probability').map((node) => node.textContent),
    ).toEqual(
      report.accounts.map(
        (account) => `${((account.liquidation.probability?.value ?? 0) * 100).toFixed(2)}%`,
      ),
    );
    expect(screen.getByTestId('collateral-moves').textContent).toContain(
      'from binance-main to binance-hedge:BTC/USDT:USDT',
    );
  });

  it('marks an account near liquidation', () => {
    const { container } = render(
      <PopupView
        state={{
          status: 'ready',
          view: { source: 'demo', connections: [], computedAt: '2026-11-24T12:00:00.000Z', report },
        }}
      />,
    );
    expect(
      container
        .querySelector('[data-account="binance-hedge"]')
        ?.classList.contains('account--danger'),
    ).toBe(false);
  });

  it('shows a lone account without a volatility: venue figures, and what is missing named', () => {
    const hype = calculateRiskReport(
      parsePortfolio({
        version: 1,
        asOf: '2025-02-11T00:00:00Z',
        accounts: [HYPE_SHORT_ACCOUNT],
      }),
    );
    render(
      <PopupView
        state={{
          status: 'ready',
          view: {
            source: 'imported',
            connections: [],
            computedAt: '2026-11-24T12:00:00.000Z',
            report: hype,
          },
        }}
        now={Date.parse('2026-11-24T12:03:00.000Z')}
      />,
    );
    // Hyperliquid short, MM rate 0.1: liquidated where 5000 − 100·(P − 30) = 10·P, P = 72.73.
    expect(screen.getByTestId('liquidation-price').textContent).toBe('72.7273');
    expect(screen.getByTestId('liquidation-probability').textContent).toBe(
      'not computed (see above)',
    );
    const missing = screen.getByTestId('excluded-accounts');
    expect(missing.querySelector('[data-removes="scenario-measures"]')?.textContent).toContain(
      'hl-hype',
    );
    expect(missing.textContent).toContain('add market.annualVols.HYPE');
    expect(missing.textContent).toContain('turn live market data on');
    expect(screen.getByTestId('computed-at').textContent).toBe(
      'Figures computed at 12:00 UTC (3 min ago).',
    );
  });

  it('shows loading and error states', () => {
    render(
      <PopupView
        state={{
          status: 'error',
          message: 'The Margin Lens background did not answer; reload the extension.',
        }}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('did not answer');
  });
});

describe('describeMarketSource', () => {
  it('names the live source and time, or the embedded snapshot and why', () => {
    const live = {
      ...report,
      inputs: {
        ...report.inputs,
        liveMarket: {
          status: 'used' as const,
          source: 'Binance USDⓈ-M public API',
          asOf: '2026-11-24T12:34:56.000Z',
        },
      },
    };
    expect(describeMarketSource(live)).toBe(
      `Market: live from Binance USDⓈ-M public API at 12:34 UTC; figures it lacks from the embedded snapshot of ${report.inputs.defaultsAsOf}.`,
    );
    const off = {
      ...report,
      inputs: {
        ...report.inputs,
        liveMarket: { status: 'unavailable' as const, reason: 'live market data is off' },
      },
    };
    expect(describeMarketSource(off)).toBe(
      `Market: embedded snapshot of ${report.inputs.defaultsAsOf} (live market data is off), unless the portfolio file gives figures.`,
    );
  });
});
