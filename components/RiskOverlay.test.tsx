// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RiskOverlay } from './RiskOverlay';

const view = {
  source: 'demo' as const,
  venue: 'binanceusdm',
  symbol: 'BTC/USDT:USDT',
  portfolioEs: 4253.36,
  confidence: 0.99,
  horizonHours: 24,
  accounts: [
    {
      accountId: '<img src=x onerror=alert(1)>',
      side: 'short' as const,
      quantity: 0.8,
      settle: 'USDT',
      marginRatio: 0.057,
      markPrice: 95057.54,
      liquidationPrice: 99365.67,
      liquidationDistancePct: 0.0453,
      liquidationProbability: 0.0312,
      freshness: null,
      dataAgeSeconds: null,
      staleReason: null,
    },
  ],
  excludedAccounts: 0,
  computedAt: '2026-11-24T12:00:00.000Z',
};

afterEach(cleanup);

describe('RiskOverlay', () => {
  it('marks a connected account’s stale figures with their age and reason, and counts left-out accounts', () => {
    const account = view.accounts[0];
    const stale = {
      ...view,
      source: 'connected' as const,
      excludedAccounts: 1,
      accounts: account
        ? [
            {
              ...account,
              freshness: 'stale' as const,
              dataAgeSeconds: 2_520,
              staleReason: 'The key vault is locked: these figures are not being refreshed.',
            },
          ]
        : [],
    };
    render(
      <RiskOverlay
        state={{ status: 'ready', view: stale }}
        symbol="BTCUSDT"
        onClose={() => undefined}
      />,
    );
    expect(screen.getByTestId('stale').textContent).toBe(
      'Stale: figures from 42 min ago. The key vault is locked: these figures are not being refreshed.',
    );
    expect(screen.getByTestId('excluded').textContent).toBe(
      '1 account is not in these figures (see the Margin Lens popup).',
    );
  });

  it('shows margin ratio, liquidation price and portfolio ES with stable test ids', () => {
    render(
      <RiskOverlay state={{ status: 'ready', view }} symbol="BTCUSDT" onClose={() => undefined} />,
    );
    expect(screen.getByTestId('margin-ratio').textContent).toBe('5.70%');
    expect(screen.getByTestId('liquidation-price').textContent).toBe('99,365.67');
    expect(screen.getByTestId('portfolio-es').textContent).toBe('4,253.36 USD');
    expect(screen.getByText('Demo portfolio')).toBeTruthy();
  });

  it('renders hostile text as text, never as markup', () => {
    const { container } = render(
      <RiskOverlay state={{ status: 'ready', view }} symbol="BTCUSDT" onClose={() => undefined} />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
  });

  it('shows an error and lets the trader close it', () => {
    const onClose = vi.fn();
    render(
      <RiskOverlay
        state={{ status: 'error', message: 'The stored portfolio cannot be used.' }}
        symbol="BTCUSDT"
        onClose={onClose}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('The stored portfolio cannot be used.');
    screen.getByRole('button', { name: 'Hide Margin Lens overlay' }).click();
    expect(onClose).toHaveBeenCalledOnce();
  });
});
