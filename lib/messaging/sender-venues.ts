import { VENUE_DESCRIPTORS, type VenueId } from '../venues/venue-descriptors';
import { matchPatternOrigin, originOf, type SenderInfo } from './classify-sender';

/**
 * The venues whose trading pages are at a content script's origin (www.binance.com → both
 * Binance futures venues; www.deribit.com → Deribit), read off the venue descriptors'
 * `pageMatches`. What a page may see and ask is decided by this, from the origin the browser
 * sets on the sender, never by the venue a message names: a forged message from one venue's
 * page cannot read another venue's account.
 */
export function venuesAtSenderOrigin(sender: SenderInfo): readonly VenueId[] {
  const origin = sender.origin ?? (sender.url === undefined ? undefined : originOf(sender.url));
  if (origin === undefined) return [];
  return VENUE_DESCRIPTORS.filter((venue) =>
    venue.pageMatches.some((pattern) => matchPatternOrigin(pattern) === origin),
  ).map((venue) => venue.id);
}
