import Decimal from 'decimal.js';
import { PayloadReader } from '../venues/api/payload-reader';

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
  const reader = new PayloadReader('binanceusdm', PREMIUM_INDEX_ENDPOINT);
  const quotes = new Map<string, PerpetualQuote>();
  reader.array(payload, '(response)').forEach((value, index) => {
    const row = reader.object(value, `[${index}]`);
    const symbol = reader.text(row.symbol, `[${index}].symbol`);
    if (!wanted.has(symbol)) return;
    const field = (name: string) => `[${index}] ${symbol}.${name}`;
    const decimal = (name: string, sign: 'any' | 'positive' = 'any') =>
      new Decimal(reader.decimalString(row[name], field(name), sign));
    quotes.set(symbol, {
      symbol,
      markPrice: decimal('markPrice', 'positive'),
      indexPrice: decimal('indexPrice', 'positive'),
      lastFundingRate: decimal('lastFundingRate'),
      nextFundingTime: reader.timestamp(row.nextFundingTime, field('nextFundingTime')),
      time: reader.timestamp(row.time, field('time')),
    });
  });
  return quotes;
}
