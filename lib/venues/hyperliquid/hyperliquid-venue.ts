import type { VenueDescriptor } from '../venue-descriptor';

/**
 * Hyperliquid (hyperliquid-adapter.ts): read by public address from the info endpoint on
 * api.hyperliquid.xyz, hence the name the options page shows.
 */
export const HYPERLIQUID_VENUE = {
  id: 'hyperliquid',
  name: 'Hyperliquid (public address)',
  apiHosts: ['https://api.hyperliquid.xyz/*'],
  pageMatches: [],
} as const satisfies VenueDescriptor;
