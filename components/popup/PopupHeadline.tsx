import type { RiskReport } from '../../lib/engine';
import { formatMoney } from '../../lib/format/format-figures';
import { modelWords } from './model-words';
import { DANGER_WORDS, DangerLevel } from '../../lib/overlay/danger-level';
import { chanceText } from '../../lib/overlay/overlay-words';
import { closenessWords, legName, liquidationWords } from './leg-words';
import type { PopupLeg } from './popup-legs';

/**
 * The popup's first lines, read at a glance: the leg nearest to liquidation first and in its
 * colour, then the book's equity, the chance that any account is liquidated within the horizon,
 * the true margin against what the venues ask, and the Expected Shortfall with its confidence
 * and horizon explained in one hover line.
 */
export function PopupHeadline(props: {
  readonly report: RiskReport;
  readonly legs: readonly PopupLeg[];
}) {
  const { portfolio } = props.report;
  const hours = portfolio.horizonHours;
  const nearest = props.legs.find((leg) => leg.liquidationPrice !== null);
  const level = nearest?.level ?? DangerLevel.none;
  const multiple =
    portfolio.venueMaintenanceMargin > 0
      ? portfolio.trueMargin / portfolio.venueMaintenanceMargin
      : null;
  return (
    <section class="headline" data-testid="headline">
      <div
        class={`nearest level-border--${level}`}
        data-testid="most-endangered"
        data-level={level}
      >
        {nearest === undefined ? (
          <p class="nearest__what">No position can be liquidated on its own.</p>
        ) : (
          <>
            <div class="nearest__top">
              <span class={`level level--${level}`}>{DANGER_WORDS[level]}</span>
              <span class="muted">nearest to liquidation</span>
            </div>
            <p class="nearest__what" data-testid="most-endangered-leg">
              {legName(nearest)}: {liquidationWords(nearest)}
            </p>
            <p class="nearest__how">{closenessWords(nearest, hours)}</p>
          </>
        )}
      </div>
      <div class="figures">
        <Figure
          label="Equity"
          value={formatMoney(portfolio.equity, 'USD')}
          testId="portfolio-equity"
        />
        <Figure
          label={`Chance any account is liquidated in ${hours} h`}
          value={
            portfolio.probabilityAnyLiquidation === null
              ? 'not computed'
              : chanceText(portfolio.probabilityAnyLiquidation)
          }
          testId="probability-any"
          title={`Simulated on ${portfolio.probabilityAnyLiquidation?.paths.toLocaleString('en-US') ?? 'no'} price paths over the next ${hours} hours, checked every hour and between the hours; the range in brackets is the estimate's 95% interval.`}
        />
        <Figure
          label="True margin"
          value={formatMoney(portfolio.trueMargin, 'USD')}
          testId="true-margin"
          title="What a portfolio-margin model would hold against this whole book: its Expected Shortfall plus the cost of closing, and at least its worst stress loss."
          note={
            <>
              the venues require{' '}
              <span data-testid="portfolio-venue-mm">
                {formatMoney(portfolio.venueMaintenanceMargin, 'USD')}
              </span>
              {multiple !== null && multiple >= 1.05
                ? ` (${multiple.toFixed(1)}× less)`
                : multiple !== null && multiple <= 0.95
                  ? ` (${(1 / multiple).toFixed(1)}× more)`
                  : ''}
            </>
          }
        />
        <Figure
          label={`Expected Shortfall ${formatConfidence(portfolio.confidence)}, ${hours} h`}
          value={formatMoney(portfolio.es, 'USD')}
          testId="portfolio-es"
          title={esHoverLine(portfolio)}
        />
      </div>
    </section>
  );
}

function Figure(props: {
  readonly label: string;
  readonly value: string;
  readonly testId: string;
  readonly title?: string;
  readonly note?: preact.ComponentChildren;
}) {
  return (
    <div class="figure" title={props.title}>
      <span class="figure__label">
        {props.label}
        {props.title !== undefined && (
          <span class="hint" aria-hidden="true">
            {' '}
            ⓘ
          </span>
        )}
      </span>
      <span class="figure__value" data-testid={props.testId}>
        {props.value}
      </span>
      {props.note !== undefined && <span class="figure__note">{props.note}</span>}
    </div>
  );
}

/** 0.99 → "99%", 0.975 → "97.5%". */
function formatConfidence(confidence: number): string {
  return `${Number((confidence * 100).toFixed(1))}%`;
}

/**
 * "The average loss on the worst 1 in 100 days, looking 24 h ahead, from 20,000 simulated days
 * with fat tails." — the ES, its confidence and horizon in one line.
 */
export function esHoverLine(portfolio: RiskReport['portfolio']): string {
  const tail = 1 - portfolio.confidence;
  const oneIn = tail > 0 ? Math.round(1 / tail) : null;
  const days = portfolio.horizonHours === 24 ? 'days' : `${portfolio.horizonHours}-hour periods`;
  const worst = oneIn === null ? 'the worst outcome' : `the worst 1 in ${oneIn} ${days}`;
  return `The average loss on ${worst}, looking ${portfolio.horizonHours} h ahead, from ${modelWords(portfolio)}.`;
}
