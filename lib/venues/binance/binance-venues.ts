import type { VenueDescriptor } from '../venue-descriptor';

// Both futures APIs ask Binance's key-permission endpoint, `GET /sapi/v1/account/apiRestrictions`,
// on api.binance.com (binance-key-permissions.ts).
const KEY_PERMISSIONS_HOST = 'https://api.binance.com/*';

// The overlay's content script runs on the whole site and shows itself on futures pages, which it
// recognises by their URL as the trader navigates (futures-page-url.ts).
const BINANCE_PAGES = ['https://www.binance.com/*'] as const;

/** Binance USDⓈ-M futures (binance-usdm-adapter.ts): fapi.binance.com. */
export const BINANCE_USDM_VENUE = {
  id: 'binanceusdm',
  name: 'Binance USDⓈ-M futures',
  apiHosts: ['https://fapi.binance.com/*', KEY_PERMISSIONS_HOST],
  pageMatches: BINANCE_PAGES,
} as const satisfies VenueDescriptor;

/** Binance COIN-M futures (binance-coinm-adapter.ts): dapi.binance.com. */
export const BINANCE_COINM_VENUE = {
  id: 'binancecoinm',
  name: 'Binance COIN-M futures',
  apiHosts: ['https://dapi.binance.com/*', KEY_PERMISSIONS_HOST],
  pageMatches: BINANCE_PAGES,
} as const satisfies VenueDescriptor;
