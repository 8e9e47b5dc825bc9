// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { calculateRiskReport, parsePortfolio, type RiskReport } from '../../lib/engine';
import { AllocationTable } from './AllocationTable';
import { popupLegs } from './popup-legs';
import { DEMO_REPORT } from './popup-test-views';

afterEach(cleanup);

function table(report: RiskReport = DEMO_REPORT) {
  return render(
    <AllocationTable
      contributions={report.portfolio.contributions}
      es={report.portfolio.es}
      legs={popupLegs(report, (account) => account.id)}
      accounts={report.accounts}
      whereOf={(accountId) => accountId}
    />,
  );
}

const names = () =>
  screen
    .getAllByTestId('contribution')
    .map((row) => row.querySelector('td')?.firstChild?.textContent);

describe('AllocationTable', () => {
  it('lists each position’s ES contribution and share, largest first, hedges marked', () => {
    table();
    expect(names()).toEqual([
      'binance-main ETH perp short',
      'binance-hedge BTC perp short',
      'binance-main BTC perp long',
    ]);
    const rows = screen.getAllByTestId('contribution');
    expect(rows.map((row) => row.querySelectorAll('td')[1]?.textContent)).toEqual([
      '100%',
      '84%',
      '−84%',
    ]);
    expect(rows.map((row) => row.querySelector('[data-testid="hedge-tag"]') !== null)).toEqual([
      false,
      true,
      true,
    ]);
    expect(rows[2]?.querySelector('[data-testid="hedge-tag"]')?.getAttribute('title')).toBe(
      'Hedged by the Binance USDⓈ-M futures (binance-hedge) BTC perp short',
    );
    const sum = DEMO_REPORT.portfolio.contributions.reduce((total, item) => total + item.es, 0);
    expect(sum).toBeCloseTo(DEMO_REPORT.portfolio.es, 6);
  });

  it('sorts by contribution either way, or by name', () => {
    table();
    fireEvent.click(screen.getByTestId('sort-es'));
    expect(names()[0]).toBe('binance-main BTC perp long');
    fireEvent.click(screen.getByTestId('sort-position'));
    expect(names()).toEqual([
      'binance-hedge BTC perp short',
      'binance-main BTC perp long',
      'binance-main ETH perp short',
    ]);
    expect(screen.getByTestId('sort-position').closest('th')?.getAttribute('aria-sort')).toBe(
      'ascending',
    );
  });

  it('tells a hedge-mode pair apart: each row is its own leg, by account, symbol and side', () => {
    // One Binance account in hedge mode: long 1 BTC and short 0.4 BTC of the same perpetual.
    const leg = (side: 'long' | 'short', contracts: string) => ({
      symbol: 'BTC/USDT:USDT',
      side,
      contracts,
      entryPrice: '100000',
      markPrice: '100000',
      leverage: 10,
      maintenanceMarginRate: '0.005',
      maintenanceAmount: '0',
    });
    const report = calculateRiskReport(
      parsePortfolio({
        version: 1,
        asOf: '2025-02-11T00:00:00Z',
        accounts: [
          {
            id: 'pair',
            venue: 'binanceusdm',
            marginMode: 'cross',
            positionMode: 'hedge',
            balances: [{ asset: 'USDT', total: '50000' }],
            positions: [leg('long', '1'), leg('short', '0.4')],
          },
        ],
      }),
    );
    table(report);
    expect(names()).toEqual(['pair BTC perp long', 'pair BTC perp short']);
    const tags = screen
      .getAllByTestId('contribution')
      .map((row) => row.querySelector('[data-testid="hedge-tag"]')?.getAttribute('title'));
    expect(tags).toEqual([
      'Hedged by the Binance USDⓈ-M futures (pair) BTC perp short',
      'Hedged by the Binance USDⓈ-M futures (pair) BTC perp long',
    ]);
  });
});
