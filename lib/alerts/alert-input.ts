import type { RiskReport } from '../engine';
import type { PortfolioOrigin } from '../connections/assemble-portfolio';
import { accountLabeller } from '../connections/account-names';
import { Freshness, type ConnectionView } from '../connections/connection-types';

/**
 * What the alerts are evaluated on: the risk state's report (null when the portfolio cannot be
 * used at all), where its positions came from, and each connection with its freshness.
 */
export interface AlertInput {
  readonly report: RiskReport | null;
  readonly source: PortfolioOrigin;
  readonly connections: readonly ConnectionView[];
  /** Report account id → the connection it was read through (connected accounts only). */
  readonly accountConnections: Readonly<Record<string, string>>;
}

/** The trader's name for a report account (the connection's label, or a file account's id). */
export function accountLabelOf(
  input: AlertInput,
): (account: { id: string; settle: string }) => string {
  return accountLabeller(input);
}

/** The connection a report account was read through, by id; null for a file's account. */
export function accountConnectionId(input: AlertInput, accountId: string): string | null {
  return input.accountConnections[accountId] ?? null;
}

/**
 * Whether a connection's accounts were read just now: its last read succeeded within its
 * interval. Only then does a position missing from them (or an account missing altogether: a
 * venue may drop an account left with nothing) mean the venue no longer holds it; a file's
 * account (no connection) or a stale read proves nothing.
 */
export function connectionReadFresh(input: AlertInput, connectionId: string | null): boolean {
  if (connectionId === null) return false;
  const view = input.connections.find((entry) => entry.connection.id === connectionId);
  return view?.freshness === Freshness.fresh;
}
