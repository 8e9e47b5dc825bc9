import type { RiskReport } from '../../lib/engine';
import type { ConnectionView, VenueConnection } from '../../lib/connections/connection-types';
import type { PortfolioRiskView } from '../../lib/messaging/protocol';
import type { StoredRiskState } from '../../lib/storage/risk-state-item';

/**
 * The popup's first paint, from storage alone: the background's last stored risk state (marked
 * with the time it was computed) and the trader's names for the connections, shown before the
 * background answers (a stopped service worker takes a few hundred milliseconds to wake). The
 * connections' freshness is not known yet, so the popup marks this view provisional and shows
 * no data age until the background's own view replaces it. Null when there is nothing the popup
 * can show: no stored state, a portfolio that could not be used, or a state stored by an older
 * version in another shape (its report lacks the popup's pictures).
 */
export function storedView(
  stored: StoredRiskState | null,
  connections: readonly VenueConnection[],
): PortfolioRiskView | null {
  if (stored === null || !stored.outcome.ok || !hasPopupShape(stored.outcome.report)) return null;
  const views = connections.map((connection): ConnectionView => ({
    connection,
    freshness: 'fresh',
    staleReason: null,
    dataAgeSeconds: null,
    lastSuccessAt: null,
    problem: null,
    accountIds: Object.entries(stored.accountConnections)
      .filter(([, connectionId]) => connectionId === connection.id)
      .map(([accountId]) => accountId),
    positionCount: 0,
  }));
  return {
    source: stored.source,
    report: stored.outcome.report,
    computedAt: stored.computedAt,
    connections: views,
    accountConnections: stored.accountConnections,
  };
}

/** Whether a stored report carries what the popup draws (an older version's may not). */
function hasPopupShape(report: RiskReport): boolean {
  const { portfolio } = report as Partial<RiskReport> & {
    portfolio?: Partial<RiskReport['portfolio']>;
  };
  return (
    Array.isArray(report.accounts) &&
    portfolio !== undefined &&
    portfolio.pnlByMove !== undefined &&
    portfolio.stress?.grid !== undefined &&
    Array.isArray(portfolio.stress.others) &&
    Array.isArray(portfolio.collateralMoves)
  );
}
