import type { VenueConnection } from '../connections/connection-types';
import type { VenueId } from '../venues/api/venue-api-types';

/**
 * The optional host permissions to give back once the connections of `removedVenues` are gone
 * (issue 13, finding 10): those venues' API hosts that no remaining connection reads through
 * (Binance USDⓈ-M and COIN-M share `api.binance.com`) and that `keep` does not hold (the live
 * market data hosts while that is on). The overlay and the page feed need none of them: content
 * scripts run by the manifest's page matches, and their messages are answered by the worker from
 * stored data. Match patterns, in the order the removed venues list them.
 */
export function unusedHostPermissions(
  removedVenues: readonly VenueId[],
  remaining: readonly Pick<VenueConnection, 'venue'>[],
  hostsOf: (venue: VenueId) => readonly string[],
  keep: readonly string[],
): string[] {
  const inUse = new Set([...keep, ...remaining.flatMap((connection) => hostsOf(connection.venue))]);
  return [...new Set(removedVenues.flatMap(hostsOf))].filter((host) => !inUse.has(host));
}
