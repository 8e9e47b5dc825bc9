/**
 * Expiry dates of futures and options: the one reader of a ccxt symbol's `YYMMDD` and the one
 * year fraction to it.
 *
 * Convention: every dated contract on the supported venues expires (is delivered or exercised) at
 * 08:00 UTC on its date: Deribit futures and options, OKX futures and options (16:00 UTC+8),
 * Bybit options and futures (Bybit options FAQ), Binance USDⓈ-M and COIN-M quarterly contracts.
 * Years are 365 days, as the pricers take them (black76.ts).
 *
 * Units: times in epoch milliseconds (UTC), time to expiry in years.
 */

/** The hour (UTC) at which dated contracts expire on the supported venues. */
export const EXPIRY_HOUR_UTC = 8;

const MS_PER_YEAR = 365 * 24 * 3600 * 1000;

/**
 * The expiry time of a ccxt expiry code `YYMMDD` (years 2000–2099), 08:00 UTC on that date, in
 * epoch milliseconds; undefined when the code is not six digits or not a calendar date
 * (month 13, 31 April, 29 February outside leap years). Cost: O(1).
 */
export function expiryTimeMs(yymmdd: string): number | undefined {
  if (!/^\d{6}$/.test(yymmdd)) return undefined;
  const year = 2000 + Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  const time = Date.UTC(year, month - 1, day, EXPIRY_HOUR_UTC);
  const date = new Date(time);
  // Date.UTC rolls an impossible date over (2026-02-30 → 2026-03-02): refuse it instead.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return time;
}

/**
 * Time from `asOfMs` to `expiryMs` in years of 365 days: (expiry − asOf) / (365 × 86 400 000).
 * Negative after expiry, 0 at it; +Infinity for an undated contract (`expiryMs` +Infinity).
 */
export function timeToExpiry(expiryMs: number, asOfMs: number): number {
  return (expiryMs - asOfMs) / MS_PER_YEAR;
}
