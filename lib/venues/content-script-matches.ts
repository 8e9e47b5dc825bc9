import { BINANCE_COINM_VENUE, BINANCE_USDM_VENUE } from './binance/binance-venues';
import { VENUE_DESCRIPTORS, type VenueDescriptor } from './venue-descriptors';

/**
 * Where Margin Lens's content scripts run, read off the venue descriptors' `pageMatches`: the
 * content scripts declare these matches, and the background trusts content-script messages only
 * from these origins. (Reading them back from the manifest fails under `wxt` dev mode, which
 * registers content scripts at run time instead of in the manifest.)
 */
export function pageMatchesOf(venues: readonly VenueDescriptor[]): readonly string[] {
  return [...new Set(venues.flatMap((venue) => venue.pageMatches))];
}

/** The Binance futures overlay (entrypoints/binance.content/) serves both Binance venues. */
export const BINANCE_CONTENT_MATCHES = pageMatchesOf([BINANCE_USDM_VENUE, BINANCE_COINM_VENUE]);

export const CONTENT_SCRIPT_MATCHES: readonly string[] = pageMatchesOf(VENUE_DESCRIPTORS);
