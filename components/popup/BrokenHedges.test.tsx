// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { formatChance, formatMoney } from '../../lib/format/format-figures';
import { BrokenHedges } from './BrokenHedges';
import { DEMO_REPORT, HEDGE_REPORT } from './popup-test-views';

afterEach(cleanup);

const label = (accountId: string) =>
  accountId === 'bybit-hedge' ? 'Bybit (bybit-hedge)' : `Binance USDⓈ-M futures (${accountId})`;

describe('BrokenHedges', () => {
  it('shows both legs of the two-venue hedge: where each dies, how likely (with its interval), what the book loses, and its risk after', () => {
    render(<BrokenHedges report={HEDGE_REPORT} accountLabel={label} />);
    const legs = screen.getAllByTestId('broken-hedge');
    expect(legs).toHaveLength(2);
    const [bybit, binance] = HEDGE_REPORT.portfolio.brokenHedges;
    // Largest chance × cost first: the Bybit short, a few percent from its liquidation.
    expect(legs[0]?.textContent).toContain(
      'Bybit (bybit-hedge) BTC perp short: liquidated at 99,326.00 (+4.5%)',
    );
    for (const [index, leg] of [bybit, binance].entries()) {
      expect(leg?.probability?.value).toBeGreaterThan(0);
      expect(legs[index]?.textContent).toContain(
        `${formatChance(leg?.probability ?? { value: 0, low: 0, high: 0 })} chance in 24 h`,
      );
      expect(legs[index]?.textContent).toContain(
        `the worst 1 in 100 days lose ${formatMoney(leg?.esAfter ?? 0, 'USD')} on average`,
      );
    }
    // At its liquidation the Bybit leg's loss is mostly the hedge's gain: the book is down the fee.
    expect(legs[0]?.textContent).toContain(
      `net, the book is down ${formatMoney((bybit?.lossIfLiquidated ?? 0) - (bybit?.restOfBookMovePnl ?? 0), 'USD')}`,
    );
    expect(legs[0]?.textContent).toContain(
      `Bybit keeps ${formatMoney(bybit?.liquidationFee.amount ?? 0)} of it`,
    );
    expect(legs[0]?.className).toContain('level-border--caution');
  });

  it('says nothing for a book without a hedge leg', () => {
    const report = { ...DEMO_REPORT, portfolio: { ...DEMO_REPORT.portfolio, brokenHedges: [] } };
    const { container } = render(<BrokenHedges report={report} accountLabel={label} />);
    expect(container.textContent).toBe('');
  });
});
