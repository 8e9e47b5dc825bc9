import Decimal from 'decimal.js';
import { PayloadReader } from '../venues/api/payload-reader';

/**
 * Binance USDⓈ-M "Kline/Candlestick Data", `GET /fapi/v1/klines?symbol=…&interval=1d&limit=…`:
 * rows `[openTime, open, high, low, close, volume, closeTime, quoteVolume, trades,
 * takerBuyBase, takerBuyQuote, ignore]`, times in ms, prices and volumes as decimal strings,
 * oldest first; the last row is the day still trading. Weight by limit: 1 below 100, 2 below
 * 500, 5 up to 1000, 10 above.
 * Source: https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Kline-Candlestick-Data
 *
 * Returns the complete daily candles only (closeTime before `now`): a day still trading would
 * put a partial return into the EWMA. Daily candles open at 00:00 UTC; each is dated by that UTC
 * day. Close prices are in USDT.
 */
export const KLINES_ENDPOINT = 'GET /fapi/v1/klines';
const DAY_MS = 86_400_000;

export interface DailyCandle {
  /** UTC day the candle covers, `YYYY-MM-DD`. */
  readonly date: string;
  readonly close: Decimal;
  /** Last millisecond of the day (ms since the epoch). */
  readonly closeTime: number;
}

export function parseDailyKlines(symbol: string, payload: unknown, now: number): DailyCandle[] {
  const reader = new PayloadReader('binanceusdm', `${KLINES_ENDPOINT} ${symbol}`);
  const candles: DailyCandle[] = [];
  let previousOpen = -1;
  reader.array(payload, '(response)').forEach((value, index) => {
    const row = reader.array(value, `[${index}]`);
    const openTime = reader.timestamp(row[0], `[${index}][0] (openTime)`);
    const close = new Decimal(reader.decimalString(row[4], `[${index}][4] (close)`, 'positive'));
    const closeTime = reader.timestamp(row[6], `[${index}][6] (closeTime)`);
    if (openTime % DAY_MS !== 0 || closeTime !== openTime + DAY_MS - 1)
      reader.fail(
        `[${index}][0] (openTime)`,
        `must open a daily candle (at 00:00 UTC, closing 1 ms before the next day); got ${openTime} to ${closeTime}`,
      );
    if (openTime <= previousOpen)
      reader.fail(
        `[${index}][0] (openTime)`,
        "must come after the previous candle's: candles are in increasing time order",
      );
    previousOpen = openTime;
    if (closeTime < now)
      candles.push({ date: new Date(openTime).toISOString().slice(0, 10), close, closeTime });
  });
  return candles;
}
