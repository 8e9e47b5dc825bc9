import type { VenueDescriptor } from '../venue-descriptor';

// Both futures APIs ask Binance's key-permission endpoint, `GET /sapi/v1/account/apiRestrictions`,
// on api.binance.com (binance-key-permissions.ts).
const KEY_PERMISSIONS_HOST = 'https://api.binance.com/*';

/**
 * Binance's futures trading pages, for both venues: USDⓈ-M at `/{lang?}/futures/{MARKET}` and
 * COIN-M at `/{lang?}/delivery/{MARKET}` (URL forms and their sources:
 * lib/overlay/pages/binance-page.ts, which reads the contract from the URL). The app switches
 * symbols without a page load, so the content script stays on for every path in these sections.
 */
export const BINANCE_PAGE_MATCHES = [
  'https://www.binance.com/futures/*',
  'https://www.binance.com/*/futures/*',
  'https://www.binance.com/delivery/*',
  'https://www.binance.com/*/delivery/*',
] as const;

/**
 * Binance pushes a MARGIN_CALL user-data event "when the user's position risk ratio is too high"
 * without publishing the level (USDⓈ-M: https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Event-Margin-Call,
 * COIN-M: https://developers.binance.com/docs/derivatives/coin-margined-futures/user-data-streams/Event-Margin-Call);
 * traders report it at a margin ratio of 80% (JKorf/Binance.Net#1293, 2023-08-13).
 */
const BINANCE_MARGIN_CALL_RATIO = 0.8;

/**
 * Binance USDⓈ-M futures (binance-usdm-adapter.ts): fapi.binance.com; a Portfolio Margin account
 * on papi.binance.com (binance-pm-accounts.ts).
 */
export const BINANCE_USDM_VENUE = {
  id: 'binanceusdm',
  name: 'Binance USDⓈ-M futures',
  apiHosts: ['https://fapi.binance.com/*', 'https://papi.binance.com/*', KEY_PERMISSIONS_HOST],
  pageMatches: BINANCE_PAGE_MATCHES,
  marginWarning: {
    ratio: BINANCE_MARGIN_CALL_RATIO,
    source:
      'Binance margin call (MARGIN_CALL, https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Event-Margin-Call), at 80% as traders report it',
  },
} as const satisfies VenueDescriptor;

/** Binance COIN-M futures (binance-coinm-adapter.ts): dapi.binance.com. */
export const BINANCE_COINM_VENUE = {
  id: 'binancecoinm',
  name: 'Binance COIN-M futures',
  apiHosts: ['https://dapi.binance.com/*', KEY_PERMISSIONS_HOST],
  pageMatches: BINANCE_PAGE_MATCHES,
  marginWarning: {
    ratio: BINANCE_MARGIN_CALL_RATIO,
    source:
      'Binance margin call (MARGIN_CALL, https://developers.binance.com/docs/derivatives/coin-margined-futures/user-data-streams/Event-Margin-Call), at 80% as traders report it',
  },
  // Binance COIN-M exchangeInfo `contractSize`: 100 USD for BTCUSD, 10 for the others
  // (developers.binance.com/docs/derivatives/coin-margined-futures/market-data/rest-api/Exchange-Information).
  inverseContractUsd: { BTC: 100, '*': 10 },
} as const satisfies VenueDescriptor;
