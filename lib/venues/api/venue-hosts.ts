import type { VenueId } from './venue-api-types';

/**
 * The API hosts ccxt calls for each venue (its `urls.api`, narrowed to what a read-only risk
 * read uses), as match patterns. Each venue's hosts are optional host permissions, requested
 * when the trader connects that venue (DESIGN.md §8); the manifest lists their union.
 * Binance's key-permission endpoint (`/sapi/v1/account/apiRestrictions`) lives on api.binance.com.
 */
export const VENUE_API_HOSTS: Readonly<Record<VenueId, readonly string[]>> = {
  binanceusdm: ['https://fapi.binance.com/*', 'https://api.binance.com/*'],
  binancecoinm: ['https://dapi.binance.com/*', 'https://api.binance.com/*'],
  bybit: ['https://api.bybit.com/*'],
  okx: ['https://www.okx.com/*'],
  deribit: ['https://www.deribit.com/*'],
  hyperliquid: ['https://api.hyperliquid.xyz/*'],
};

/**
 * Public market data (marks, funding, daily candles, option IVs) without keys: Binance USDⓈ-M
 * and Deribit public endpoints, asked for when the trader turns live market data on.
 */
export const MARKET_DATA_HOSTS: readonly string[] = [
  'https://fapi.binance.com/*',
  'https://www.deribit.com/*',
];

export const ALL_VENUE_API_HOSTS: readonly string[] = [
  ...new Set([...Object.values(VENUE_API_HOSTS).flat(), ...MARKET_DATA_HOSTS]),
];
