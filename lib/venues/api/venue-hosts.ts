import { byVenue, VENUE_DESCRIPTORS, type VenueId } from '../venue-descriptors';

/**
 * The API hosts ccxt calls for each venue, as match patterns, read off the venue descriptors
 * (lib/venues/<venue>/<venue>-venue.ts). Each venue's hosts are optional host permissions,
 * requested when the trader connects that venue (DESIGN.md §8); the manifest lists their union.
 */
export const VENUE_API_HOSTS: Readonly<Record<VenueId, readonly string[]>> = byVenue(
  (venue) => venue.apiHosts,
);

/**
 * Public market data (marks, funding, daily candles, option IVs) without keys, asked for when
 * the trader turns live market data on: Binance USDⓈ-M and Deribit public endpoints, and the
 * API hosts of the venues whose own daily candles price an asset Binance lists no perpetual for
 * (Hyperliquid, Bybit, OKX: lib/market-data/candle-venues.ts), taken from their descriptors.
 */
export const MARKET_DATA_HOSTS: readonly string[] = [
  'https://fapi.binance.com/*',
  'https://www.deribit.com/*',
  ...VENUE_API_HOSTS.hyperliquid,
  ...VENUE_API_HOSTS.bybit,
  ...VENUE_API_HOSTS.okx,
];

/** Every host the extension may ask for: the manifest's optional host permissions. */
export const ALL_VENUE_API_HOSTS: readonly string[] = [
  ...new Set([...VENUE_DESCRIPTORS.flatMap((venue) => venue.apiHosts), ...MARKET_DATA_HOSTS]),
];
