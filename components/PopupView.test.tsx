// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { calculateRiskReport, DEMO_PORTFOLIO, parsePortfolio } from '../lib/engine';
import { describeMarketSource, PopupView } from './PopupView';

const report = calculateRiskReport(parsePortfolio(DEMO_PORTFOLIO));

afterEach(cleanup);

describe('PopupView', () => {
  it('shows equity, ES and one row per account', () => {
    const { container } = render(
      <PopupView
        state={{
          status: 'ready',
          view: { source: 'demo', connections: [], excludedAccounts: [], report },
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
          view: { source: 'demo', connections: [], excludedAccounts: [], report },
        }}
      />,
    );
    expect(
      container
        .querySelector('[data-account="binance-hedge"]')
        ?.classList.contains('account--danger'),
    ).toBe(false);
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
