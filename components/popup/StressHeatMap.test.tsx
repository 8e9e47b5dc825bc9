// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { StressHeatMap } from './StressHeatMap';
import { DEMO_REPORT, HEDGE_REPORT, OPTIONS_REPORT } from './popup-test-views';
import { formatMoney } from '../../lib/format/format-figures';
import { dayWords, sigmas, stressScenarioWords } from './stress-words';

afterEach(cleanup);

/** The heat map of a report's stress scenarios on BTC's axis, over 24 h. */
function heatMap(
  report: typeof DEMO_REPORT,
  liquidations: readonly { readonly move: number; readonly who: string }[] = [],
) {
  return render(
    <StressHeatMap
      stress={report.portfolio.stress}
      asset="BTC"
      horizonHours={24}
      expectedShortfall={report.portfolio.es}
      liquidations={liquidations}
    />,
  );
}

describe('StressHeatMap', () => {
  it('shows the engine’s joint scenarios as price moves, one column when there are no options', () => {
    const { container } = heatMap(DEMO_REPORT);
    const cells = screen.getAllByTestId('stress-cell');
    expect(cells).toHaveLength(7);
    expect(cells.map((cell) => cell.textContent)).toEqual(
      (DEMO_REPORT.portfolio.stress.grid?.pnl ?? []).map((row) =>
        row[1] === 0
          ? '0'
          : Math.abs(row[1] ?? 0) < 1000
            ? `${(row[1] ?? 0) < 0 ? '−' : '+'}${Math.round(Math.abs(row[1] ?? 0))}`
            : `${(row[1] ?? 0) < 0 ? '−' : '+'}${Math.abs((row[1] ?? 0) / 1000)
                .toFixed(1)
                .replace(/\.0$/, '')}k`,
      ),
    );
    expect(container.querySelector('tbody th')?.textContent).toBe('−3.1σ BTC −5.7%');
    expect(container.querySelectorAll('.heat__worst')).toHaveLength(1);
    expect(screen.getByTestId('stress-grid').textContent).toContain(
      'change nothing: the book holds no options',
    );
  });

  it('names the worst of all scenarios (a stress test, not the margin) and the next worst', () => {
    heatMap(DEMO_REPORT);
    expect(screen.getByTestId('stress-worst').textContent).toBe(
      'Worst of all 39 scenarios, past crashes included: the moves of 19 Mar 2020, 5,886.25 USD lost.',
    );
    // The true margin is set by the 99% scan and the ES, not by the crashes.
    expect(screen.getByTestId('margin-scan').textContent).toContain(
      `worst move above of up to 3.1σ (${formatMoney(DEMO_REPORT.portfolio.stress.marginScan.loss, 'USD')})`,
    );
    const others = screen.getAllByTestId('stress-other').map((item) => item.textContent);
    expect(others).toHaveLength(4);
    expect(others.some((text) => text?.includes('19 Mar 2020'))).toBe(false);
    expect(others[0]).toBe('the moves of 2 Apr 2019: −4,849.44 USD');
  });

  it('has three vol columns when options make them differ', () => {
    heatMap(OPTIONS_REPORT);
    expect(screen.getAllByTestId('stress-cell')).toHaveLength(21);
    expect(screen.getByText('vols ×1.5')).toBeTruthy();
  });

  it('marks the moves that pass a liquidation on the P&L picture', () => {
    const points = (HEDGE_REPORT.portfolio.pnlByMove?.liquidations ?? []).map((point) => ({
      move: point.move,
      who: point.account,
    }));
    heatMap(HEDGE_REPORT, points);
    // The Bybit short dies at +4.5%: the +2σ (+4.2%) row does not pass it, the +3σ (+6.4%) row does.
    const marks = screen.getAllByTestId('stress-passes-liquidation');
    expect(marks).toHaveLength(1);
    expect(marks[0]?.getAttribute('title')).toBe('Past the liquidation of bybit-hedge');
  });
});

describe('stress words', () => {
  it('writes scenarios in σ and dates as a trader reads them', () => {
    expect(sigmas(-1, 3)).toBe('−3σ');
    expect(sigmas(1 / 3, 3)).toBe('+1σ');
    expect(sigmas(0, 3)).toBe('±0σ');
    // The default scan range is the model's 99% move, 2.97σ: written to one decimal.
    expect(sigmas(-1, 2.9717)).toBe('−3σ');
    expect(sigmas(2 / 3, 2.9717)).toBe('+2σ');
    expect(dayWords('2020-03-12')).toBe('12 Mar 2020');
    expect(stressScenarioWords({ kind: 'extreme', scanFraction: -2 }, 0.35, 3)).toBe(
      'every coin −6σ at once (counted at 35%)',
    );
    expect(stressScenarioWords({ kind: 'single-asset', asset: 'ETH', scanFraction: 1 }, 1, 3)).toBe(
      'ETH alone +3σ',
    );
    expect(stressScenarioWords({ kind: 'joint', scanFraction: -2 / 3, volFactor: 1.5 }, 1, 3)).toBe(
      'every coin −2σ at once, option vols ×1.5',
    );
    expect(
      stressScenarioWords({ kind: 'historical', date: '2017-12-06', proxied: ['SOL'] }, 1, 3),
    ).toBe('the moves of 6 Dec 2017 (SOL moved like BTC that day)');
  });
});
