import type Decimal from 'decimal.js';
import {
  readArray,
  readDecimalString,
  readObject,
  readString,
  readTimestamp,
} from './malformed-payload';

/**
 * Binance USDⓈ-M "Mark Price" endpoint, `GET /fapi/v1/premiumIndex` without a symbol (weight 10):
 * one row per contract with `symbol`, `markPrice`, `indexPrice`, `estimatedSettlePrice`,
 * `lastFundingRate`, `interestRate` (decimal strings), `nextFundingTime` and `time` (ms).
 * Source: https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Mark-Price
 *
 * Units: prices in USDT per unit of the base asset; the funding rate is a fraction per funding
 * interval (8 h on most contracts; the interval is not in this payload). Only the rows asked for
 * are read in full (delivery contracts such as `BTCUSDT_250328` carry an empty funding rate);
 * every row must name its symbol.
 */
export const PREMIUM_INDEX_ENDPOINT = 'GET /fapi/v1/premiumIndex';

export interface PerpetualQuote {
  /** Binance's contract id, e.g. `BTCUSDT`. */
  readonly symbol: string;
  readonly markPrice: Decimal;
  readonly indexPrice: Decimal;
  readonly lastFundingRate: Decimal;
  /** Milliseconds since the epoch. */
  readonly nextFundingTime: number;
  /** When Binance computed the row, ms since the epoch. */
  readonly time: number;
}

/** The rows of `wanted` contract ids that the payload lists (absent ids are simply not returned). */
export function parsePremiumIndex(
  payload: unknown,
  wanted: ReadonlySet<string>,
): Map<string, PerpetualQuote> {
  const endpoint = PREMIUM_INDEX_ENDPOINT;
  const rows = readArray(endpoint, '(response)', payload);
  const quotes = new Map<string, PerpetualQuote>();
  rows.forEach((value, index) => {
    const row = readObject(endpoint, `[${index}]`, value);
    const symbol = readString(endpoint, `[${index}].symbol`, row.symbol);
    if (!wanted.has(symbol)) return;
    const field = (name: string) => `[${index}] ${symbol}.${name}`;
    quotes.set(symbol, {
      symbol,
      markPrice: readDecimalString(endpoint, field('markPrice'), row.markPrice, 'positive'),
      indexPrice: readDecimalString(endpoint, field('indexPrice'), row.indexPrice, 'positive'),
      lastFundingRate: readDecimalString(endpoint, field('lastFundingRate'), row.lastFundingRate),
      nextFundingTime: readTimestamp(endpoint, field('nextFundingTime'), row.nextFundingTime),
      time: readTimestamp(endpoint, field('time'), row.time),
    });
  });
  return quotes;
}
