import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TradeImpact } from '../../lib/engine';
import { formatMoney, formatPercent } from '../../lib/format/format-figures';
import type { PageRiskView, PageTradeImpact } from '../../lib/messaging/page-risk-view-types';
import type { GetTradeImpactRequest } from '../../lib/messaging/protocol';
import { draftFromForm, impactRequests, type OrderDraft } from '../../lib/overlay/order-draft';
import type { FormSnapshot } from '../../lib/overlay/watch-order-form';
import { chanceText, liquidationPriceText, signedMoney } from '../../lib/overlay/overlay-words';
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
  const draft: OrderDraft | null =
    formDraft !== null && !useOwn
      ? formDraft
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
      : impactRequests(draft, { venue: view.venue, symbol: props.symbol, accountId: account });
  const key = JSON.stringify(requests);

  useEffect(() => {
    if (requests.length === 0) {
      setResults(null);
      return;
    }
    const mine = ++sequence.current;
    const eventTime = form.eventTime;
    void Promise.all(
      requests.map((request) =>
        props.requestImpact(request).then(
          (answer) => [request, answer] as const,
          (error: unknown) =>
            [request, error instanceof Error ? error.message : String(error)] as const,
        ),
      ),
    ).then((answers) => {
      if (mine === sequence.current) setResults({ key, answers, eventTime });
    });
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
        {formDraft !== null && (
          <button
            type="button"
            class="linkish"
            data-testid="toggle-what-if"
            onClick={() => setUseOwn(!useOwn)}
          >
            {useOwn ? 'Use the page’s form' : 'Try other numbers'}
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
      ) : (
        <>
          {'missing' in fromForm && (
            <p class="muted" data-testid="pretrade-source">
              The page’s order form cannot be read ({fromForm.missing}): enter the order here.
            </p>
          )}
          <WhatIfForm draft={whatIf} instrumentName={view.instrumentName} onChange={setWhatIf} />
        </>
      )}
      {results !== null &&
        results.key === key &&
        results.answers.map(([request, answer]) => (
          <ImpactResult key={request.side} request={request} answer={answer} view={view} />
        ))}
    </section>
  );
}

function ImpactResult(props: {
  readonly request: GetTradeImpactRequest;
  readonly answer: PageTradeImpact | string;
  readonly view: PageRiskView;
}) {
  const { request, answer } = props;
  const title = `If you ${request.side === 'buy' ? 'buy' : 'sell'} ${request.size.value.toLocaleString('en-US')} ${unitWord(request)} (${request.orderType})`;
  if (typeof answer === 'string' || !answer.ok)
    return (
      <div class="impact" data-testid={`impact-${request.side}`}>
        <h4>{title}</h4>
        <p class="impact__refused" role="alert" data-testid="impact-refused">
          {typeof answer === 'string' ? answer : answer.refused.message}
        </p>
      </div>
    );
  const { impact } = answer;
  return (
    <div class="impact" data-testid={`impact-${request.side}`}>
      <h4>{title}</h4>
      {impact.warnings.length > 0 && (
        <ul class="impact__warnings" role="alert" data-testid="impact-warnings">
          {impact.warnings.map((warning) => (
            <li key={warning.kind} data-warning={warning.kind}>
              {warning.message}
            </li>
          ))}
        </ul>
      )}
      <table class="impact__table">
        <tbody>
          <Row
            label="Liquidation price"
            testId="impact-liquidation"
            before={liquidationPriceText(impact.position.before?.liquidationPrice ?? null)}
            after={liquidationPriceText(impact.position.after?.liquidationPrice ?? null)}
          />
          <Row
            label="Initial margin"
            testId="impact-initial-margin"
            before={formatMoney(impact.account.before.initialMargin, impact.settle)}
            after={formatMoney(impact.account.after.initialMargin, impact.settle)}
          />
          <Row
            label="Maintenance margin"
            testId="impact-maintenance-margin"
            before={formatMoney(impact.account.before.maintenanceMargin, impact.settle)}
            after={formatMoney(impact.account.after.maintenanceMargin, impact.settle)}
          />
          <Row
            label="Margin ratio"
            testId="impact-margin-ratio"
            before={formatPercent(impact.account.before.marginRatio, 1)}
            after={formatPercent(impact.account.after.marginRatio, 1)}
          />
          <ChanceRow impact={impact} horizonHours={props.view.horizonHours} />
        </tbody>
      </table>
      {impact.expectedShortfall !== null && (
        <p
          class={`impact__es ${impact.expectedShortfall.change < 0 ? 'is-better' : 'is-worse'}`}
          data-testid="impact-es"
        >
          Book’s expected shortfall {signedMoney(impact.expectedShortfall.change)} USD{' '}
          {impact.expectedShortfall.change < 0 ? '(this order hedges)' : '(this order adds risk)'}
        </p>
      )}
      {[...answer.assumptions, ...impact.notComputed].map((line) => (
        <p class="muted" key={line}>
          {line}
        </p>
      ))}
    </div>
  );
}

function Row(props: { label: string; testId: string; before: string; after: string }) {
  return (
    <tr data-testid={props.testId}>
      <th scope="row">{props.label}</th>
      <td class="muted">{props.before}</td>
      <td aria-hidden="true">→</td>
      <td>
        <strong>{props.after}</strong>
      </td>
    </tr>
  );
}

function ChanceRow({ impact, horizonHours }: { impact: TradeImpact; horizonHours: number }) {
  const chance = impact.liquidationProbability;
  if (chance === null) return null;
  return (
    <Row
      label={`Chance of liquidation in ${horizonHours} h`}
      testId="impact-chance"
      before={chanceText({ ...chance.before, paths: chance.paths })}
      after={chanceText({ ...chance.after, paths: chance.paths })}
    />
  );
}

function unitWord(request: GetTradeImpactRequest): string {
  if (request.size.unit === 'contracts') return 'contracts';
  const [base = '', rest = ''] = request.symbol.split('/');
  return request.size.unit === 'base' ? base : `${rest.split(':')[0] ?? ''} of ${base}`;
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
