import type { ProblemKind } from './connection-problem';
import type { VenueId } from './venue-api-types';

/**
 * Venue error codes that name a problem more precisely than ccxt's error class does. Each
 * venue's table follows its error-code documentation:
 * - Binance: https://developers.binance.com/docs/derivatives/usds-margined-futures/error-code
 * - Bybit: https://bybit-exchange.github.io/docs/v5/error
 * - OKX: https://www.okx.com/docs-v5/en/#error-code-rest-api-authentication
 * - Deribit: https://docs.deribit.com/#rpc-error-codes
 * Hyperliquid is read by public address: no key errors.
 */
export const VENUE_ERROR_CODES: Readonly<Record<VenueId, Readonly<Record<string, ProblemKind>>>> = {
  binanceusdm: binanceCodes(),
  binancecoinm: binanceCodes(),
  bybit: {
    '10002': 'clockSkew', // request time exceeds the time window
    '10003': 'wrongKey', // API key is invalid
    '10004': 'wrongKey', // error sign
    '10005': 'permissionDenied', // permission denied for current apikey
    '10006': 'rateLimited', // too many visits
    '10010': 'ipNotAllowed', // unmatched IP, please check your API key's bound IP addresses
    '10016': 'venueDown', // server error
    '33004': 'expiredKey', // your API key has expired
  },
  okx: {
    '50001': 'venueDown', // service temporarily unavailable
    '50011': 'rateLimited', // rate limit reached
    '50102': 'clockSkew', // timestamp request expired
    '50105': 'wrongKey', // invalid OK-ACCESS-PASSPHRASE
    '50110': 'ipNotAllowed', // your IP is not in the key's allow-list
    '50111': 'wrongKey', // invalid OK-ACCESS-KEY
    '50112': 'clockSkew', // invalid OK-ACCESS-TIMESTAMP
    '50113': 'wrongKey', // invalid sign
    '50119': 'wrongKey', // API key doesn't exist
  },
  deribit: {
    '10028': 'rateLimited', // too_many_requests
    '13004': 'wrongKey', // invalid_credentials
    '13009': 'wrongKey', // unauthorized: wrong or expired token, or bad signature
    '13021': 'permissionDenied', // forbidden
    '13028': 'venueDown', // temporarily_unavailable
  },
  hyperliquid: {},
};

function binanceCodes(): Readonly<Record<string, ProblemKind>> {
  return {
    '-1003': 'rateLimited', // TOO_MANY_REQUESTS
    '-1021': 'clockSkew', // INVALID_TIMESTAMP: outside recvWindow
    '-1022': 'wrongKey', // INVALID_SIGNATURE
    '-2014': 'wrongKey', // BAD_API_KEY_FMT
    '-2015': 'wrongKey', // REJECTED_MBX_KEY: invalid API-key, IP, or permissions for action
    '-2008': 'wrongKey', // invalid Api-Key ID
  };
}
