import type { PortfolioReport } from '../../lib/engine';
import { formatMoney, formatPercent } from '../../lib/format/format-figures';
import { signedMoney } from '../../lib/overlay/overlay-words';
import { compactMoney } from './pnl-chart-data';
import { sigmas, stressScenarioWords } from './stress-words';

/**
 * The stress grid as a heat map: the book's P&L (the engine's stress scenarios, USD) when every
 * coin moves by the same number of its own daily σ (rows, with the main coin's move in %), with
 * option vols down, unchanged or up (columns; one column when the book holds no options, since
 * vols then change nothing). Losses red, gains green, stronger the larger; the worst cell
 * outlined. Below: the worst of every scenario (a stress test, past crashes included), how the
 * true margin is set (the 99% scan and the ES, not the crashes), and the other scenarios that
 * lose most (extreme moves, one coin alone, dated days from history).
 */
export function StressHeatMap(props: {
  readonly stress: PortfolioReport['stress'];
  /** The coin whose % move labels the rows (the P&L picture's). */
  readonly asset: string | null;
  readonly horizonHours: number;
  /** The book's ES at 99% (USD), which the true margin takes when above the scan's loss. */
  readonly expectedShortfall: number;
  /** Liquidations on that coin's axis (the P&L picture's points): its move and whose it is. */
  readonly liquidations: readonly { readonly move: number; readonly who: string }[];
}) {
  const { stress } = props;
  const grid = stress.grid;
  if (grid === null) return null;
  const columns = grid.volFactors.map((factor, index) => ({ factor, index }));
  const withOptions = grid.pnl.some((row) =>
    row.some((value) => Math.abs(value - (row[0] ?? 0)) > 1e-6 * (1 + Math.abs(value))),
  );
  const shown = withOptions ? columns : columns.filter((column) => column.factor === 1);
  const largest = Math.max(1e-9, ...grid.pnl.flat().map(Math.abs));
  const worstValue = Math.min(...grid.pnl.flat());
  const asset = props.asset ?? Object.keys(grid.scanRanges)[0] ?? null;
  const { scanSigmas } = stress.marginScan;
  const scan = asset === null ? null : (grid.scanRanges[asset] ?? null);
  const others = [...stress.others]
    .sort((a, b) => a.pnl * a.weight - b.pnl * b.weight)
    .filter((item) => item.pnl < 0 && item.label !== stress.worst?.label)
    .slice(0, 4);
  return (
    <section class="picture" data-testid="stress-grid">
      <h2>Stress: your P&amp;L if every coin moves at once</h2>
      <table class="heat">
        <thead>
          <tr>
            <th scope="col">
              Move{props.horizonHours === 24 ? ' (daily σ)' : ` (${props.horizonHours} h σ)`}
            </th>
            {shown.map((column) => (
              <th scope="col" key={column.factor}>
                {column.factor === 1
                  ? withOptions
                    ? 'vols same'
                    : 'P&L, USD'
                  : `vols ×${column.factor}`}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.scanFractions.map((fraction, row) => (
            <tr key={fraction}>
              <th scope="row">
                <Passed
                  move={scan === null ? null : Math.exp(fraction * scan) - 1}
                  liquidations={props.liquidations}
                />
                {sigmas(fraction, scanSigmas)}
                {scan !== null && asset !== null && fraction !== 0 && (
                  <span class="muted">
                    {' '}
                    {asset} {fraction < 0 ? '−' : '+'}
                    {formatPercent(Math.abs(Math.exp(fraction * scan) - 1), 1)}
                  </span>
                )}
              </th>
              {shown.map((column) => {
                const value = grid.pnl[row]?.[column.index] ?? 0;
                const strength = Math.min(1, Math.abs(value) / largest);
                return (
                  <td
                    key={column.factor}
                    data-testid="stress-cell"
                    class={value === worstValue && value < 0 ? 'heat__worst' : undefined}
                    title={`${signedMoney(value)} USD`}
                    style={{
                      background:
                        value < 0
                          ? `rgba(246, 70, 93, ${(0.12 + 0.6 * strength).toFixed(3)})`
                          : value > 0
                            ? `rgba(14, 203, 129, ${(0.12 + 0.5 * strength).toFixed(3)})`
                            : 'transparent',
                    }}
                  >
                    {compactMoney(value)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="caption muted">
        Every position is held open here.
        {props.liquidations.length > 0 &&
          ' ⚠ marks a move past a liquidation on the P&L picture above.'}
        {!withOptions &&
          ' Option vol moves (×0.75, ×1.5) change nothing: the book holds no options.'}
      </p>
      <p class="caption" data-testid="stress-worst">
        Worst of all {stress.scenarios} scenarios, past crashes included:{' '}
        {stress.worst === null
          ? 'none loses'
          : stressScenarioWords(stress.worst.scenario, stress.worst.weight, scanSigmas)}
        , <strong data-testid="stress-loss">{formatMoney(stress.worstLoss, 'USD')}</strong> lost.
      </p>
      <p class="caption muted" data-testid="margin-scan">
        The true margin is sized to the worst 1 in 100 days: the larger of their average loss (
        {formatMoney(props.expectedShortfall, 'USD')}) and the worst move above of up to{' '}
        {scanSigmas.toFixed(1)}σ ({formatMoney(stress.marginScan.loss, 'USD')}), plus the cost of
        closing. Past crashes are a stress test, not a margin.
      </p>
      {others.length > 0 && (
        <ul class="stress-others" aria-label="Next worst">
          {others.map((item) => (
            <li key={item.label} data-testid="stress-other">
              {stressScenarioWords(item.scenario, item.weight, scanSigmas)}: {signedMoney(item.pnl)}{' '}
              USD
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** ⚠ on a row whose move of the coin goes past a liquidation (at or beyond its move, same way). */
function Passed(props: {
  readonly move: number | null;
  readonly liquidations: readonly { readonly move: number; readonly who: string }[];
}) {
  const { move } = props;
  if (move === null || move === 0) return null;
  const passed = props.liquidations.filter(
    (item) =>
      item.move === 0 ||
      (Math.sign(item.move) === Math.sign(move) && Math.abs(move) >= Math.abs(item.move)),
  );
  if (passed.length === 0) return null;
  return (
    <span
      class="passed"
      data-testid="stress-passes-liquidation"
      title={`Past the liquidation of ${passed.map((item) => item.who).join('; ')}`}
    >
      ⚠{' '}
    </span>
  );
}
