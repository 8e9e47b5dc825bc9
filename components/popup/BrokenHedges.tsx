import type { RiskReport } from '../../lib/engine';
import { compactMoney } from './pnl-chart-data';
import { brokenHedgeWords } from './broken-hedge-words';

/**
 * "If one leg of a hedge is liquidated first": per leg that can die on its own (the engine's
 * broken-hedges measure, largest chance × cost first), where and how likely, what the book is
 * down at that moment, and a picture of its risk before and after: two bars, a bad day's loss
 * (ES 99%) now and with the other side left unhedged, on one scale for every leg.
 */
export function BrokenHedges(props: {
  readonly report: RiskReport;
  readonly accountLabel: (accountId: string) => string;
}) {
  const legs = props.report.portfolio.brokenHedges.slice(0, 3);
  if (legs.length === 0) return null;
  const words = legs.map((leg) => brokenHedgeWords(props.report, leg, props.accountLabel));
  const largest = Math.max(1, ...words.flatMap((leg) => [leg.esNow, leg.esAfter]));
  const width = (value: number) => `${Math.max(0.5, (100 * value) / largest).toFixed(1)}%`;
  return (
    <section class="picture broken-hedges" data-testid="broken-hedges">
      <h2>If one leg of a hedge is liquidated first</h2>
      <ul>
        {words.map((leg) => (
          <li
            key={leg.key}
            class={`broken-hedge level-border--${leg.level}`}
            data-testid="broken-hedge"
          >
            <p>
              <strong class={`level--${leg.level}`}>{leg.who}</strong>: {leg.when}.
            </p>
            <p class="muted">{leg.atOnce}</p>
            <div class="broken-hedge__bars" aria-label="A bad day's loss now and after">
              <LossBar label="bad day today" loss={leg.esNow} width={width} kind="now" />
              <LossBar label="after it" loss={leg.esAfter} width={width} kind="after" />
            </div>
            <p>{leg.after}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One row of the picture: its label, a bar as long as the loss on the common scale, the figure. */
function LossBar(props: {
  readonly label: string;
  readonly loss: number;
  readonly width: (value: number) => string;
  readonly kind: 'now' | 'after';
}) {
  return (
    <>
      <span class="broken-hedge__label">{props.label}</span>
      <span class="broken-hedge__track">
        <span
          class={`broken-hedge__bar broken-hedge__bar--${props.kind}`}
          style={{ width: props.width(props.loss) }}
        />
      </span>
      <span class="broken-hedge__value">{compactMoney(-props.loss)}</span>
    </>
  );
}
