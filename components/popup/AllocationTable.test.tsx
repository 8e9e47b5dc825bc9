// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { AllocationTable } from './AllocationTable';
import { popupLegs } from './popup-legs';
import { DEMO_REPORT } from './popup-test-views';

afterEach(cleanup);

function table() {
  return render(
    <AllocationTable
      contributions={DEMO_REPORT.portfolio.contributions}
      es={DEMO_REPORT.portfolio.es}
      legs={popupLegs(DEMO_REPORT, (account) => account.id)}
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
      '96%',
      '−96%',
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
});
