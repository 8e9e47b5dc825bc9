import {
  RefusalScope,
  type AccountReport,
  type PositionReport,
  type Probability,
  type RiskReport,
} from '../engine';
import type { PortfolioOrigin } from '../connections/assemble-portfolio';
import type { ConnectionView } from '../connections/connection-types';
import { formatPercent, formatPrice } from '../format/format-figures';
import { instrumentName, instrumentNames, underlyingOf } from '../format/instrument-name';
import { formatAge } from '../format/format-age';
import { isUnderwater } from '../format/margin-ratio-words';
import type {
  FirstToDie,
  PageAccount,
  PageLeg,
  PageRiskView,
  PageLegProbability,
} from '../messaging/page-risk-view-types';
import { accountLabeller, connectionOf, venueName } from '../connections/account-names';
import { nearness } from '../overlay/danger-level';

/** The page the overlay is on: its venue (checked against the sender's origin), instrument and underlying. */
export interface PageQuery {
  readonly venue: string;
  readonly symbol: string | null;
  readonly underlying: string;
}

/** What the risk state holds beside its report. */
export interface PageRiskSources {
  readonly report: RiskReport;
  readonly source: PortfolioOrigin;
  readonly computedAt: string;
  readonly connections: readonly ConnectionView[];
  /** Report account id → the connection it was read through. */
  readonly accountConnections: Readonly<Record<string, string>>;
}

/**
 * The overlay's view of one trading page, from the risk state's report: every leg on the page's
 * underlying across venues and accounts (nearest to liquidation first), the accounts holding
 * them, which leg dies first, and the portfolio's true margin against what the venues ask.
 * Per-leg figures are the leg's own; a cross leg's probability is its account's, shown once on
 * the account. Pure: no storage, no messaging.
 */
export function pageRiskView(sources: PageRiskSources, page: PageQuery): PageRiskView {
  const { report } = sources;
  const labelOf = accountLabeller(sources);
  const viewIdOf = viewIds(report, page.venue);
  const underlying = pageUnderlying(report, page);
  const legs: PageLeg[] = [];
  const holders = new Set<string>();
  for (const account of report.accounts) {
    for (const position of account.positions) {
      if (underlying === null || underlyingOf(position.symbol) !== underlying) continue;
      const connection = connectionOf(sources, account.id);
      legs.push({
        ...legOf(account, position, page, labelOf(account), viewIdOf(account.id)),
        freshness: connection?.freshness ?? null,
        dataAgeSeconds: connection?.dataAgeSeconds ?? null,
        staleReason: connection?.staleReason ?? null,
      });
      holders.add(account.id);
    }
  }
  // Plain names, told apart where two legs would read alike (a USDT and an inverse BTC perp).
  const names = instrumentNames(legs.map((leg) => leg.symbol));
  const named = legs.map((leg) => ({
    ...leg,
    instrumentName: names.get(leg.symbol) ?? leg.instrumentName,
  }));
  named.sort((a, b) => legNearness(a) - legNearness(b));
  const accounts = report.accounts
    .filter((account) => holders.has(account.id))
    .map((account) => ({
      ...accountOf(account, labelOf(account), sources),
      accountId: viewIdOf(account.id),
    }));
  const venueAccounts = report.accounts.filter((account) => account.venue === page.venue);
  const holdsPageSymbol = (account: AccountReport) =>
    account.positions.some((position) => position.symbol === page.symbol);
  const orderAccounts = [
    ...venueAccounts.filter(holdsPageSymbol),
    ...venueAccounts.filter((account) => !holdsPageSymbol(account)),
  ].map((account) => ({ accountId: account.id, accountLabel: labelOf(account) }));
  return {
    source: sources.source,
    computedAt: sources.computedAt,
    horizonHours: report.portfolio.horizonHours,
    venue: page.venue,
    venueName: venueName(page.venue),
    symbol: page.symbol,
    instrumentName:
      page.symbol === null
        ? `${page.underlying} options`
        : (names.get(page.symbol) ?? instrumentName(page.symbol)),
    underlying: underlying ?? page.underlying,
    legs: named,
    accounts,
    firstToDie: firstToDie(named),
    orderAccounts,
    portfolio: {
      trueMargin: report.portfolio.trueMargin,
      venueMaintenanceMargin: report.portfolio.venueMaintenanceMargin,
      venueInitialMargin: report.portfolio.venueInitialMargin,
      expectedShortfall: report.portfolio.es,
      confidence: report.portfolio.confidence,
    },
    // Accounts, not refusals: one account may be refused for several reasons.
    excludedAccounts: new Set(
      report.refusals
        .filter(
          (refusal) => refusal.venue === page.venue && refusal.removes === RefusalScope.account,
        )
        .map((refusal) => refusal.account),
    ).size,
  };
}

/**
 * The ids a page may see: this venue's accounts by their own ids (the pre-trade check names
 * one), every other account by an opaque one ("other-2"), so a page learns no other venue's
 * account identifier (a connection id, a wallet address) beyond the name the trader gave it.
 */
function viewIds(report: RiskReport, venue: string): (accountId: string) => string {
  const others = report.accounts.filter((account) => account.venue !== venue).map((a) => a.id);
  return (accountId) => {
    const index = others.indexOf(accountId);
    return index < 0 ? accountId : `other-${index + 1}`;
  };
}

/**
 * The underlying the page may see the legs of: the page's instrument's own (whatever underlying
 * the request names); on an option chain page (no instrument), the named one only if this
 * venue's accounts hold it — a page cannot walk the book asset by asset.
 */
function pageUnderlying(report: RiskReport, page: PageQuery): string | null {
  if (page.symbol !== null) return underlyingOf(page.symbol);
  const held = report.accounts
    .filter((account) => account.venue === page.venue)
    .some((account) =>
      account.positions.some((position) => underlyingOf(position.symbol) === page.underlying),
    );
  return held ? page.underlying : null;
}

function legOf(
  account: AccountReport,
  position: PositionReport,
  page: PageQuery,
  accountLabel: string,
  viewId: string,
): Omit<PageLeg, 'freshness' | 'dataAgeSeconds' | 'staleReason'> {
  const liquidation = position.liquidationPrice;
  const hasLiquidation = liquidation !== null && Number.isFinite(liquidation) && liquidation > 0;
  const probability = position.liquidationProbability;
  return {
    key: `${viewId}|${position.symbol}|${position.side}`,
    accountId: viewId,
    accountLabel,
    venue: account.venue,
    venueName: venueName(account.venue),
    symbol: position.symbol,
    instrumentName: instrumentName(position.symbol),
    side: position.side,
    contracts: position.quantity,
    marginMode: position.marginMode,
    markPrice: position.markPrice,
    liquidationPrice: hasLiquidation ? liquidation : null,
    // A leg at or past its liquidation price reads 0 (its σ ≤ 0): critical, first in the list.
    signedDistancePct: hasLiquidation
      ? position.liquidationPassed === true
        ? 0
        : (liquidation - position.referencePrice) / position.referencePrice
      : null,
    distanceSigma: hasLiquidation ? position.liquidationDistanceVolUnits : null,
    // A cross leg shares its silo's probability with the account's other cross legs: shown once, on the account.
    liquidationProbability:
      probability !== null && position.liquidationSilo === 'isolated'
        ? pageProbability(probability)
        : null,
    onThisPage: account.venue === page.venue && position.symbol === page.symbol,
    onThisVenue: account.venue === page.venue,
  };
}

function accountOf(
  account: AccountReport,
  accountLabel: string,
  sources: PageRiskSources,
): PageAccount {
  const connection = connectionOf(sources, account.id);
  const probability = account.liquidation.probability;
  return {
    accountId: account.id,
    accountLabel,
    venue: account.venue,
    venueName: venueName(account.venue),
    settle: account.settle,
    equity: account.equity,
    maintenanceMargin: account.maintenanceMargin,
    marginRatio: account.marginRatio,
    underwater: isUnderwater(account),
    liquidationProbability: probability === null ? null : pageProbability(probability),
    freshness: connection?.freshness ?? null,
    dataAgeSeconds: connection?.dataAgeSeconds ?? null,
    staleReason: connection?.staleReason ?? null,
  };
}

/** How near a leg is to liquidation (danger-level.ts: in σ where known, else in %). */
function legNearness(leg: PageLeg): number {
  if (leg.liquidationPrice === null) return Number.POSITIVE_INFINITY;
  return nearness({ sigma: leg.distanceSigma, pct: leg.signedDistancePct });
}

/**
 * The leg nearest to liquidation, named in one line, when the trader would not see it on this
 * page: another venue's or another instrument's leg is nearer than (or there is none on) this page.
 */
function firstToDie(legs: readonly PageLeg[]): FirstToDie | null {
  const nearest = legs[0];
  if (nearest === undefined || nearest.liquidationPrice === null || nearest.onThisPage) return null;
  const where = nearest.onThisVenue
    ? `${nearest.accountLabel} ${nearest.instrumentName}`
    : `${nearest.venueName} ${nearest.instrumentName}`;
  const distance =
    nearest.signedDistancePct === null
      ? ''
      : ` (${nearest.signedDistancePct > 0 ? '+' : ''}${formatPercent(nearest.signedDistancePct, 1)})`;
  const stale =
    nearest.freshness !== null && nearest.freshness !== 'fresh'
      ? ` (figures from ${formatAge(nearest.dataAgeSeconds)})`
      : '';
  return {
    legKey: nearest.key,
    message: `Your ${where} ${nearest.side} is liquidated first, at ${formatPrice(nearest.liquidationPrice)}${distance}${stale}.`,
  };
}

/** What the page needs of a probability: the estimate, its interval and the paths behind it. */
function pageProbability(probability: Probability): PageLegProbability {
  return {
    value: probability.value,
    low: probability.low,
    high: probability.high,
    ...(probability.noPathHit === true && { noPathHit: true as const }),
    paths: probability.paths,
  };
}
