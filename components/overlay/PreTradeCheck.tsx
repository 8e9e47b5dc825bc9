import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TradeImpact, TradeWarningKind } from '../../lib/engine';
import { formatMoney, formatPrice } from '../../lib/format/format-figures';
import {
  isUnderwater,
  marginRatioWords,
  type MarginRatioFigures,
} from '../../lib/format/margin-ratio-words';
import type { PageRiskView, PageTradeImpact } from '../../lib/messaging/page-risk-view-types';
import type { GetTradeImpactRequest } from '../../lib/messaging/protocol';
import { draftFromForm, impactRequests, type OrderDraft } from '../../lib/overlay/order-draft';
import type { FormSnapshot } from '../../lib/overlay/watch-order-form';
import { chanceShort, signedMoney } from '../../lib/overlay/overlay-words';
import { WhatIfForm, draftFromWhatIf, type WhatIfValues } from './WhatIfForm';

/**
 * The pre-trade check: as the trader types into the page's order form (or the overlay's own
 * what-if form when the page's cannot be read), what the order does before it is placed: the
 * account's initial and maintenance margin after it, the position's new liquidation price, the
 * account's margin ratio, the change in portfolio ES (negative when the order hedges), the change
 * in the chance of liquidation, and the venue-rule warnings (does not fit, liquidated at once,
 * a price beyond liquidation, another leg made first to die). Both sides when the form leaves
 * the side open. The latest answer wins; an older one arriving late is dropped.
 */
/** Warnings that mean "do not place this order as it is", shown first and in red. */
const SEVERE: ReadonlySet<TradeWarningKind> = new Set<TradeWarningKind>([
  'liquidated-at-once',
  'beyond-liquidation',
  'liquidated-before-fill',
  'does-not-fit',
  'first-to-die',
]);
const WARNING_ORDER: readonly TradeWarningKind[] = [
  'liquidated-at-once',
  'beyond-liquidation',
  'liquidated-before-fill',
  'does-not-fit',
  'first-to-die',
  'nearer-liquidation',
  'tier-changes',
  'tier-assumed',
];

/** How long the trader pauses typing before the chance of liquidation is simulated (ms). */
const CHANCE_AFTER_PAUSE_MS = 300;

export function PreTradeCheck(props: {
  readonly view: PageRiskView;
  readonly symbol: string;
  readonly form: FormSnapshot;
  readonly requestImpact: (request: GetTradeImpactRequest) => Promise<PageTradeImpact>;
  /** Input event to painted figures, ms (the benchmark reads these). */
  readonly onLatency?: (milliseconds: number) => void;
}) {
  const { view, form } = props;
  const fromForm = draftFromForm(form.reading);
  const [useOwn, setUseOwn] = useState(false);
  const [whatIf, setWhatIf] = useState<WhatIfValues>(() => whatIfFrom(form));
  const [accountId, setAccountId] = useState(view.orderAccounts[0]?.accountId ?? '');
  const formDraft = 'missing' in fromForm ? null : fromForm;
  // The page's form is there and read, only no size typed yet: wait for the trader to type.
  const formWaits =
    form.reading !== null && !form.reading.size.read && form.reading.size.reason === 'empty';
  const draft: OrderDraft | null =
    formDraft !== null && !useOwn
      ? formDraft
      : formWaits && !useOwn
        ? null
        : draftFromWhatIf(
            whatIf,
            form.reading?.contractSize.read ? form.reading.contractSize.value : null,
          );
  const [results, setResults] = useState<{
    readonly key: string;
    readonly answers: readonly (readonly [GetTradeImpactRequest, PageTradeImpact | string])[];
    readonly eventTime: number | null;
  } | null>(null);
  const sequence = useRef(0);

  const account = view.orderAccounts.find((entry) => entry.accountId === accountId)
    ? accountId
    : (view.orderAccounts[0]?.accountId ?? '');
  const requests =
    draft === null || account === ''
      ? []
      : impactRequests(
          draft,
          { venue: view.venue, symbol: props.symbol, accountId: account },
          false,
        );
  // Asked again when the order changes or the state it was checked against does (a fill, a refresh).
  const key = JSON.stringify([requests, view.computedAt]);

  // Two passes: the venue-rule margins and ES change at once (a few ms), then the same order with
  // the simulated chance of liquidation. A newer keystroke drops both of an older one's answers.
  // A layout effect, not an effect: it runs as the new draft commits, not a frame later, so a
  // keystroke's request leaves at once (an effect would wait for the next paint, ~16 ms).
  useLayoutEffect(() => {
    if (requests.length === 0) {
      setResults(null);
      return;
    }
    const mine = ++sequence.current;
    const eventTime = form.eventTime;
    const ask = (list: readonly GetTradeImpactRequest[]) =>
      Promise.all(
        list.map((request) =>
          props.requestImpact(request).then(
            (answer) => [request, answer] as const,
            (error: unknown) =>
              [request, error instanceof Error ? error.message : String(error)] as const,
          ),
        ),
      );
    let chanceTimer: ReturnType<typeof setTimeout> | undefined;
    void ask(requests).then((answers) => {
      if (mine !== sequence.current) return;
      setResults({ key, answers, eventTime });
      // The simulation waits until the trader pauses, so it never delays the next keystroke.
      chanceTimer = setTimeout(() => {
        void ask(requests.map((request) => ({ ...request, withProbability: true }))).then(
          (withChance) => {
            if (mine === sequence.current)
              setResults({ key, answers: withChance, eventTime: null });
          },
        );
      }, CHANCE_AFTER_PAUSE_MS);
    });
    return () => clearTimeout(chanceTimer);
    // The request list is keyed by its JSON: a re-render with the same order asks nothing.
  }, [key]);

  useLayoutEffect(() => {
    if (results?.eventTime != null && props.onLatency)
      props.onLatency(performance.now() - results.eventTime);
  }, [results]);

  if (view.orderAccounts.length === 0)
    return (
      <section class="pretrade" data-testid="pretrade">
        <h3>Pre-trade check</h3>
        <p class="muted">
          No {view.venueName} account is connected or imported: nothing to check an order against.
        </p>
      </section>
    );

  return (
    <section class="pretrade" data-testid="pretrade">
      <div class="pretrade__head">
        <h3>Pre-trade check</h3>
        {(formDraft !== null || formWaits) && (
          <button
            type="button"
            class="linkish"
            data-testid="toggle-what-if"
            onClick={() => setUseOwn(!useOwn)}
          >
            {useOwn
              ? 'Use the page’s form'
              : formWaits
                ? 'Enter an order here'
                : 'Try other numbers'}
          </button>
        )}
      </div>
      {view.orderAccounts.length > 1 && (
        <label class="pretrade__account">
          Account{' '}
          <select
            value={account}
            onChange={(event) => setAccountId((event.target as HTMLSelectElement).value)}
          >
            {view.orderAccounts.map((entry) => (
              <option key={entry.accountId} value={entry.accountId}>
                {entry.accountLabel}
              </option>
            ))}
          </select>
        </label>
      )}
      {formDraft !== null && !useOwn ? (
        <p class="muted" data-testid="pretrade-source">
          From the page’s order form
          {formDraft.notRead.length > 0 && ` (not read: ${formDraft.notRead.join('; ')})`}.
        </p>
      ) : formWaits && !useOwn ? (
        <p class="muted" data-testid="pretrade-source">
          Type a size in the order form to see what the order would do.
        </p>
      ) : (
        <>
          {'missing' in fromForm && !formWaits && (
            <p class="muted" data-testid="pretrade-source">
              The page’s order form cannot be read ({fromForm.missing}): enter the order here.
            </p>
          )}
          <WhatIfForm draft={whatIf} instrumentName={view.instrumentName} onChange={setWhatIf} />
        </>
      )}
      {results !== null && results.key === key && (
        <ImpactTable answers={results.answers} view={view} />
      )}
    </section>
  );
}

type Answer = readonly [GetTradeImpactRequest, PageTradeImpact | string];

/** A margin ratio; an underwater account (equity ≤ maintenance margin) in words and red. */
function MarginRatioCell(props: { readonly figures: MarginRatioFigures }) {
  if (!isUnderwater(props.figures)) return <>{marginRatioWords(props.figures, 1)}</>;
  return (
    <span class="level level--critical" data-underwater="true">
      {marginRatioWords(props.figures, 1)}
    </span>
  );
}

/**
 * The answers side by side: one column for now and one per side checked, so a trader in one-way
 * mode compares Buy and Sell at a glance. Warnings and refusals follow, each naming its side.
 */
function ImpactTable(props: { readonly answers: readonly Answer[]; readonly view: PageRiskView }) {
  const { answers } = props;
  const impacts = answers.map(([request, answer]) => ({
    request,
    impact: typeof answer !== 'string' && answer.ok ? answer.impact : null,
    refusal: typeof answer === 'string' ? answer : answer.ok ? null : answer.refused.message,
    assumptions: typeof answer !== 'string' && answer.ok ? answer.assumptions : [],
  }));
  const first = impacts.find((entry) => entry.impact !== null)?.impact ?? null;
  const sideWord = (request: GetTradeImpactRequest) => (request.side === 'buy' ? 'Buy' : 'Sell');
  const row = (
    label: string,
    testId: string,
    now: (impact: TradeImpact) => preact.ComponentChildren,
    after: (impact: TradeImpact) => preact.ComponentChildren,
  ) => (
    <tr data-testid={testId}>
      <th scope="row">{label}</th>
      <td class="muted">{first === null ? '' : now(first)}</td>
      {impacts.map(({ request, impact }) => (
        <td
          key={request.side}
          data-side={request.side}
          class={impact?.warnings.some((warning) => SEVERE.has(warning.kind)) ? 'is-severe' : ''}
        >
          <strong>{impact === null ? '—' : after(impact)}</strong>
        </td>
      ))}
    </tr>
  );
  const chance = (impact: TradeImpact, which: 'before' | 'after') => {
    const estimate = impact.liquidationProbability;
    return estimate === null ? '…' : chanceShort(estimate[which]);
  };
  const order = answers[0]?.[0];
  return (
    <div class="impact" data-testid="impact">
      {order !== undefined && (
        <p class="impact__order">
          {answers.length > 1 ? 'Buy or sell' : sideWord(order)} {sizeWords(order)}
        </p>
      )}
      <table class="impact__table">
        <thead>
          <tr>
            <th />
            <th class="muted">Now</th>
            {impacts.map(({ request }) => (
              <th key={request.side} class={`impact__side impact__side--${request.side}`}>
                If {sideWord(request).toLowerCase()}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {row(
            'Liq. price',
            'impact-liquidation',
            (impact) => tablePrice(impact.position.before?.liquidationPrice ?? null),
            (impact) => tablePrice(impact.position.after?.liquidationPrice ?? null),
          )}
          {row(
            'Initial margin',
            'impact-initial-margin',
            (impact) => formatAmount(impact.account.before.initialMargin, impact.settle),
            (impact) => formatAmount(impact.account.after.initialMargin, impact.settle),
          )}
          {row(
            'Maint. margin',
            'impact-maintenance-margin',
            (impact) => formatAmount(impact.account.before.maintenanceMargin, impact.settle),
            (impact) => formatAmount(impact.account.after.maintenanceMargin, impact.settle),
          )}
          {row(
            'Margin ratio',
            'impact-margin-ratio',
            (impact) => (
              <MarginRatioCell figures={impact.account.before} />
            ),
            (impact) => (
              <MarginRatioCell figures={impact.account.after} />
            ),
          )}
          {row(
            `Liq. chance ${props.view.horizonHours} h`,
            'impact-chance',
            (impact) => chance(impact, 'before'),
            (impact) => chance(impact, 'after'),
          )}
          {row(
            'Book’s ES',
            'impact-es',
            (impact) =>
              impact.expectedShortfall === null
                ? '—'
                : formatAmount(impact.expectedShortfall.before),
            (impact) =>
              impact.expectedShortfall === null
                ? '—'
                : signedMoney(impact.expectedShortfall.change),
          )}
        </tbody>
      </table>
      <p class="muted impact__units">
        Margins in {first?.settle ?? 'the account’s currency'}. ES (expected shortfall) = the whole
        book’s average loss on its worst days, USD; negative: the order hedges.
      </p>
      {impacts.map(({ request, impact, refusal, assumptions }) => (
        <div key={request.side} data-testid={`impact-${request.side}`}>
          {refusal !== null && (
            <p class="impact__refused" role="alert" data-testid="impact-refused">
              {sideWord(request)}: {refusal}
            </p>
          )}
          {impact !== null && impact.warnings.length > 0 && (
            <ul class="impact__warnings" role="alert" data-testid="impact-warnings">
              {[...impact.warnings]
                .sort((a, b) => WARNING_ORDER.indexOf(a.kind) - WARNING_ORDER.indexOf(b.kind))
                .map((warning) => (
                  <li
                    key={warning.kind}
                    data-warning={warning.kind}
                    class={`impact__warning--${SEVERE.has(warning.kind) ? 'severe' : 'note'}`}
                  >
                    <strong>{sideWord(request)}:</strong> {warning.message}
                  </li>
                ))}
            </ul>
          )}
          {[...assumptions, ...(impact?.notComputed ?? [])].map((line) => (
            <p class="muted" key={line}>
              {line}
            </p>
          ))}
        </div>
      ))}
    </div>
  );
}

/** A liquidation price in the table: "none" where there is none (the column is narrow). */
function tablePrice(price: number | null): string {
  return price === null || !(price > 0) ? 'none' : formatPrice(price);
}

/** An amount with the digits its currency needs, without the currency (the note under the table names it). */
function formatAmount(value: number | null, currency = ''): string {
  const text = formatMoney(value, currency);
  return currency !== '' && text.endsWith(` ${currency}`)
    ? text.slice(0, -currency.length - 1)
    : text;
}

function sizeWords(request: GetTradeImpactRequest): string {
  const price = request.price === null ? '' : ` at ${formatPrice(request.price)}`;
  const size = request.size.value.toLocaleString('en-US', { maximumFractionDigits: 8 });
  return `${size} ${unitWord(request)}, ${request.orderType}${price}`;
}

function unitWord(request: GetTradeImpactRequest): string {
  if (request.size.unit === 'contracts') return 'contracts';
  const [base = '', rest = ''] = request.symbol.split('/');
  if (request.size.unit === 'base') return base;
  const quote = rest.split(':')[0] ?? '';
  return request.size.unit === 'margin' ? `${quote} margin on ${base}` : `${quote} of ${base}`;
}

function whatIfFrom(form: FormSnapshot): WhatIfValues {
  const reading = form.reading;
  return {
    side: reading?.side.read && reading.side.value !== null ? reading.side.value : 'buy',
    orderType: reading?.type.read ? reading.type.value : 'market',
    sizeText: reading?.size.read ? String(reading.size.value.value) : '',
    unit: reading?.size.read ? reading.size.value.unit : 'base',
    priceText: reading?.price.read ? String(reading.price.value) : '',
    leverageText: reading?.leverage.read ? String(reading.leverage.value) : '',
    reduceOnly: reading?.reduceOnly.read ? reading.reduceOnly.value : false,
  };
}
