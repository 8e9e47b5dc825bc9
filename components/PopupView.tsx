import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AccountReport, MoveLiquidation, Refusal, RiskReport } from '../lib/engine';
// Refusals' module, not the engine's index: the popup's bundle stays free of the engine's code.
import { RefusalScope } from '../lib/engine/measure/refusal';
import { accountName } from '../lib/alerts/alert-names';
import { accountLabeller, connectionOf, venueName } from '../lib/connections/account-names';
import { VENUE_INDEX_SOURCE } from '../lib/connections/venue-index-prices';
import type { PortfolioRiskView } from '../lib/messaging/protocol';
import {
  accountRatios,
  EMPTY_MARGIN_HISTORY,
  type MarginHistory,
} from '../lib/storage/margin-history';
import { ConnectionList } from './ConnectionList';
import { formatAge } from '../lib/format/format-age';
import type { LoadState } from './load-state';
import { AccountCard } from './popup/AccountCard';
import { AllocationTable } from './popup/AllocationTable';
import { BrokenHedges } from './popup/BrokenHedges';
import { CollateralMoves } from './popup/CollateralMoves';
import { legName } from './popup/leg-words';
import { LiquidationLadder } from './popup/LiquidationLadder';
import { modelDetails, modelWords } from './popup/model-words';
import { PnlChart } from './popup/PnlChart';
import { pnlChartData } from './popup/pnl-chart-data';
import { PopupHeadline } from './popup/PopupHeadline';
import { legsByUnderlying, popupLegs, type PopupLeg } from './popup/popup-legs';
import { staleInputs } from './popup/stale-inputs';
import { StressHeatMap } from './popup/StressHeatMap';
import { dayWords } from './popup/stress-words';
import { RefusalList } from './RefusalList';

export type PopupState = LoadState<PortfolioRiskView>;

/**
 * The popup, read top to bottom as a trader would: what is missing or old, the leg nearest to
 * liquidation and the book's headline figures, then pictures (the book's P&L against its main
 * coin's move with each account's liquidation point, the liquidation ladder by underlying, the
 * collateral moves that lift the nearest liquidation, the stress heat map), then the tables
 * (each account with its positions and a day of its margin ratio, who carries the risk). Every
 * figure is the report's; the words and layout are this view's.
 */
export function PopupView({
  state,
  history = EMPTY_MARGIN_HISTORY,
  onOpenOptions,
  now,
  alerts,
  provisional = false,
  progressive = false,
}: {
  readonly state: PopupState;
  /**
   * Paint the headline first and the pictures and tables in the next task, so the first figures
   * reach the screen without waiting for everything below them (the popup's entrypoint).
   */
  readonly progressive?: boolean;
  /**
   * The figures are the stored state's, shown before the background answers (stored-view.ts):
   * the connections' freshness is not known yet, so no data age is shown.
   */
  readonly provisional?: boolean;
  /** Each account's margin ratio over the last day (the background's margin history). */
  readonly history?: MarginHistory;
  readonly onOpenOptions?: () => void;
  /** Milliseconds since the epoch, to say how old the figures (and embedded data) are. */
  readonly now?: number;
  /** The alert history, placed under the headline (issue 11's alerts). */
  readonly alerts?: ComponentChildren;
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
      {state.status === 'ready' && (
        <Ready
          view={state.view}
          history={history}
          now={now}
          alerts={alerts}
          provisional={provisional}
          progressive={progressive}
        />
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

function Ready(props: {
  readonly view: PortfolioRiskView;
  readonly history: MarginHistory;
  readonly now: number | undefined;
  readonly alerts: ComponentChildren | undefined;
  readonly provisional: boolean;
  readonly progressive: boolean;
}) {
  const { view, now } = props;
  const [below, setBelow] = useState(!props.progressive);
  useEffect(() => {
    if (below) return;
    const timer = setTimeout(() => setBelow(true), 0);
    return () => clearTimeout(timer);
  }, [below]);
  const { report } = view;
  const labelOf = accountLabeller(view);
  const legs = popupLegs(report, labelOf);
  const placeOf = (accountId: string) => {
    const account = report.accounts.find((item) => item.id === accountId);
    return account === undefined
      ? { where: accountId, venue: '' }
      : { where: accountName(account.venue, labelOf(account)), venue: account.venue };
  };
  const hasPositions = legs.length > 0;
  const curve = report.portfolio.pnlByMove;
  // Built once per view, so the chart is drawn again only when its figures change.
  const whoOf = (point: MoveLiquidation) =>
    point.position === null
      ? placeOf(point.account).where
      : legNameOf(legs, point.account, point.position);
  const chart = useMemo(() => (curve === null ? null : pnlChartData(curve, whoOf)), [view]);
  return (
    <>
      {view.source === 'demo' && (
        <p class="demo-note" data-testid="demo-note">
          Example positions, not yours. Connect a venue or import a portfolio file to see your own.
        </p>
      )}
      <RefusalList refusals={report.refusals} liveMarketInUse={liveMarketInUse(report)} />
      {report.accounts.length === 0 ? (
        <EmptyState />
      ) : (
        <>
          {hasPositions ? (
            <PopupHeadline report={report} legs={legs} />
          ) : (
            <p class="empty" data-testid="no-positions">
              Your accounts hold no open positions: nothing can be liquidated.
            </p>
          )}
          {now !== undefined && <StaleInputs report={report} now={now} />}
          {props.alerts}
          {/* Pictures, then tables: in the task after the headline's paint when progressive. */}
          {below && (
            <>
              {chart !== null && <PnlChart data={chart} />}
              <LiquidationLadder
                groups={legsByUnderlying(legs)}
                horizonHours={report.portfolio.horizonHours}
              />
              <BrokenHedges
                report={report}
                accountLabel={(accountId) => placeOf(accountId).where}
              />
              <CollateralMoves portfolio={report.portfolio} placeOf={placeOf} />
              <StressHeatMap
                stress={report.portfolio.stress}
                asset={curve?.asset ?? null}
                horizonHours={report.portfolio.horizonHours}
                expectedShortfall={report.portfolio.es}
                liquidations={(curve?.liquidations ?? []).map((point) => ({
                  move: point.move,
                  who: whoOf(point),
                }))}
              />
              <h2>Accounts</h2>
              <ul class="cards">
                {report.accounts.map((account) => (
                  <AccountCard
                    key={account.id}
                    account={account}
                    name={placeOf(account.id).where}
                    venueName={venueName(account.venue)}
                    legs={accountLegs(account, legs)}
                    connection={connectionOf(view, account.id)}
                    fileSource={view.source === 'demo' ? 'demo' : 'file'}
                    provisional={props.provisional}
                    history={accountRatios(props.history, account.id)}
                    horizonHours={report.portfolio.horizonHours}
                    {...scenarioRefusal(report, account.id)}
                    {...(now !== undefined && { now })}
                  />
                ))}
              </ul>
              {report.portfolio.contributions.length > 0 && (
                <AllocationTable
                  contributions={report.portfolio.contributions}
                  es={report.portfolio.es}
                  legs={legs}
                  accounts={report.accounts}
                  whereOf={(accountId) => placeOf(accountId).where}
                />
              )}
            </>
          )}
        </>
      )}
      {view.connections.length > 0 && !props.provisional && (
        <section data-testid="popup-connections">
          <h2>Connected venues</h2>
          <ConnectionList connections={view.connections} />
        </section>
      )}
      <p class="footnote" title={modelDetails(report.portfolio)} data-testid="model">
        Risk from {modelWords(report.portfolio)}.
      </p>
      <p class="footnote" data-testid="market-source">
        {describeMarketSource(report)}
      </p>
      <p class="footnote" data-testid="computed-at">
        Figures computed at {view.computedAt.slice(11, 16)} UTC
        {now === undefined
          ? ''
          : ` (${formatAge(Math.max(0, Math.round((now - Date.parse(view.computedAt)) / 1000)))})`}
        .
      </p>
    </>
  );
}

/** What to do when there is nothing to show: no account, or an empty file. */
function EmptyState() {
  return (
    <section class="empty" data-testid="empty-state">
      <h2>Nothing to watch yet</h2>
      <p>Margin Lens has no account to measure. To see your risk:</p>
      <ul>
        <li>
          connect a venue with a read-only API key (or a Hyperliquid address) in the settings;
        </li>
        <li>or import a portfolio file there;</li>
        <li>
          or open your Deribit or Hyperliquid trading page while logged in: the positions the page
          shows are read from it.
        </li>
      </ul>
    </section>
  );
}

/** Embedded market data or margin tiers older than 30 days, with their dates and what to do. */
function StaleInputs(props: { readonly report: RiskReport; readonly now: number }) {
  const stale = staleInputs(props.report, props.now);
  if (stale.length === 0) return null;
  return (
    <section class="old-data" data-testid="stale-inputs">
      <strong>Old data.</strong>
      {stale.map((item) => (
        <p key={`${item.kind}-${item.asOf}-${item.message}`} data-kind={item.kind}>
          {item.message}
        </p>
      ))}
    </section>
  );
}

/** The account's legs in its positions' order. */
function accountLegs(account: AccountReport, legs: readonly PopupLeg[]): PopupLeg[] {
  return account.positions.flatMap((position) => {
    const leg = legs.find(
      (item) =>
        item.accountId === account.id &&
        item.symbol === position.symbol &&
        item.side === position.side,
    );
    return leg === undefined ? [] : [leg];
  });
}

function legNameOf(
  legs: readonly PopupLeg[],
  accountId: string,
  position: { readonly symbol: string; readonly side: 'long' | 'short' },
): string {
  const leg = legs.find(
    (item) =>
      item.accountId === accountId &&
      item.symbol === position.symbol &&
      item.side === position.side,
  );
  return leg === undefined ? accountId : legName(leg);
}

/**
 * Where the market figures came from: live public data (source, time) or the embedded snapshot
 * (its date in words, "11 Feb 2025") and why.
 */
export function describeMarketSource(report: RiskReport): string {
  const live = report.inputs.liveMarket;
  const snapshot = dayWords(report.inputs.defaultsAsOf.slice(0, 10));
  if (live?.status === 'used' && live.source.startsWith(VENUE_INDEX_SOURCE))
    return `Market: ${live.source}, read ${live.asOf.slice(11, 16)} UTC; vols and correlations from the embedded snapshot of ${snapshot}.`;
  if (live?.status === 'used')
    return `Market: live from ${live.source} at ${live.asOf.slice(11, 16)} UTC; figures it lacks from the embedded snapshot of ${snapshot}.`;
  const why = live?.status === 'unavailable' ? ` (${live.reason})` : '';
  return `Market: embedded snapshot of ${snapshot}${why}, unless the portfolio file gives figures.`;
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
