import Decimal from 'decimal.js';
import {
  connectionProblem,
  ProblemKind,
  type ConnectionProblem,
} from '../venues/api/connection-problem';
import type { DailyCandle } from './binance-daily-klines';
import type { CandleVenueInfo } from './candle-venues';

/**
 * The daily candles ccxt's `fetchOHLCV(symbol, '1d', …)` returned, read as untrusted input: ccxt
 * turns the venue's rows into `[timestamp, open, high, low, close, volume]` numbers without
 * checking them (a field it cannot read becomes `undefined` or `NaN`), so every row is checked
 * here, field by field:
 *
 * - the timestamp is a whole number of ms that opens a UTC day (00:00 UTC, so every venue's
 *   closes fall on the same dates as Binance's), later than the row before (ccxt sorts the rows;
 *   two rows of one day are refused);
 * - open, high, low and close are finite and positive; volume is finite and not negative.
 *
 * The first bad field refuses the whole answer, as data: `{ status: 'refused', field, problem }`
 * where `field` names the candle (position in time order and its UTC day, when readable) and the
 * venue's name of the field (candle-venues.ts `ohlcvFields`), and `problem` is a typed
 * malformedResponse naming venue, request, symbol and field. Never throws.
 *
 * Returns the complete candles only (those whose day ended before `now`): the day still trading
 * would put a partial return into the EWMA. Each is dated by its UTC day; its close is in the
 * perpetual's quote currency (USDT or USDC, taken as USD at the peg as the engine does).
 */
export type OhlcvDailyCandles =
  | { readonly status: 'read'; readonly candles: readonly DailyCandle[] }
  | {
      readonly status: 'refused';
      /** The candle and field, e.g. `candle 5 (2024-06-12) close (c)`. */
      readonly field: string;
      readonly problem: ConnectionProblem;
    };

const DAY_MS = 86_400_000;
const PRICE_COLUMNS = [
  [1, 'open'],
  [2, 'high'],
  [3, 'low'],
  [4, 'close'],
] as const;

export function readOhlcvDailyCandles(
  source: CandleVenueInfo,
  symbol: string,
  rows: unknown,
  now: number,
): OhlcvDailyCandles {
  const refuse = (field: string, problem: string): OhlcvDailyCandles => ({
    status: 'refused',
    field,
    problem: connectionProblem(
      source.venue,
      ProblemKind.malformedResponse,
      `${source.venue} ${source.endpoint} ${symbol}: ${field} ${problem}`,
    ),
  });
  if (!Array.isArray(rows)) return refuse('(candles)', `must be a list, got ${shown(rows)}`);
  const candles: DailyCandle[] = [];
  let previousOpen = Number.NEGATIVE_INFINITY;
  for (const [index, row] of rows.entries()) {
    if (!Array.isArray(row)) return refuse(`candle ${index}`, `must be a list, got ${shown(row)}`);
    const openTime: unknown = row[0];
    const timeField = `candle ${index} ${fieldName(source, 0, 'timestamp')}`;
    if (!Number.isSafeInteger(openTime) || (openTime as number) < 0)
      return refuse(timeField, `must be a time in ms, got ${shown(openTime)}`);
    const open = openTime as number;
    if (open % DAY_MS !== 0)
      return refuse(timeField, `must open a UTC day (00:00 UTC), got ${isoTime(open)}`);
    if (open <= previousOpen)
      return refuse(
        timeField,
        `must come after the previous candle's (${isoTime(previousOpen)}): one candle per day, in time order; got ${isoTime(open)}`,
      );
    previousOpen = open;
    const where = `candle ${index} (${isoTime(open).slice(0, 10)})`;
    for (const [column, name] of PRICE_COLUMNS) {
      const value: unknown = row[column];
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
        return refuse(
          `${where} ${fieldName(source, column, name)}`,
          `must be a positive finite price, got ${shown(value)}`,
        );
    }
    const volume: unknown = row[5];
    if (typeof volume !== 'number' || !Number.isFinite(volume) || volume < 0)
      return refuse(
        `${where} ${fieldName(source, 5, 'volume')}`,
        `must be a finite volume of at least 0, got ${shown(volume)}`,
      );
    if (open + DAY_MS <= now)
      candles.push({
        date: isoTime(open).slice(0, 10),
        close: new Decimal(row[4] as number),
        closeTime: open + DAY_MS - 1,
      });
  }
  return { status: 'read', candles };
}

/** `close (c)`: the OHLCV column and the venue's own name for it. */
function fieldName(source: CandleVenueInfo, column: number, name: string): string {
  return `${name} (${source.ohlcvFields[column] ?? '?'})`;
}

function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** A value for a message: numbers and short strings as they are, lists and objects by kind. */
function shown(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40)).replace(/[{}]/g, '?');
  return String(value);
}
