import klinesFixture from './fixtures/market/binance-klines-1d.json';
import premiumIndexFixture from './fixtures/market/binance-premium-index.json';
import bybitKlineFixture from './fixtures/market/bybit-kline-1d.json';
import bookSummaryFixture from './fixtures/market/deribit-book-summary-options.json';
import hyperliquidCandlesFixture from './fixtures/market/hyperliquid-candles-1d.json';
import okxCandlesFixture from './fixtures/market/okx-candles-1d.json';
import type { FakeApiRequest, FakeApiResponse, FakeVenueApi } from './fake-api';

/**
 * The public market-data endpoints Margin Lens reads without a key, faked from fixtures in the
 * venues' documented formats (each fixture names its documentation page and its data; see
 * fixtures/market/make-market-fixtures.ts):
 *
 * - Binance USDⓈ-M `GET /fapi/v1/premiumIndex` (all contracts, or one with `symbol`) and
 *   `GET /fapi/v1/klines` (`symbol`, `interval=1d`, `limit`: the last `limit` rows);
 *   errors as Binance sends them, `{"code":-1121,"msg":"Invalid symbol."}` with HTTP 400,
 *   https://developers.binance.com/docs/derivatives/usds-margined-futures/error-code;
 * - Deribit `GET /api/v2/public/get_book_summary_by_currency` (`currency`, `kind=option`),
 *   JSON-RPC errors as documented at https://docs.deribit.com/#rpc-error-codes;
 * - the venues' daily candles ccxt's `fetchOHLCV` reads (lib/market-data/candle-venues.ts):
 *   Hyperliquid `POST /info {"type":"candleSnapshot","req":{coin, interval, startTime, endTime}}`
 *   (the candles opening from startTime to endTime, oldest first), Bybit `GET /v5/market/kline`
 *   (`category`, `symbol`, `interval`, `start`, `end`, `limit` 1–1000 default 200: the newest
 *   `limit` klines from start to end, newest first; an unlisted symbol gets retCode 10001) and OKX
 *   `GET /api/v5/market/candles` (`instId`, `bar`, `after`, `before`, `limit` ≤ 300 default 100:
 *   the newest `limit` candles opening after `before` and before `after`, newest first; an
 *   unknown instrument gets code 51001, a bar other than `1Dutc` 51000). The fixtures hold one
 *   perpetual per venue (SOL on Hyperliquid, BTCUSDT on Bybit, ETH-USDT-SWAP on OKX); a
 *   Hyperliquid coin without candles here (DYDX, which the fake universe lists) gets HTTP 422,
 *   as any request the fake cannot read (hyperliquid-api.ts): what Hyperliquid answers for a
 *   coin it has no candles of is not documented.
 *
 * Placed first in the fake's route list: it answers only these requests (undefined otherwise, so
 * `POST /info` requests of other types reach hyperliquid-api.ts, and the venues' instrument
 * lists that ccxt's `loadMarkets` reads come from bybit-api.ts and okx-api.ts).
 * `marketDataApi(faults)` replaces an endpoint's answer, for tests of rate limits and malformed
 * payloads.
 */
export type MarketEndpoint =
  'premiumIndex' | 'klines' | 'bookSummary' | 'hyperliquidCandles' | 'bybitKline' | 'okxCandles';

export type MarketFaults = Partial<
  Record<
    MarketEndpoint,
    FakeApiResponse | ((request: FakeApiRequest) => FakeApiResponse | undefined)
  >
>;

/** Binance's documented answer to too much request weight (HTTP 429, code −1003). */
export const BINANCE_RATE_LIMITED: FakeApiResponse = {
  status: 429,
  body: {
    code: -1003,
    msg: 'Too many requests; current limit is 2400 request weight per 1 minute. Please use the websocket for live updates to avoid polling the API.',
  },
};

/** Deribit's documented rate-limit error (code 10028 `too_many_requests`, HTTP 429). */
export const DERIBIT_RATE_LIMITED: FakeApiResponse = {
  status: 429,
  body: {
    jsonrpc: '2.0',
    error: { message: 'too_many_requests', code: 10028 },
    testnet: false,
  },
};

const PATHS: Readonly<Record<string, MarketEndpoint>> = {
  'GET /fapi/v1/premiumIndex': 'premiumIndex',
  'GET /fapi/v1/klines': 'klines',
  'GET /api/v2/public/get_book_summary_by_currency': 'bookSummary',
  'GET /v5/market/kline': 'bybitKline',
  'GET /api/v5/market/candles': 'okxCandles',
};

const INVALID_SYMBOL: FakeApiResponse = {
  status: 400,
  body: { code: -1121, msg: 'Invalid symbol.' },
};

export function marketDataApi(faults: MarketFaults = {}): FakeVenueApi {
  return {
    venue: 'public market data',
    respond(request) {
      const endpoint = isCandleSnapshot(request)
        ? 'hyperliquidCandles'
        : PATHS[`${request.method} ${request.path}`];
      if (endpoint === undefined) return undefined;
      const fault = faults[endpoint];
      const faulted = typeof fault === 'function' ? fault(request) : fault;
      if (faulted) return faulted;
      switch (endpoint) {
        case 'premiumIndex':
          return premiumIndex(request);
        case 'klines':
          return klines(request);
        case 'bookSummary':
          return bookSummary(request);
        case 'hyperliquidCandles':
          return hyperliquidCandles(request);
        case 'bybitKline':
          return bybitKline(request);
        case 'okxCandles':
          return okxCandles(request);
      }
    },
  };
}

/** The market-data routes with their normal answers. */
export const MARKET_DATA_API: FakeVenueApi = marketDataApi();

function premiumIndex(request: FakeApiRequest): FakeApiResponse {
  const symbol = request.query.get('symbol');
  if (symbol === null) return { status: 200, body: premiumIndexFixture.response };
  const row = premiumIndexFixture.response.find((item) => item.symbol === symbol);
  return row ? { status: 200, body: row } : INVALID_SYMBOL;
}

function klines(request: FakeApiRequest): FakeApiResponse {
  const rows = (klinesFixture.klines as Readonly<Record<string, readonly unknown[]>>)[
    request.query.get('symbol') ?? ''
  ];
  if (rows === undefined) return INVALID_SYMBOL;
  if (request.query.get('interval') !== '1d')
    return { status: 400, body: { code: -1120, msg: 'Invalid interval.' } };
  const limit = Number(request.query.get('limit') ?? '500');
  if (!Number.isInteger(limit) || limit < 1 || limit > 1500)
    return {
      status: 400,
      body: { code: -1130, msg: "Data sent for parameter 'limit' is not valid." },
    };
  return { status: 200, body: rows.slice(-limit) };
}

function bookSummary(request: FakeApiRequest): FakeApiResponse {
  const currency = request.query.get('currency') ?? '';
  const responses = bookSummaryFixture.responses as Readonly<Record<string, unknown>>;
  const badKind = request.query.get('kind') !== 'option';
  if (badKind || !['BTC', 'ETH', 'USDC', 'USDT', 'EURR'].includes(currency))
    return {
      status: 400,
      body: {
        jsonrpc: '2.0',
        error: {
          message: 'Invalid params',
          data: { reason: 'wrong format', param: badKind ? 'kind' : 'currency' },
          code: -32602,
        },
        testnet: false,
      },
    };
  return {
    status: 200,
    body: responses[currency] ?? {
      jsonrpc: '2.0',
      result: [],
      usIn: 0,
      usOut: 0,
      usDiff: 0,
      testnet: false,
    },
  };
}

/** Whether a request is Hyperliquid's `POST /info` asking for a candle snapshot. */
function isCandleSnapshot(request: FakeApiRequest): boolean {
  if (request.method !== 'POST' || request.path !== '/info') return false;
  try {
    return (JSON.parse(request.body) as { type?: unknown } | null)?.type === 'candleSnapshot';
  } catch {
    return false;
  }
}

/** A query parameter as a whole number, `fallback` when absent, NaN when not a whole number. */
function integerParameter(request: FakeApiRequest, name: string, fallback: number): number {
  const text = request.query.get(name);
  if (text === null) return fallback;
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

function hyperliquidCandles(request: FakeApiRequest): FakeApiResponse {
  const { req } = JSON.parse(request.body) as { req?: Record<string, unknown> };
  const rows = (
    hyperliquidCandlesFixture.candles as Readonly<Record<string, readonly { t: number }[]>>
  )[String(req?.coin)];
  const { startTime, endTime } = req ?? {};
  if (
    rows === undefined ||
    req?.interval !== '1d' ||
    typeof startTime !== 'number' ||
    !(endTime === undefined || endTime === null || typeof endTime === 'number')
  )
    return { status: 422, body: 'Failed to deserialize the JSON body into the target type' };
  const end = typeof endTime === 'number' ? endTime : Number.POSITIVE_INFINITY;
  return { status: 200, body: rows.filter((row) => row.t >= startTime && row.t <= end) };
}

function bybitKline(request: FakeApiRequest): FakeApiResponse {
  const answer = (retCode: number, retMsg: string, result: object) => ({
    status: 200,
    body: { retCode, retMsg, result, retExtInfo: {}, time: Date.parse('2025-02-11T12:00:00Z') },
  });
  const symbol = request.query.get('symbol') ?? '';
  const rows = (bybitKlineFixture.candles as Readonly<Record<string, readonly string[][]>>)[symbol];
  if (request.query.get('category') !== 'linear' || rows === undefined)
    return answer(10001, 'params error: symbol invalid', {});
  if (request.query.get('interval') !== 'D')
    return answer(10001, 'params error: interval invalid', {});
  const start = integerParameter(request, 'start', 0);
  const end = integerParameter(request, 'end', Number.MAX_SAFE_INTEGER);
  const limit = integerParameter(request, 'limit', 200);
  if (!(limit >= 1 && limit <= 1000) || Number.isNaN(start) || Number.isNaN(end))
    return answer(10001, 'params error: limit, start or end invalid', {});
  const list = rows
    .filter((row) => Number(row[0]) >= start && Number(row[0]) <= end)
    .slice(0, limit);
  return answer(0, 'OK', { symbol, category: 'linear', list });
}

function okxCandles(request: FakeApiRequest): FakeApiResponse {
  const rows = (okxCandlesFixture.candles as Readonly<Record<string, readonly string[][]>>)[
    request.query.get('instId') ?? ''
  ];
  if (rows === undefined)
    return { status: 200, body: { code: '51001', msg: 'Instrument ID does not exist', data: [] } };
  if (request.query.get('bar') !== '1Dutc')
    return { status: 200, body: { code: '51000', msg: 'Parameter bar error', data: [] } };
  const after = integerParameter(request, 'after', Number.MAX_SAFE_INTEGER);
  const before = integerParameter(request, 'before', -1);
  const limit = integerParameter(request, 'limit', 100);
  if (!(limit >= 1 && limit <= 300) || Number.isNaN(after) || Number.isNaN(before))
    return { status: 200, body: { code: '51000', msg: 'Parameter limit error', data: [] } };
  const data = rows
    .filter((row) => Number(row[0]) < after && Number(row[0]) > before)
    .slice(0, limit);
  return { status: 200, body: { code: '0', msg: '', data } };
}
