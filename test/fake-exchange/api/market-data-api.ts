import klinesFixture from './fixtures/market/binance-klines-1d.json';
import premiumIndexFixture from './fixtures/market/binance-premium-index.json';
import bookSummaryFixture from './fixtures/market/deribit-book-summary-options.json';
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
 *   JSON-RPC errors as documented at https://docs.deribit.com/#rpc-error-codes.
 *
 * Placed first in the fake's route list: it answers only these paths (undefined otherwise).
 * `marketDataApi(faults)` replaces an endpoint's answer, for tests of rate limits and malformed
 * payloads.
 */
export type MarketEndpoint = 'premiumIndex' | 'klines' | 'bookSummary';

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
  '/fapi/v1/premiumIndex': 'premiumIndex',
  '/fapi/v1/klines': 'klines',
  '/api/v2/public/get_book_summary_by_currency': 'bookSummary',
};

const INVALID_SYMBOL: FakeApiResponse = {
  status: 400,
  body: { code: -1121, msg: 'Invalid symbol.' },
};

export function marketDataApi(faults: MarketFaults = {}): FakeVenueApi {
  return {
    venue: 'public market data',
    respond(request) {
      const endpoint = request.method === 'GET' ? PATHS[request.path] : undefined;
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
