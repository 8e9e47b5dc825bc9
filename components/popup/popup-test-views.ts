import {
  calculateRiskReport,
  DEMO_PORTFOLIO,
  parsePortfolio,
  type RiskReport,
} from '../../lib/engine';
import type { ConnectionView } from '../../lib/connections/connection-types';
import type { PortfolioRiskView } from '../../lib/messaging/protocol';
import { deribitBtcAccount } from '../../test/golden/example-accounts';
import { SIX_VENUE_BOOK } from '../../test/portfolios/six-venue-book';
import { TWO_VENUE_HEDGE } from '../../test/portfolios/two-venue-hedge';

/**
 * Fixed engine reports for the popup's component tests, computed once: the embedded demo, a
 * two-venue hedge, the six-venue book and a Deribit book with a short call (options make the
 * stress grid's vol columns differ).
 */
export const DEMO_REPORT = calculateRiskReport(parsePortfolio(DEMO_PORTFOLIO));
export const HEDGE_REPORT = calculateRiskReport(parsePortfolio(TWO_VENUE_HEDGE));
export const SIX_VENUE_REPORT = calculateRiskReport(parsePortfolio(SIX_VENUE_BOOK));
export const OPTIONS_REPORT = calculateRiskReport(
  parsePortfolio({
    version: 1,
    asOf: '2026-11-24T08:00:00Z',
    accounts: [deribitBtcAccount()],
    market: { prices: { BTC: '100000' } },
  }),
);

export const COMPUTED_AT = '2026-11-24T12:00:00.000Z';
/** Three minutes after the figures were computed. */
export const NOW = Date.parse('2026-11-24T12:03:00.000Z');

/** A view of a report, as the background serves it. */
export function viewOf(
  report: RiskReport,
  options: {
    readonly source?: PortfolioRiskView['source'];
    readonly connections?: readonly ConnectionView[];
    readonly accountConnections?: Readonly<Record<string, string>>;
  } = {},
): PortfolioRiskView {
  return {
    source: options.source ?? 'imported',
    report,
    computedAt: COMPUTED_AT,
    connections: options.connections ?? [],
    accountConnections: options.accountConnections ?? {},
  };
}

/** A key connection of `venue` labelled `label`, holding `accountIds`. */
export function connectionView(
  id: string,
  venue: ConnectionView['connection']['venue'],
  label: string,
  accountIds: readonly string[],
  state: Partial<
    Pick<ConnectionView, 'freshness' | 'staleReason' | 'dataAgeSeconds' | 'problem'>
  > = {},
): ConnectionView {
  return {
    connection: {
      id,
      venue,
      label,
      credentialKind: 'apiKey',
      keyFingerprint: 'abcd…wxyz',
      createdAt: '2026-11-01T00:00:00.000Z',
    },
    freshness: state.freshness ?? 'fresh',
    staleReason: state.staleReason ?? null,
    dataAgeSeconds: state.dataAgeSeconds ?? 40,
    lastSuccessAt: COMPUTED_AT,
    problem: state.problem ?? null,
    accountIds,
    positionCount: accountIds.length,
  };
}
