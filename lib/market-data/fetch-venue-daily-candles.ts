import { classifyConnectionError, type ConnectionProblem } from '../venues/api/connection-problem';
import type { CcxtExchange } from '../venues/api/venue-api-types';
import type { DailyCandle } from './binance-daily-klines';
import { CANDLE_VENUES, type CandleVenue } from './candle-venues';
import { readOhlcvDailyCandles } from './ohlcv-daily-candles';

/**
 * One asset's complete daily candles from one venue's perpetual (candle-venues.ts), through the
 * key-less ccxt exchange's `loadMarkets` (which perpetuals the venue lists) and
 * `fetchOHLCV(symbol, '1d', since, limit, { until: now })`. Never throws: the venue not listing
 * the asset, a failed request (network, rate limit, the venue's error) and a malformed answer
 * (ohlcv-daily-candles.ts, naming the field) each come back as data.
 *
 * `since` is left undefined, with `until` the caller's clock and `limit` the number of candles:
 * ccxt then asks each venue for the newest `limit` daily candles up to `until` (Hyperliquid
 * `startTime` = until − limit days, `endTime` = until; Bybit `end` = until, `limit`; OKX
 * `after` = until, `limit`, from `market/candles`), and passes every row it parsed on. Given a
 * `since`, ccxt 4.5.84 drops rows whose time it could not read before returning them (its
 * since-filter), so a malformed time would go unseen; and on OKX it would switch to
 * `market/history-candles` by the machine's clock rather than the caller's.
 *
 * Cost: the first call on an exchange instance loads the venue's instrument lists (Hyperliquid
 * one request, `metaAndAssetCtxs`; Bybit its linear, inverse and option lists; OKX its swap,
 * futures and option lists: lib/venues/api/create-exchange.ts), then one candle request per asset.
 */
export type VenueDailyCandles =
  | {
      readonly status: 'read';
      readonly venue: CandleVenue;
      /** The ccxt unified symbol read, e.g. `SOL/USDC:USDC`. */
      readonly symbol: string;
      readonly candles: readonly DailyCandle[];
    }
  | {
      readonly status: 'unlisted';
      readonly venue: CandleVenue;
      /** e.g. `no SOL/USDT:USDT or SOL/USDC:USDC perpetual`. */
      readonly reason: string;
    }
  | {
      readonly status: 'failed';
      readonly venue: CandleVenue;
      readonly problem: ConnectionProblem;
      /** For a malformed answer, the candle and field refused, e.g. `candle 5 (2024-06-12) close (c)`. */
      readonly field?: string;
    };

export interface VenueCandleRequest {
  readonly asset: string;
  /** How many daily candles to ask for (the last one may be the day still trading). */
  readonly limit: number;
  /** The caller's clock, ms since the epoch: the end of the candles asked for. */
  readonly now: number;
}

interface MarketListing {
  readonly swap?: boolean;
  readonly active?: boolean;
}

export async function fetchVenueDailyCandles(
  exchange: CcxtExchange,
  venue: CandleVenue,
  request: VenueCandleRequest,
): Promise<VenueDailyCandles> {
  const source = CANDLE_VENUES[venue];
  const failed = (error: unknown): VenueDailyCandles => ({
    status: 'failed',
    venue,
    problem: classifyConnectionError(venue, error),
  });
  try {
    // Reloaded while none are loaded: ccxt 4.5.84 keeps a failed load's rejected promise and
    // hands it to every later `loadMarkets()` on the instance (the background keeps public
    // instances for an hour); calls made while a load is under way share it either way.
    await exchange.loadMarkets(exchange.markets === undefined);
  } catch (error) {
    return failed(error);
  }
  const markets = (exchange.markets ?? {}) as Readonly<Record<string, MarketListing | undefined>>;
  const symbols = source.perpetualSymbols(request.asset);
  // A delisted perpetual (ccxt `active: false`, e.g. Hyperliquid's `isDelisted`) has no candles
  // to date.
  const symbol = symbols.find(
    (candidate) => markets[candidate]?.swap === true && markets[candidate]?.active !== false,
  );
  if (symbol === undefined)
    return { status: 'unlisted', venue, reason: `no ${symbols.join(' or ')} perpetual` };
  let rows: unknown;
  try {
    rows = await exchange.fetchOHLCV(symbol, '1d', undefined, request.limit, {
      until: request.now,
    });
  } catch (error) {
    return failed(error);
  }
  const read = readOhlcvDailyCandles(source, symbol, rows, request.now);
  return read.status === 'read'
    ? { status: 'read', venue, symbol, candles: read.candles }
    : { status: 'failed', venue, problem: read.problem, field: read.field };
}
