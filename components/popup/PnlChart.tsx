import { useEffect, useRef, useState } from 'preact/hooks';
import type { PnlChartData } from './pnl-chart-data';

/**
 * The whole book's P&L against the main underlying's move (the engine's `pnlByMove`), each
 * account's liquidation point marked: drawn by uPlot, loaded only now (a dynamic import, so the
 * popup's first paint does not wait for it). The same facts stay readable as text below the
 * picture (its legend), and are all that shows if the picture cannot be drawn.
 */
export function PnlChart(props: { readonly data: PnlChartData }) {
  const { data } = props;
  const target = useRef<HTMLDivElement>(null);
  const readout = useRef<HTMLSpanElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const element = target.current;
    if (element === null) return;
    let teardown: (() => void) | undefined;
    let gone = false;
    import('./pnl-chart-plot')
      .then(({ drawPnlChart }) => {
        if (gone) return;
        element.replaceChildren();
        teardown = drawPnlChart(element, data, element.clientWidth || 392, readout.current);
        // For the benchmark (scripts/bench-extension.ts): when the picture was drawn.
        performance.mark('margin-lens:pnl-chart-drawn');
      })
      .catch(() => setFailed(true));
    return () => {
      gone = true;
      teardown?.();
    };
  }, [data]);
  return (
    <section class="picture" data-testid="pnl-chart">
      <h2>
        Book P&amp;L if {data.asset} moves <span class="readout" ref={readout} />
      </h2>
      {!failed && <div class="chart" ref={target} role="img" aria-label={data.ends} />}
      <p class="caption" data-testid="pnl-ends">
        {data.ends}
      </p>
      {data.points.length > 0 ? (
        <ul class="chart-legend">
          {data.points.map((point) => (
            <li key={`${point.accountId}-${point.words}`} data-testid="pnl-liquidation">
              <span class="dot" style={{ background: point.colour }} aria-hidden="true" />
              {point.words}
            </li>
          ))}
        </ul>
      ) : (
        <p class="caption">No account is liquidated within this range.</p>
      )}
      <p class="caption muted">
        {data.liquidationsMatter
          ? 'Solid: each account liquidated on the way is closed and its equity lost. Dashed: if nothing were liquidated. '
          : 'Every position stays open across this range. '}
        {data.others ?? ''}
      </p>
    </section>
  );
}
