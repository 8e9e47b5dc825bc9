// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import {
  recordMarginRatios,
  EMPTY_MARGIN_HISTORY,
  accountRatios,
} from '../../lib/storage/margin-history';
import { connectionOf } from '../../lib/connections/account-names';
import { calculateRiskReport, DEMO_PORTFOLIO, parsePortfolio } from '../../lib/engine';
import { AccountCard, marginModeWords } from './AccountCard';
import { popupLegs } from './popup-legs';
import { connectionView, DEMO_REPORT, NOW, SIX_VENUE_REPORT } from './popup-test-views';

afterEach(cleanup);

const labelOf = (account: { id: string }) => account.id;

function card(
  report: typeof DEMO_REPORT,
  accountId: string,
  extra: Partial<Parameters<typeof AccountCard>[0]> = {},
) {
  const account = report.accounts.find((item) => item.id === accountId);
  if (account === undefined) throw new Error(`no ${accountId}`);
  // In the account's positions' order, as the popup passes them.
  const all = popupLegs(report, labelOf);
  const legs = account.positions.flatMap(
    (position) =>
      all.find(
        (leg) =>
          leg.accountId === accountId &&
          leg.symbol === position.symbol &&
          leg.side === position.side,
      ) ?? [],
  );
  return render(
    <ul>
      <AccountCard
        account={account}
        name={`Venue (${accountId})`}
        venueName={account.venue === 'okx' ? 'OKX' : 'Binance USDⓈ-M futures'}
        legs={legs}
        connection={null}
        fileSource="file"
        history={[]}
        horizonHours={24}
        now={NOW}
        {...extra}
      />
    </ul>,
  );
}

describe('AccountCard', () => {
  it('shows the margin ratio as a bar against the venue’s own warning and liquidation lines', () => {
    const { container } = card(DEMO_REPORT, 'binance-hedge');
    expect(screen.getByTestId('margin-ratio').textContent).toBe('5.70%');
    expect(container.querySelector('.ratio__fill')?.getAttribute('style')).toContain('width: 5.7%');
    expect(container.querySelector('.ratio__warning')?.getAttribute('style')).toContain(
      'left: 80.0%',
    );
    expect(container.querySelector('.ratio__venue')?.getAttribute('style')).toContain(
      'left: 100.0%',
    );
    expect(screen.getByTestId('venue-thresholds').textContent).toBe(
      'Binance USDⓈ-M futures warns at 80% (margin call) and liquidates at 100%.',
    );
  });

  it('says how OKX writes its ratio (the inverse of ours), and that it publishes no warning', () => {
    card(SIX_VENUE_REPORT, 'okx-swap');
    const okx = SIX_VENUE_REPORT.accounts.find((account) => account.id === 'okx-swap');
    expect(screen.getByTestId('venue-thresholds').textContent).toBe(
      `OKX liquidates at 100%; OKX shows it upside down: ${Math.round(100 / (okx?.marginRatio ?? 1)).toLocaleString('en-US')}% (equity ÷ maintenance margin, liquidated at 100%).`,
    );
  });

  it('has equity, maintenance margin, the nearest liquidation and its chance', () => {
    card(DEMO_REPORT, 'binance-main');
    expect(screen.getByTestId('maintenance-margin').textContent).toBe('454.54 USDT');
    // The account holds BTC and ETH: its liquidation price holds ETH still, and says so.
    expect(screen.getByTestId('liquidation-distance').textContent).toBe(
      'falls 30.5% (BTC perp, 19.2 daily σ), other coins unchanged',
    );
    expect(screen.getByTestId('liquidation-probability').textContent).toBe('< 0.01%');
    expect(screen.getByTestId('data-age').textContent).toBe('From your portfolio file.');
  });

  it('says nothing of other coins for an account on one coin', () => {
    card(DEMO_REPORT, 'binance-hedge');
    expect(screen.getByTestId('liquidation-distance').textContent).not.toContain('other coins');
    expect(screen.getByTestId('positions-note').textContent).not.toContain('other coins');
  });

  it('lists each position: size, mark, liquidation price, signed distance in % and σ, chance', () => {
    card(DEMO_REPORT, 'binance-main');
    const rows = screen.getAllByTestId('position');
    expect(
      rows.map((row) => row.querySelector('[data-testid="position-size"]')?.textContent),
    ).toEqual(['0.8 BTC', '12 ETH']);
    expect(
      rows.map(
        (row) => row.querySelector('[data-testid="position-liquidation-price"]')?.textContent,
      ),
    ).toEqual(['66,020.29', '4,507.94']);
    expect(
      rows.map((row) => row.querySelector('[data-testid="position-distance"]')?.textContent),
    ).toEqual(['−30.5%19.2σ', '+74.1%17.7σ']);
    // σ in plain words, and the other coins held still, under the table.
    expect(screen.getByTestId('positions-note').textContent).toBe(
      "σ is a typical day's move of the coin: the distance counted in such moves. Liquidation prices with the other coins unchanged.",
    );
    // Cross positions share their account's chance, said on hover and in a muted colour.
    expect(
      rows[0]?.querySelector('[data-testid="position-chance"]')?.getAttribute('title'),
    ).toContain('shared (cross) margin');
  });

  it('says when an account’s data is stale, why and what to do', () => {
    const connection = connectionView('binanceusdm-main', 'binanceusdm', 'main', ['binance-main'], {
      freshness: 'stale',
      dataAgeSeconds: 7_200,
      staleReason: 'The last read failed: Binance rejected the key.',
      problem: {
        kind: 'wrongKey',
        venue: 'binanceusdm',
        message: 'Binance rejected the API key.',
        whatToDo: 'Check the key in the settings, or create a new read-only key.',
        retryable: false,
      },
    });
    card(DEMO_REPORT, 'binance-main', { connection });
    const age = screen.getByTestId('data-age');
    expect(age.dataset.freshness).toBe('stale');
    expect(age.textContent).toBe(
      'Stale: figures from 2 h 0 min ago. The last read failed: Binance rejected the key. Check the key in the settings, or create a new read-only key.',
    );
    expect(
      connectionOf(
        { connections: [connection], accountConnections: { 'binance-main': 'binanceusdm-main' } },
        'binance-main',
      ),
    ).toBe(connection);
  });

  it('draws the last day of its margin ratio with the day’s high', () => {
    let history = EMPTY_MARGIN_HISTORY;
    for (const [minutesAgo, ratio] of [
      [600, 0.04],
      [300, 0.09],
      [5, 0.057],
    ] as const)
      history = recordMarginRatios(history, NOW - minutesAgo * 60_000, [
        { id: 'binance-hedge', marginRatio: ratio, equity: 1 },
      ]);
    const { container } = card(DEMO_REPORT, 'binance-hedge', {
      history: accountRatios(history, 'binance-hedge'),
    });
    const spark = screen.getByTestId('margin-sparkline');
    expect(spark.dataset.samples).toBe('3');
    expect(container.querySelector('polyline')?.getAttribute('points')?.split(' ')).toHaveLength(3);
    expect(spark.textContent).toBe('24 h, high 9.0% at 07:00 UTC');
  });

  it('reads an underwater account (equity below maintenance) so, in red, never "—" or a bare ratio', () => {
    // The demo's cross account with its wallet cut: equity 268.19 USDT, then −1,431.81, against
    // 454.54 of maintenance margin. The report reaches the popup as JSON, as from storage.
    const underwater = (wallet: string) =>
      JSON.parse(
        JSON.stringify(
          calculateRiskReport(
            parsePortfolio({
              ...DEMO_PORTFOLIO,
              accounts: DEMO_PORTFOLIO.accounts.map((account) =>
                account.id === 'binance-main'
                  ? { ...account, balances: [{ asset: 'USDT', total: wallet }] }
                  : account,
              ),
            }),
          ),
        ),
      ) as typeof DEMO_REPORT;
    for (const [wallet, words] of [
      ['-3300', 'underwater: equity below maintenance (169.48%)'],
      ['-5000', 'underwater: equity below maintenance (no equity left)'],
    ] as const) {
      const { container } = card(underwater(wallet), 'binance-main');
      const ratio = screen.getByTestId('margin-ratio');
      expect(ratio.textContent, wallet).toBe(words);
      expect(ratio.dataset.underwater).toBe('true');
      expect(ratio.className).toBe('level--critical');
      expect(container.querySelector('.card')?.getAttribute('data-level')).toBe('critical');
      expect(container.querySelector('.ratio__fill')?.className).toContain('level-bg--critical');
      expect(container.querySelector('.ratio__fill')?.getAttribute('style')).toContain(
        'width: 100.0%',
      );
      cleanup();
    }
  });

  it('names the margin mode', () => {
    const modes = DEMO_REPORT.accounts.map(marginModeWords);
    expect(modes).toEqual(['cross', 'isolated']);
  });
});
