// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { drawPnlChart } from './pnl-chart-plot';
import { PnlChart } from './PnlChart';
import { compactMoney, pnlChartData } from './pnl-chart-data';
import { DEMO_REPORT, HEDGE_REPORT } from './popup-test-views';

vi.mock('./pnl-chart-plot', () => ({ drawPnlChart: vi.fn(() => () => undefined) }));

afterEach(() => {
  cleanup();
  vi.mocked(drawPnlChart).mockClear();
});

const hedge = HEDGE_REPORT.portfolio.pnlByMove;
if (hedge === null) throw new Error('the hedge has positions');
const whose = (point: { account: string }) => point.account;

describe('pnlChartData', () => {
  const data = pnlChartData(hedge, whose);

  it('lays the engine’s curves on a % axis with each liquidation’s own x merged in', () => {
    expect(data.asset).toBe('BTC');
    expect(data.xs).toHaveLength(101 + 2);
    expect([...data.xs].sort((a, b) => a - b)).toEqual(data.xs);
    const bybit = hedge.liquidations.find((point) => point.account === 'bybit-hedge');
    const at = data.xs.indexOf((bybit?.move ?? 0) * 100);
    expect(data.pnl[at]).toBe(bybit?.pnl);
    expect(data.held[at]).toBeNull();
    expect(data.pointSeries[1]?.filter((value) => value !== null)).toEqual([bybit?.pnl]);
    // On the grid: the engine's figures, unchanged.
    expect(data.pnl[data.xs.indexOf(10)]).toBe(hedge.pnlLiquidated[60]);
    expect(data.held[data.xs.indexOf(10)]).toBe(hedge.pnl[60]);
    expect(data.liquidationsMatter).toBe(true);
  });

  it('says the ends of the curve and each liquidation in words', () => {
    expect(data.ends).toBe('If BTC falls 50%: +15,897 USD. If it rises 50%: +34,229 USD.');
    expect(data.points.map((point) => point.words)).toEqual([
      'binance-main: liquidated if BTC falls 28.8%, to 67,675.88, losing 22,126.03 USD of equity, lost for good even if the price comes back.',
      'bybit-hedge: liquidated if BTC rises 4.5%, to 99,326.00, losing 3,793.97 USD of equity, lost for good even if the price comes back.',
    ]);
    expect(data.others).toBeNull();
    expect(pnlChartData(DEMO_REPORT.portfolio.pnlByMove ?? hedge, whose).others).toBe(
      "Other coins move with BTC by their usual ratio (ETH 1.14× BTC's move), so an account can be liquidated at another BTC price here than in the tables, which hold the other coins unchanged.",
    );
  });

  it('writes axis money compactly', () => {
    expect([0, 950.4, -1_000, 3_450, -17_509, 2_500_000].map(compactMoney)).toEqual([
      '0',
      '+950',
      '−1k',
      '+3.5k',
      '−18k',
      '+2.5M',
    ]);
  });
});

describe('PnlChart', () => {
  it('loads the plotting module on demand and draws the data, the words beside it', async () => {
    const data = pnlChartData(hedge, whose);
    render(<PnlChart data={data} />);
    await waitFor(() => expect(drawPnlChart).toHaveBeenCalledTimes(1));
    expect(vi.mocked(drawPnlChart).mock.calls[0]?.[1]).toBe(data);
    expect(screen.getByTestId('pnl-ends').textContent).toBe(data.ends);
    expect(screen.getAllByTestId('pnl-liquidation')).toHaveLength(2);
    expect(screen.getByTestId('pnl-chart').textContent).toContain(
      'Solid: each account liquidated on the way is closed and its equity lost.',
    );
  });

  it('keeps the words when the picture cannot be drawn', async () => {
    vi.mocked(drawPnlChart).mockImplementationOnce(() => {
      throw new Error('no canvas');
    });
    const { container } = render(<PnlChart data={pnlChartData(hedge, whose)} />);
    await waitFor(() => expect(container.querySelector('.chart')).toBeNull());
    expect(screen.getByTestId('pnl-ends').textContent).toContain('If BTC falls 50%');
  });
});
