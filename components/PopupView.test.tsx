// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { calculateRiskReport, DEFAULT_MARKET, parsePortfolio } from '../lib/engine';
import { formatMoney } from '../lib/format/format-figures';
import { HYPE_SHORT_ACCOUNT } from '../test/portfolios/hyperliquid-hype-short';
import { connectionView, DEMO_REPORT, HEDGE_REPORT, NOW, viewOf } from './popup/popup-test-views';
import { describeMarketSource, PopupView } from './PopupView';

// The picture is drawn by uPlot, loaded on demand; here its module is a stand-in that records
// what it was given (happy-dom has no canvas).
vi.mock('./popup/pnl-chart-plot', () => ({ drawPnlChart: vi.fn(() => () => undefined) }));

afterEach(cleanup);

describe('PopupView on the demo portfolio', () => {
  const renderDemo = () =>
    render(
      <PopupView
        state={{ status: 'ready', view: viewOf(DEMO_REPORT, { source: 'demo' }) }}
        now={NOW}
        alerts={<section data-testid="alert-history-slot">alerts</section>}
      />,
    );

  it('labels the demo and flags the embedded data older than 30 days with its date and what to do', () => {
    renderDemo();
    expect(screen.getByTestId('demo-badge').textContent).toBe('Demo portfolio');
    expect(screen.getByTestId('demo-note').textContent).toContain('Example positions, not yours');
    const old = screen.getByTestId('stale-inputs');
    expect(old.querySelector('[data-kind="market"]')?.textContent).toContain(
      "dated 11 Feb 2025. For today's, turn on live market data in the settings.",
    );
    expect(old.querySelector('[data-kind="tiers"]')?.textContent).toContain(
      'margin tiers for BTC perp, ETH perp come from a table built into Margin Lens, dated 24 Oct 2024',
    );
  });

  it('puts the leg nearest to liquidation first, in its colour, then the book’s figures', () => {
    renderDemo();
    const nearest = screen.getByTestId('most-endangered');
    expect(nearest.dataset.level).toBe('caution');
    expect(screen.getByTestId('most-endangered-leg').textContent).toBe(
      'Binance USDⓈ-M futures (binance-hedge) BTC perp short: liquidated if BTC rises 4.5%, at 99,365.67',
    );
    expect(screen.getByTestId('portfolio-equity').textContent).toBe(
      formatMoney(DEMO_REPORT.portfolio.equity, 'USD'),
    );
    expect(screen.getByTestId('portfolio-es').textContent).toBe(
      formatMoney(DEMO_REPORT.portfolio.es, 'USD'),
    );
    expect(screen.getByTestId('true-margin').textContent).toBe('4,867.42 USD');
    expect(screen.getByTestId('portfolio-venue-mm').textContent).toBe('784.77 USD');
  });

  it('shows the pictures before the tables, and the alert history under the headline', () => {
    const { container } = renderDemo();
    const order = [
      'headline',
      'alert-history-slot',
      'pnl-chart',
      'ladder',
      'collateral-moves',
      'stress-grid',
      'allocation',
    ].map((id) => container.innerHTML.indexOf(`data-testid="${id}"`));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(container.innerHTML.indexOf('data-account=')).toBeGreaterThan(
      container.innerHTML.indexOf('data-testid="stress-grid"'),
    );
  });

  it('has one card per account, its positions, and the model and market in words', () => {
    const { container } = renderDemo();
    expect(container.querySelectorAll('[data-account]')).toHaveLength(2);
    expect(screen.getAllByTestId('position')).toHaveLength(3);
    expect(screen.getByTestId('model').textContent).toBe(
      'Risk from 20,000 simulated days with fat tails.',
    );
    // The settings to replay the figures stay on hover.
    expect(screen.getByTestId('model').getAttribute('title')).toBe(
      `Monte Carlo, Student-t with ${DEFAULT_MARKET.studentTNu} degrees of freedom, a day's spread ${DEFAULT_MARKET.forecastVolScale}× the forecast, seed 1`,
    );
    expect(screen.getByTestId('computed-at').textContent).toBe(
      'Figures computed at 12:00 UTC (3 min ago).',
    );
  });
});

describe('PopupView with connected accounts', () => {
  it('names accounts by the trader’s connection labels', () => {
    render(
      <PopupView
        state={{
          status: 'ready',
          view: viewOf(HEDGE_REPORT, {
            source: 'connected',
            connections: [
              connectionView('binanceusdm-main', 'binanceusdm', 'main', ['binance-main']),
              connectionView('bybit-hedge', 'bybit', 'hedge', ['bybit-hedge']),
            ],
            accountConnections: {
              'binance-main': 'binanceusdm-main',
              'bybit-hedge': 'bybit-hedge',
            },
          }),
        }}
        now={NOW}
      />,
    );
    expect(screen.getByTestId('most-endangered-leg').textContent).toBe(
      'Bybit (hedge) BTC perp short: liquidated if BTC rises 4.5%, at 99,326.00',
    );
    expect(screen.getByTestId('collateral-moves').textContent).toContain(
      "Withdraw 9,465.34 USDT from Binance USDⓈ-M futures (main), deposit to Bybit (hedge) and add it to your isolated BTC perp short's margin.",
    );
    expect(screen.getByTestId('popup-connections')).toBeTruthy();
    expect(screen.queryByTestId('demo-badge')).toBeNull();
  });
});

describe('PopupView first paint', () => {
  it('paints the headline first and the pictures and tables in the next task (progressive)', async () => {
    render(
      <PopupView
        state={{ status: 'ready', view: viewOf(DEMO_REPORT, { source: 'demo' }) }}
        now={NOW}
        progressive
      />,
    );
    expect(screen.getByTestId('headline')).toBeTruthy();
    expect(screen.queryByTestId('ladder')).toBeNull();
    expect(await screen.findByTestId('ladder')).toBeTruthy();
    expect(screen.getByTestId('allocation')).toBeTruthy();
  });

  it('shows no data age while the figures are the stored state’s (provisional)', () => {
    render(
      <PopupView
        state={{
          status: 'ready',
          view: viewOf(HEDGE_REPORT, {
            source: 'connected',
            connections: [connectionView('bybit-hedge', 'bybit', 'hedge', ['bybit-hedge'])],
            accountConnections: { 'bybit-hedge': 'bybit-hedge' },
          }),
        }}
        now={NOW}
        provisional
      />,
    );
    const bybit = document.querySelector('[data-account="bybit-hedge"]');
    expect(bybit?.querySelector('[data-testid="data-age"]')?.textContent).toBe(
      'Checking how fresh these figures are…',
    );
    expect(screen.queryByTestId('popup-connections')).toBeNull();
  });
});

describe('PopupView when there is nothing to show', () => {
  it('says what to do when there is no account, not a table of zeros', () => {
    const empty = calculateRiskReport(
      parsePortfolio({ version: 1, asOf: '2025-02-11T00:00:00Z', accounts: [] }),
    );
    const { container } = render(
      <PopupView state={{ status: 'ready', view: viewOf(empty) }} now={NOW} />,
    );
    const state = screen.getByTestId('empty-state');
    expect(state.textContent).toContain('connect a venue with a read-only API key');
    expect(state.textContent).toContain('import a portfolio file');
    expect(container.querySelector('[data-testid="headline"]')).toBeNull();
    expect(container.querySelector('[data-testid="allocation"]')).toBeNull();
  });

  it('says so when the accounts hold no positions', () => {
    const flat = calculateRiskReport(
      parsePortfolio({
        version: 1,
        asOf: '2025-02-11T00:00:00Z',
        accounts: [
          {
            id: 'cash',
            venue: 'binanceusdm',
            marginMode: 'cross',
            positionMode: 'oneway',
            balances: [{ asset: 'USDT', total: '1000' }],
            positions: [],
          },
        ],
      }),
    );
    render(<PopupView state={{ status: 'ready', view: viewOf(flat) }} now={NOW} />);
    expect(screen.getByTestId('no-positions').textContent).toBe(
      'Your accounts hold no open positions: nothing can be liquidated.',
    );
    expect(screen.queryByTestId('pnl-chart')).toBeNull();
  });

  it('shows loading and error states', () => {
    const { unmount } = render(<PopupView state={{ status: 'loading' }} />);
    expect(screen.getByText('Computing risk…')).toBeTruthy();
    unmount();
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

describe('PopupView with an account the scenarios leave out', () => {
  it('keeps its venue figures and names what is missing', () => {
    const hype = calculateRiskReport(
      parsePortfolio({ version: 1, asOf: '2025-02-11T00:00:00Z', accounts: [HYPE_SHORT_ACCOUNT] }),
    );
    render(<PopupView state={{ status: 'ready', view: viewOf(hype) }} now={NOW} />);
    const card = screen.getByText(/Hyperliquid/, { selector: 'strong' }).closest('li');
    if (card === null) throw new Error('no account card');
    // Hyperliquid short, MM rate 0.1: liquidated where 5000 − 100·(P − 30) = 10·P, P = 72.73.
    expect(within(card).getByTestId('position-liquidation-price').textContent).toBe('72.7273');
    expect(within(card).getByTestId('position-distance').textContent).toContain('no σ');
    expect(within(card).getByTestId('liquidation-probability').textContent).toBe(
      'not computed (see above)',
    );
    const missing = screen.getByTestId('excluded-accounts');
    expect(missing.querySelector('[data-removes="scenario-measures"]')?.textContent).toContain(
      'hl-hype',
    );
    expect(missing.textContent).toContain('add market.annualVols.HYPE');
    // No scenario account: no P&L picture, no stress grid; the ladder still shows the leg in %.
    expect(screen.queryByTestId('pnl-chart')).toBeNull();
    expect(screen.queryByTestId('stress-grid')).toBeNull();
    expect(screen.getByTestId('ladder-distance').textContent).toContain(
      '(no volatility for HYPE: no σ)',
    );
  });
});

describe('describeMarketSource', () => {
  it('names the live source and time, or the embedded snapshot and why', () => {
    const live = {
      ...DEMO_REPORT,
      inputs: {
        ...DEMO_REPORT.inputs,
        liveMarket: {
          status: 'used' as const,
          source: 'Binance USDⓈ-M public API',
          asOf: '2026-11-24T12:34:56.000Z',
        },
      },
    };
    expect(describeMarketSource(live)).toBe(
      `Market: live from Binance USDⓈ-M public API at 12:34 UTC; figures it lacks from the embedded snapshot of 11 Feb 2025.`,
    );
    const off = {
      ...DEMO_REPORT,
      inputs: {
        ...DEMO_REPORT.inputs,
        liveMarket: { status: 'unavailable' as const, reason: 'live market data is off' },
      },
    };
    expect(describeMarketSource(off)).toBe(
      'Market: embedded snapshot of 11 Feb 2025 (live market data is off), unless the portfolio file gives figures.',
    );
  });
});
