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

/** The overlay's content script (entrypoints/overlay.content/) runs on every venue's trading pages. */
export const CONTENT_SCRIPT_MATCHES: readonly string[] = pageMatchesOf(VENUE_DESCRIPTORS);
