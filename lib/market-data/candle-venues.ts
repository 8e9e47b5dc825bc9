import { BYBIT_VENUE } from '../venues/bybit/bybit-venue';
import { HYPERLIQUID_VENUE } from '../venues/hyperliquid/hyperliquid-venue';
import { OKX_VENUE } from '../venues/okx/okx-venue';

/**
 * The venues whose own daily candles give a live vol to an asset Binance USDⓈ-M lists no USDT
 * perpetual for (fetch-venue-daily-candles.ts reads them through ccxt's `fetchOHLCV`, key-less),
 * in the order they are tried after the venues the portfolio holds the asset on.
 *
 * Each venue's candles are those of the asset's perpetual on it (the ccxt unified symbols below,
 * first one the venue lists), at a 1-day interval that opens at 00:00 UTC, so that every venue's
 * closes fall on the same UTC days as Binance's:
 *
 * - Hyperliquid `POST /info {"type":"candleSnapshot","req":{coin, interval: "1d", startTime,
 *   endTime}}`, candles `{t, T, s, i, o, c, h, l, v, n}` oldest first, the most recent 5000
 *   available: https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint#candle-snapshot
 *   Perpetuals are quoted in USDC.
 * - Bybit `GET /v5/market/kline?category=linear&interval=D`, `result.list` rows
 *   `[startTime, openPrice, highPrice, lowPrice, closePrice, volume, turnover]` newest first,
 *   limit 1–1000: https://bybit-exchange.github.io/docs/v5/market/kline
 * - OKX `GET /api/v5/market/candles?bar=1Dutc` (ccxt asks for the UTC bar: OKX's `1D` opens at
 *   00:00 Hong Kong time), `data` rows `[ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm]`
 *   newest first, limit ≤ 300; older candles from `GET /api/v5/market/history-candles`:
 *   https://www.okx.com/docs-v5/en/#public-data-rest-api-get-candlesticks
 *
 * The hosts are the venues' API hosts (their descriptors' `apiHosts`), asked for with live market
 * data (lib/venues/api/venue-hosts.ts MARKET_DATA_HOSTS).
 */
export const CandleVenue = {
  hyperliquid: 'hyperliquid',
  bybit: 'bybit',
  okx: 'okx',
} as const;
export type CandleVenue = (typeof CandleVenue)[keyof typeof CandleVenue];

export interface CandleVenueInfo {
  readonly venue: CandleVenue;
  /** The venue's name as traders see it. */
  readonly name: string;
  /** The request ccxt's `fetchOHLCV` makes, for messages. */
  readonly endpoint: string;
  /** The ccxt unified symbols of the asset's perpetuals, in order of preference. */
  readonly perpetualSymbols: (asset: string) => readonly string[];
  /**
   * The venue's names of the fields ccxt reads into an OHLCV row `[timestamp, open, high, low,
   * close, volume]`, so that a refusal names the field the venue sent.
   */
  readonly ohlcvFields: readonly [string, string, string, string, string, string];
}

export const CANDLE_VENUES: Readonly<Record<CandleVenue, CandleVenueInfo>> = {
  hyperliquid: {
    venue: CandleVenue.hyperliquid,
    name: HYPERLIQUID_VENUE.name,
    endpoint: 'POST /info candleSnapshot',
    perpetualSymbols: (asset) => [`${asset}/USDC:USDC`],
    ohlcvFields: ['t', 'o', 'h', 'l', 'c', 'v'],
  },
  bybit: {
    venue: CandleVenue.bybit,
    name: BYBIT_VENUE.name,
    endpoint: 'GET /v5/market/kline',
    perpetualSymbols: (asset) => [`${asset}/USDT:USDT`, `${asset}/USDC:USDC`],
    ohlcvFields: ['startTime', 'openPrice', 'highPrice', 'lowPrice', 'closePrice', 'volume'],
  },
  okx: {
    venue: CandleVenue.okx,
    name: OKX_VENUE.name,
    endpoint: 'GET /api/v5/market/candles',
    perpetualSymbols: (asset) => [`${asset}/USDT:USDT`, `${asset}/USDC:USDC`],
    // ccxt reads a swap's volume from volCcy (in the coin), not vol (in contracts).
    ohlcvFields: ['ts', 'o', 'h', 'l', 'c', 'volCcy'],
  },
};

/** Tried in this order after the venues holding the asset. */
export const CANDLE_VENUE_ORDER: readonly CandleVenue[] = [
  CandleVenue.hyperliquid,
  CandleVenue.bybit,
  CandleVenue.okx,
];

export function isCandleVenue(venue: string): venue is CandleVenue {
  return Object.hasOwn(CANDLE_VENUES, venue);
}

/** The venues to read an asset's candles from: those holding it first, then the others. */
export function candleVenuesFor(heldOn: readonly string[]): readonly CandleVenue[] {
  return [...new Set([...heldOn.filter(isCandleVenue), ...CANDLE_VENUE_ORDER])];
}
