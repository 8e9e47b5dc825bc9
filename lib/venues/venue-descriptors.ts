import { BINANCE_COINM_VENUE, BINANCE_USDM_VENUE } from './binance/binance-venues';
import { BITGET_VENUE } from './bitget/bitget-venue';
import { BYBIT_VENUE } from './bybit/bybit-venue';
import { DERIBIT_VENUE } from './deribit/deribit-venue';
import { GATE_VENUE } from './gate/gate-venue';
import { HYPERLIQUID_VENUE } from './hyperliquid/hyperliquid-venue';
import { OKX_VENUE } from './okx/okx-venue';
import type { VenueDescriptor } from './venue-descriptor';

export type { VenueDescriptor } from './venue-descriptor';

/**
 * One descriptor per venue Margin Lens supports: every per-venue list (venue ids, names, API
 * hosts, content-script matches, the manifest's host permissions) is derived from these, so a
 * fact about a venue is written once, in its folder (`lib/venues/<venue>/<venue>-venue.ts`).
 *
 * What a descriptor does not hold, and why: the venue's adapter (lib/venues/api/venue-adapters.ts,
 * keyed by these ids) and its ccxt exchange class (create-exchange.ts) pull ccxt and decimal.js,
 * and this module is read by wxt.config.ts, the content script and the options page, which must
 * stay free of them. venue-registration.test.ts checks that every descriptor has both, and that
 * the engine has margin rules for it.
 */

/** In the order the options page offers them. */
export const VENUE_DESCRIPTORS = [
  BINANCE_USDM_VENUE,
  BINANCE_COINM_VENUE,
  BYBIT_VENUE,
  OKX_VENUE,
  DERIBIT_VENUE,
  HYPERLIQUID_VENUE,
  BITGET_VENUE,
  GATE_VENUE,
] as const satisfies readonly VenueDescriptor[];

export type VenueId = (typeof VENUE_DESCRIPTORS)[number]['id'];

export const VENUE_IDS: readonly VenueId[] = VENUE_DESCRIPTORS.map((venue) => venue.id);

/** One value per venue id, read off its descriptor. */
export function byVenue<T>(read: (venue: VenueDescriptor) => T): Readonly<Record<VenueId, T>> {
  return Object.fromEntries(VENUE_DESCRIPTORS.map((venue) => [venue.id, read(venue)])) as Record<
    VenueId,
    T
  >;
}

/** The names traders see, by venue id. */
export const VENUE_NAMES: Readonly<Record<VenueId, string>> = byVenue((venue) => venue.name);

/** Whether the venue's API keys have a passphrase (ccxt's `password`), by venue id. */
export const VENUE_KEY_PASSPHRASE: Readonly<Record<VenueId, boolean>> = byVenue(
  (venue) => venue.keyPassphrase === true,
);

/** What the options page adds about a venue's key (the descriptor's `keyAdvice`), by venue id. */
export const VENUE_KEY_ADVICE: Readonly<Record<VenueId, string | undefined>> = byVenue(
  (venue) => venue.keyAdvice,
);
