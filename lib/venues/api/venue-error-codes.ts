import type { ProblemKind } from './connection-problem';
import type { VenueId } from './venue-api-types';

/**
 * Venue error codes that name a problem more precisely than ccxt's error class does. Each
 * venue's table follows its error-code documentation:
 * - Binance: https://developers.binance.com/docs/derivatives/usds-margined-futures/error-code and
 *   https://developers.binance.com/docs/derivatives/coin-margined-futures/error-code
 * - Bybit: https://bybit-exchange.github.io/docs/v5/error
 * - OKX: https://www.okx.com/docs-v5/en/#error-code-rest-api-authentication
 * - Deribit: https://docs.deribit.com/articles/errors ("Complete RPC Error Codes Reference")
 * - Bitget: its REST error codes as ccxt 4.5.84's bitget.js exception map quotes them
 * - Gate: the `label` of an error body, from Gate's label list
 *   (https://www.gate.com/docs/developers/apiv4/en/#label-list) as ccxt 4.5.84's gate.js
 *   exception map lists the labels
 * Hyperliquid is read by public address: no key errors.
 */
export const VENUE_ERROR_CODES: Readonly<Record<VenueId, Readonly<Record<string, ProblemKind>>>> = {
  binanceusdm: binanceCodes(),
  binancecoinm: binanceCodes(),
  // Bybit: the "UTA" table of docs/v5/error (bybit-exchange/docs), wording as published. A
  // rate-limit 403 "access too frequent" (IP limit, docs/v5/rate-limit) has no retCode.
  bybit: {
    '10000': 'venueDown', // Server Timeout
    '10002': 'clockSkew', // The request time exceeds the time window range.
    '10003': 'wrongKey', // API key is invalid. Check whether the key and domain are matched
    '10004': 'wrongKey', // Error sign, please check your signature generation algorithm.
    '10005': 'permissionDenied', // Permission denied, please check your API key permissions.
    '10006': 'rateLimited', // Too many visits. Exceeded the API Rate Limit.
    '10007': 'wrongKey', // User authentication failed.
    '10010': 'ipNotAllowed', // Unmatched IP, please check your API key's bound IP addresses.
    '10016': 'venueDown', // Server error.
    '33004': 'expiredKey', // (Derivatives) Your api key has expired
    '-2015': 'expiredKey', // (Spot) Your api key has expired
  },
  // OKX: the public and authentication tables of the REST error codes (authentication codes
  // come with HTTP 401; the table is quoted in pyted/okx#1, and ccxt's okx.js exception map
  // carries the same wording). OKX has no code for an expired key: a key OKX deleted answers
  // 50119, read as a wrong key.
  okx: {
    '50001': 'venueDown', // Service temporarily unavailable. Please try again later. (HTTP 503)
    '50011': 'rateLimited', // Rate limit reached. Please refer to API documentation and throttle requests accordingly (HTTP 429)
    '50013': 'venueDown', // System is busy, please try again later
    '50026': 'venueDown', // System error, please try again later.
    '50102': 'clockSkew', // Timestamp request expired
    '50103': 'wrongKey', // Request header "OK-ACCESS-KEY" cannot be empty
    '50104': 'wrongKey', // Request header "OK-ACCESS-PASSPHRASE" cannot be empty
    '50105': 'wrongKey', // Request header "OK-ACCESS-PASSPHRASE" incorrect
    '50106': 'wrongKey', // Request header "OK-ACCESS-SIGN" cannot be empty
    '50110': 'ipNotAllowed', // Your IP {param0} is not included in your API key's IP whitelist.
    '50111': 'wrongKey', // Invalid OK-ACCESS-KEY
    '50112': 'clockSkew', // Invalid OK-ACCESS-TIMESTAMP
    '50113': 'wrongKey', // Invalid signature
    '50114': 'wrongKey', // Invalid authorization
    '50119': 'wrongKey', // API key doesn't exist
  },
  // Deribit has no code of its own for an IP outside the key's allow-list, an expired key or a
  // stale timestamp: those come back as 13009 (the adapter tells a stale timestamp by `usIn`,
  // lib/venues/deribit/deribit-clock-skew.ts).
  deribit: {
    '10000': 'wrongKey', // authorization_required: "Authorization issue, invalid or absent signature etc."
    '10028': 'rateLimited', // too_many_requests: "Allowed request rate has been exceeded."
    '10040': 'venueDown', // retry: "Request can't be processed right now and should be retried."
    '10041': 'venueDown', // settlement_in_progress: "Settlement is in progress."
    '10066': 'rateLimited', // too_many_concurrent_requests: "too many public requests that have not yet been executed"
    '11051': 'venueDown', // system_maintenance: "System is under maintenance."
    '13004': 'wrongKey', // invalid_credentials: "Invalid credentials have been used."
    '13009': 'wrongKey', // unauthorized: "Wrong or expired authorization token or bad signature."
    '13021': 'permissionDenied', // forbidden: "Not enough permissions to execute the request, forbidden."
    '13028': 'venueDown', // temporarily_unavailable: "The requested service is not responding or processing the response takes too long."
    '13888': 'venueDown', // timed_out: "Server did not manage to process request when it was valid."
  },
  hyperliquid: {},
  // Bitget: the REST error codes (wording as ccxt 4.5.84's bitget.js exception map quotes them);
  // 40085, a Unified Trading Account on the classic API (ccxt/ccxt#26838), is refused by name
  // (lib/venues/bitget/bitget-unified-account.ts).
  bitget: {
    '429': 'rateLimited', // Too many requests
    '1001': 'rateLimited', // The request is too frequent and has been throttled
    '40001': 'wrongKey', // ACCESS_KEY cannot be empty
    '40002': 'wrongKey', // SECRET_KEY cannot be empty
    '40003': 'wrongKey', // Signature cannot be empty
    '40004': 'clockSkew', // Request timestamp expired
    '40005': 'clockSkew', // Invalid ACCESS_TIMESTAMP
    '40006': 'wrongKey', // Invalid ACCESS_KEY
    '40008': 'clockSkew', // Request timestamp expired
    '40009': 'wrongKey', // sign signature error
    '40011': 'wrongKey', // ACCESS_PASSPHRASE cannot be empty
    '40012': 'wrongKey', // apikey/password is incorrect
    '40014': 'permissionDenied', // Incorrect permissions
    '40015': 'venueDown', // System is abnormal, please try again later
    '40018': 'ipNotAllowed', // Invalid IP
    '40037': 'wrongKey', // Apikey does not exist
    '40085': 'unsupportedAccount', // You are in Unified Account mode, and the Classic Account API is not supported at this time
    '40200': 'venueDown', // Server upgrade, please try again later
  },
  // Gate: error labels (the comments say what each means). Gate has no label for an expired key:
  // a key Gate no longer knows answers INVALID_KEY.
  gate: {
    INVALID_KEY: 'wrongKey', // Invalid API Key
    INVALID_SIGNATURE: 'wrongKey', // Invalid signature
    MISSING_REQUIRED_HEADER: 'wrongKey', // Missing required authentication header
    INVALID_CREDENTIALS: 'wrongKey', // Invalid credentials provided
    IP_FORBIDDEN: 'ipNotAllowed', // Request IP not in whitelist
    REQUEST_EXPIRED: 'clockSkew', // Request Timestamp is far from the server time
    FORBIDDEN: 'permissionDenied', // Account has no permission to request operation
    // "please transfer funds first to create futures account" (ccxt/ccxt#13249): no futures
    // account in that settlement currency. On the USDT book it is not an account Margin Lens
    // can read; on the BTC-settled and delivery books it means nothing is held there and is read
    // as an empty book (lib/venues/gate/gate-other-books.ts).
    USER_NOT_FOUND: 'unsupportedAccount',
    TOO_MANY_REQUESTS: 'rateLimited', // Request rate limit exceeded (HTTP 429)
    SERVER_ERROR: 'venueDown', // Internal server error (HTTP 500)
    TOO_BUSY: 'venueDown', // Server is too busy at the moment (HTTP 503)
  },
};

/**
 * USDⓈ-M and COIN-M share these codes (both error-code pages give them the same meanings).
 * Binance has one code, -2015, for a wrong key, a key used from an IP it does not allow, a key
 * without the permission and a deleted or expired key; it is read as a wrong key.
 */
function binanceCodes(): Readonly<Record<string, ProblemKind>> {
  return {
    '-1001': 'venueDown', // DISCONNECTED: "Internal error; unable to process your request. Please try again."
    '-1002': 'permissionDenied', // UNAUTHORIZED: "You are not authorized to execute this request."
    '-1003': 'rateLimited', // TOO_MANY_REQUESTS: "Too many requests; current limit is %s requests per minute." / "IP banned until %s"
    '-1011': 'ipNotAllowed', // NON_WHITE_LIST: "This IP cannot access this route."
    '-1021': 'clockSkew', // INVALID_TIMESTAMP: "Timestamp for this request is outside of the recvWindow." / "1000ms ahead of the server's time"
    '-1022': 'wrongKey', // INVALID_SIGNATURE: "Signature for this request is not valid." (the secret does not match the key)
    '-2008': 'wrongKey', // BAD_API_ID: "Invalid Api-Key ID" (not on the futures pages; ccxt maps it to AuthenticationError)
    '-2014': 'wrongKey', // BAD_API_KEY_FMT: "API-key format invalid."
    '-2015': 'wrongKey', // REJECTED_MBX_KEY: "Invalid API-key, IP, or permissions for action."
  };
}
