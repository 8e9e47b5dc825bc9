import type { VenueDescriptor } from '../venue-descriptor';

/**
 * Hyperliquid (hyperliquid-adapter.ts): read by public address from the info endpoint on
 * api.hyperliquid.xyz, hence the name the options page shows.
 */
export const HYPERLIQUID_VENUE = {
  id: 'hyperliquid',
  name: 'Hyperliquid',
  apiHosts: ['https://api.hyperliquid.xyz/*'],
  // The trading page, `/trade` and `/trade/{coin}` (URL forms and their sources:
  // lib/overlay/pages/hyperliquid-page.ts).
  pageMatches: ['https://app.hyperliquid.xyz/trade*'],
  marginWarning: {
    ratio: null,
    source:
      'Hyperliquid liquidates when account value falls below maintenance margin (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations) and publishes no earlier warning level',
  },
} as const satisfies VenueDescriptor;
