import { RefusalScope, type AccountReport, type Refusal, type RiskReport } from '../lib/engine';
import { describeModel } from '../lib/format/describe-model';
import {
  formatMoney,
  formatPercent,
  formatPrice,
  formatProbability,
} from '../lib/format/format-figures';
import { VENUE_INDEX_SOURCE } from '../lib/connections/venue-index-prices';
import type { PortfolioRiskView } from '../lib/messaging/protocol';
import { ConnectionList } from './ConnectionList';
import { formatAge } from './format-age';
import { RefusalList } from './RefusalList';
import type { LoadState } from './load-state';

export type PopupState = LoadState<PortfolioRiskView>;

/** The popup: portfolio equity and ES, then each account's margin ratio and distance to liquidation. */
export function PopupView({
  state,
  onOpenOptions,
  now,
}: {
  readonly state: PopupState;
  readonly onOpenOptions?: () => void;
  /** Milliseconds since the epoch, to say how old the figures are. */
  readonly now?: number;
}) {
  return (
    <main class="popup">
      <header class="popup__header">
        <h1>Margin Lens</h1>
        {state.status === 'ready' && state.view.source === 'demo' && (
          <span class="badge" data-testid="demo-badge">
            Demo portfolio
          </span>
        )}
      </header>
      {state.status === 'loading' && <p class="muted">Computing risk…</p>}
      {state.status === 'error' && (
        <p class="error" role="alert" data-testid="popup-error">
          {state.message}
        </p>
      )}
      {state.status === 'ready' && state.view.connections.length > 0 && (
        <section data-testid="popup-connections">
          <h2>Connected venues</h2>
          <ConnectionList connections={state.view.connections} />
        </section>
      )}
      {state.status === 'ready' && (
        <RefusalList
          refusals={state.view.report.refusals}
          liveMarketInUse={liveMarketInUse(state.view.report)}
        />
      )}
      {state.status === 'ready' && <Report report={state.view.report} />}
      {state.status === 'ready' && (
        <p class="footnote" data-testid="computed-at">
          Figures computed at {state.view.computedAt.slice(11, 16)} UTC
          {now === undefined
            ? ''
            : ` (${formatAge(Math.max(0, Math.round((now - Date.parse(state.view.computedAt)) / 1000)))})`}
          .
        </p>
      )}
      {onOpenOptions && (
        <p class="footnote">
          <button type="button" class="link" data-testid="open-options" onClick={onOpenOptions}>
            Connect venues, import a portfolio file, settings
          </button>
        </p>
      )}
    </main>
  );
}

function Report({ report }: { readonly report: RiskReport }) {
  const { portfolio } = report;
  const label = `${formatPercent(portfolio.confidence, 1)} ${portfolio.horizonHours}h`;
  return (
    <>
      <section class="summary">
        <Figure
          label="Equity"
          value={formatMoney(portfolio.equity, 'USD')}
          testId="portfolio-equity"
        />
        <Figure
          label={`Expected Shortfall ${label}`}
          value={formatMoney(portfolio.es, 'USD')}
          testId="portfolio-es"
          emphasis
        />
        <Figure
          label="True margin (ES + liquidity, stress floor)"
          value={formatMoney(portfolio.trueMargin, 'USD')}
          testId="true-margin"
        />
        <Figure
          label="Venues ask (maintenance)"
          value={formatMoney(portfolio.venueMaintenanceMargin, 'USD')}
          testId="portfolio-venue-mm"
        />
        <Figure
          label={`P(any liquidation ${portfolio.horizonHours}h)`}
          value={formatProbability(portfolio.probabilityAnyLiquidation?.value ?? null)}
          testId="probability-any"
        />
        <Figure
          label="Worst stress loss"
          value={formatMoney(portfolio.stress.worstLoss, 'USD')}
          testId="stress-loss"
        />
      </section>
      {portfolio.collateralMoves.length > 0 && (
        <section class="moves" data-testid="collateral-moves">
          <h2>Move collateral</h2>
          <ul>
            {portfolio.collateralMoves.map((move) => (
              <li key={`${move.from}-${move.to}`}>
                {formatMoney(move.amount, move.asset)} from {move.from} to {move.to}
              </li>
            ))}
          </ul>
          <p class="footnote">
            Lifts the nearest liquidation from{' '}
            {portfolio.collateral.currentMinDistance?.toFixed(1) ?? '—'}σ to{' '}
            {portfolio.collateral.achievableMinDistance?.toFixed(1) ?? '—'}σ (
            {portfolio.horizonHours}h moves).
          </p>
        </section>
      )}
      <h2>Accounts</h2>
      <ul class="accounts">
        {report.accounts.map((account) => (
          <AccountRow
            key={account.id}
            account={account}
            horizonHours={portfolio.horizonHours}
            {...scenarioRefusal(report, account.id)}
          />
        ))}
      </ul>
      <h2>Who carries the risk (ES contribution)</h2>
      <ul class="contributions">
        {portfolio.contributions.map((item) => (
          <li key={`${item.account}-${item.symbol}`} data-testid="contribution">
            <span>
              {item.account} · {item.symbol}
            </span>
            <span>{formatMoney(item.es)}</span>
          </li>
        ))}
      </ul>
      <p class="footnote">{describeModel(portfolio)}.</p>
      <p class="footnote" data-testid="market-source">
        {describeMarketSource(report)}
      </p>
    </>
  );
}

function AccountRow({
  account,
  horizonHours,
  refused,
}: {
  readonly account: AccountReport;
  readonly horizonHours: number;
  /** Why the account is not in the scenario measures, when it is not. */
  readonly refused?: Refusal;
}) {
  const { liquidation } = account;
  const danger = account.marginRatio >= 0.8 || (liquidation.probability?.value ?? 0) >= 0.05;
  const nearest = account.positions.find(
    (position) => position.symbol === liquidation.nearestSymbol,
  );
  const distance =
    liquidation.distancePct === null
      ? 'none'
      : `${liquidation.direction === 'down' ? '−' : '+'}${formatPercent(liquidation.distancePct)} (${liquidation.nearestSymbol ?? ''})`;
  return (
    <li class={`account${danger ? ' account--danger' : ''}`} data-account={account.id}>
      <div class="account__title">
        <strong>{account.id}</strong>
        <span class="muted">{account.venue}</span>
      </div>
      <dl class="account__figures">
        <dt>Equity</dt>
        <dd>{formatMoney(account.equity, account.settle)}</dd>
        <dt>Margin ratio</dt>
        <dd data-testid="margin-ratio">{formatPercent(account.marginRatio)}</dd>
        <dt>Nearest liquidation</dt>
        <dd data-testid="liquidation-distance">{distance}</dd>
        <dt>Liquidation price</dt>
        <dd data-testid="liquidation-price">{formatPrice(nearest?.liquidationPrice ?? null)}</dd>
        <dt>P(liquidation {horizonHours}h)</dt>
        <dd data-testid="liquidation-probability">
          {liquidation.probability === null && refused !== undefined
            ? 'not computed (see above)'
            : formatProbability(liquidation.probability?.value ?? null)}
        </dd>
      </dl>
    </li>
  );
}

function Figure(props: {
  readonly label: string;
  readonly value: string;
  readonly testId: string;
  readonly emphasis?: boolean;
}) {
  return (
    <div class={`figure${props.emphasis ? ' figure--emphasis' : ''}`}>
      <span class="figure__label">{props.label}</span>
      <span class="figure__value" data-testid={props.testId}>
        {props.value}
      </span>
    </div>
  );
}

/** Where the market figures came from: live public data (source, time) or the embedded snapshot and why. */
export function describeMarketSource(report: RiskReport): string {
  const live = report.inputs.liveMarket;
  if (live?.status === 'used' && live.source.startsWith(VENUE_INDEX_SOURCE))
    return `Market: ${live.source}, read ${live.asOf.slice(11, 16)} UTC; vols and correlations from the embedded snapshot of ${report.inputs.defaultsAsOf}.`;
  if (live?.status === 'used')
    return `Market: live from ${live.source} at ${live.asOf.slice(11, 16)} UTC; figures it lacks from the embedded snapshot of ${report.inputs.defaultsAsOf}.`;
  const why = live?.status === 'unavailable' ? ` (${live.reason})` : '';
  return `Market: embedded snapshot of ${report.inputs.defaultsAsOf}${why}, unless the portfolio file gives figures.`;
}

/** The refusal that keeps an account out of the scenario measures, as optional props. */
function scenarioRefusal(report: RiskReport, accountId: string): { refused?: Refusal } {
  const refused = report.refusals.find(
    (refusal) =>
      refusal.removes === RefusalScope.scenarioMeasures &&
      (refusal.account === accountId || refusal.account === null),
  );
  return refused === undefined ? {} : { refused };
}

/** Whether live public market data (not just the venues' own index prices) priced the report. */
function liveMarketInUse(report: RiskReport): boolean {
  const live = report.inputs.liveMarket;
  return live?.status === 'used' && !live.source.startsWith(VENUE_INDEX_SOURCE);
}
