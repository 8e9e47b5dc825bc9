import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { signedMoney } from '../../lib/overlay/overlay-words';
import { compactMoney, type PnlChartData } from './pnl-chart-data';

/**
 * Draws the P&L picture with uPlot into `target` (loaded only when the popup shows the picture:
 * PnlChart imports this module dynamically, so uPlot stays out of the first paint). The book's
 * P&L with liquidations is amber, as if nothing were liquidated dashed grey (when it differs),
 * each liquidation point a dot in its account's colour, zero lines muted; hovering writes
 * "BTC −12%: −4,110.25 USD" into `readout` as text. Returns the chart's teardown.
 */
export function drawPnlChart(
  target: HTMLElement,
  data: PnlChartData,
  width: number,
  readout: HTMLElement | null,
): () => void {
  const muted = '#848e9c';
  const line = '#2b3139';
  const font = '11px system-ui, sans-serif';
  const options: uPlot.Options = {
    width,
    height: 170,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 6 } },
    scales: { x: { time: false } },
    axes: [
      {
        stroke: muted,
        font,
        grid: { stroke: line, width: 1 },
        ticks: { stroke: line, width: 1 },
        values: (_, values) => values.map((value) => `${value > 0 ? '+' : ''}${value}%`),
      },
      {
        stroke: muted,
        font,
        size: 46,
        grid: { stroke: line, width: 1 },
        ticks: { stroke: line, width: 1 },
        values: (_, values) => values.map(compactMoney),
      },
    ],
    series: [
      {},
      { stroke: '#f0b90b', width: 2, points: { show: false } },
      {
        stroke: data.liquidationsMatter ? muted : 'transparent',
        width: 1.25,
        dash: [5, 4],
        spanGaps: true,
        points: { show: false },
      },
      ...data.points.map((point) => ({
        stroke: point.colour,
        width: 0,
        paths: () => null,
        points: { show: true, size: 10, stroke: point.colour, fill: point.colour, width: 1 },
      })),
    ],
    hooks: {
      drawAxes: [
        (chart) => {
          const { ctx, bbox } = chart;
          ctx.save();
          ctx.strokeStyle = muted;
          ctx.lineWidth = 1;
          ctx.setLineDash([4, 4]);
          const y = Math.round(chart.valToPos(0, 'y', true));
          const x = Math.round(chart.valToPos(0, 'x', true));
          ctx.beginPath();
          ctx.moveTo(bbox.left, y);
          ctx.lineTo(bbox.left + bbox.width, y);
          ctx.moveTo(x, bbox.top);
          ctx.lineTo(x, bbox.top + bbox.height);
          ctx.stroke();
          ctx.restore();
        },
      ],
      setCursor: [
        (chart) => {
          if (readout === null) return;
          const index = chart.cursor.idx;
          const x = index == null ? undefined : data.xs[index];
          const y = index == null ? undefined : data.pnl[index];
          const held = index == null ? null : data.held[index];
          readout.textContent =
            x === undefined || y === undefined
              ? ''
              : `${data.asset} ${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x).toFixed(1)}%: ${signedMoney(y)} USD${
                  data.liquidationsMatter && held != null && Math.abs(held - y) > 0.005
                    ? ` (held: ${signedMoney(held)})`
                    : ''
                }`;
        },
      ],
    },
  };
  const chart = new uPlot(
    options,
    [data.xs, data.pnl, data.held, ...data.pointSeries] as unknown as uPlot.AlignedData,
    target,
  );
  return () => chart.destroy();
}
