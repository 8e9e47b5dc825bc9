import { VENUE_NAMES, type VenueId } from '../venues/venue-descriptors';
import type { ConnectionView } from './connection-types';

/**
 * The names a trader knows their accounts by, shared by the popup and the overlay: the venue's
 * name ("Binance USDⓈ-M") and the trader's own label for the connection ("main").
 */
export interface AccountNameSources {
  readonly connections: readonly ConnectionView[];
  /** Report account id → the connection it was read through (connected accounts only). */
  readonly accountConnections: Readonly<Record<string, string>>;
}

/**
 * The trader's name for an account: the connection's label ("Binance main"), with the
 * settlement asset when the connection holds several accounts; a file account's own id.
 */
export function accountLabeller(
  sources: AccountNameSources,
): (account: { readonly id: string; readonly settle: string }) => string {
  return (account) => {
    const connectionId = sources.accountConnections[account.id];
    const view = sources.connections.find((entry) => entry.connection.id === connectionId);
    if (view === undefined) return account.id;
    return view.accountIds.length > 1
      ? `${view.connection.label} (${account.settle})`
      : view.connection.label;
  };
}

/** The connection an account was read through, when it was (null for a file's account). */
export function connectionOf(
  sources: AccountNameSources,
  accountId: string,
): ConnectionView | null {
  const connectionId = sources.accountConnections[accountId];
  return sources.connections.find((entry) => entry.connection.id === connectionId) ?? null;
}

/** The venue's name as traders see it ("Binance USDⓈ-M"); an unknown id as given. */
export function venueName(venue: string): string {
  return VENUE_NAMES[venue as VenueId] ?? venue;
}
