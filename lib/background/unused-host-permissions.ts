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

/**
 * The live market data hosts a release keeps (issue 13, review finding a): every one granted,
 * when the trader granted live market data in whole or in part; none otherwise. Permissions are
 * per origin, and every market data host is some venue's API host too, so a grant for market
 * data shows as all of them granted, or as a granted market data host that no connection
 * (remaining or just removed) reads through; a partial grant (one host taken back in the
 * browser) is not read as none. What this cannot tell: a partial grant whose every host is
 * also a connection's, which is read as none (the removed venue's hosts then go, and the
 * options page asks for them again when live market data is turned on).
 */
export function marketDataHostsToKeep(
  marketDataHosts: readonly string[],
  granted: readonly boolean[],
  connectionHosts: readonly string[],
): string[] {
  const grantedHosts = marketDataHosts.filter((_, i) => granted[i] === true);
  const forConnections = new Set(connectionHosts);
  const whole = grantedHosts.length === marketDataHosts.length;
  return whole || grantedHosts.some((host) => !forConnections.has(host)) ? grantedHosts : [];
}
