import binancecoinm from 'ccxt-src/binancecoinm.js';
import binanceusdm from 'ccxt-src/binanceusdm.js';
import bitget from 'ccxt-src/bitget.js';
import bybit from 'ccxt-src/bybit.js';
import deribit from 'ccxt-src/deribit.js';
import gate from 'ccxt-src/gate.js';
import hyperliquid from 'ccxt-src/hyperliquid.js';
import okx from 'ccxt-src/okx.js';
import type { CcxtExchange, Credentials, VenueId } from './venue-api-types';
import { venueFetch } from './venue-fetch';

/**
 * One ccxt exchange instance per connected venue, imported one exchange module at a time (not
 * the whole library, ~6 MB: research/toolchain.md §5b); what the base Exchange imports only for
 * other exchanges and websockets is left out of the build (stub-unused-ccxt-modules.ts).
 *
 * Options every venue shares:
 * - `enableRateLimit`: ccxt spaces requests by the venue's documented weight limits;
 * - `fetchCurrencies: false`: skips the currency endpoints (private on Binance and Bybit) that
 *   a risk read does not need; ccxt 4.5.84 honours that option on Binance only, and its
 *   `loadMarkets` calls Bybit's `GET /v5/asset/coin/query-info` and OKX's
 *   `GET /api/v5/asset/currencies` whenever a key is set, and Hyperliquid's `{"type":"spotMeta"}`
 *   (the spot tokens) always, so for those three `has.fetchCurrencies` is turned off as well;
 * - `timeout` (ms) bounds each request, its whole answer included (venue-fetch.ts);
 * - `fetchMarkets.types`: only the product lines Margin Lens supports on the venue (on
 *   Hyperliquid its perpetuals: ccxt 4.5.84 would otherwise also read the spot and HIP-3 lists,
 *   one request per HIP-3 dex, before a public `fetchOHLCV`; the account adapter loads no
 *   markets).
 */
const EXCHANGE_CLASSES = {
  binanceusdm,
  binancecoinm,
  bybit,
  okx,
  deribit,
  hyperliquid,
  bitget,
  gate,
} as const satisfies Record<VenueId, new (config: object) => CcxtExchange>;

const VENUE_OPTIONS: Readonly<Record<VenueId, object>> = {
  binanceusdm: {},
  binancecoinm: {},
  bybit: { fetchMarkets: { types: ['linear', 'inverse', 'option'] } },
  okx: { fetchMarkets: { types: ['swap', 'future', 'option'] } },
  deribit: {},
  hyperliquid: { fetchMarkets: { types: ['swap'] } },
  // Bitget: its swaps (USDT-M among them); `uta: false` skips ccxt 4.5.84's Unified Trading
  // Account probe (`GET /api/v3/account/settings` on every keyed `loadMarkets`): the adapter
  // reads the classic v2 endpoints and refuses a unified account by their own answer
  // (lib/venues/bitget/bitget-unified-account.ts).
  bitget: { fetchMarkets: { types: ['swap'] }, uta: false },
  // Gate: its perpetuals settled in USDT only (ccxt 4.5.84 also lists the BTC-settled ones by
  // default, `swap.fetchMarkets.settlementCurrencies`); `unifiedAccount: false` skips ccxt's
  // unified-account probe (`GET /api/v4/account/detail` on every keyed `loadMarkets`, whose
  // failure it swallows): the adapter asks that endpoint itself and refuses a unified account
  // by its answer (lib/venues/gate/gate-account-detail.ts).
  gate: {
    fetchMarkets: { types: ['swap'] },
    swap: { fetchMarkets: { settlementCurrencies: ['usdt'] } },
    unifiedAccount: false,
  },
};

export interface CreateExchangeOptions {
  /** False in tests against the local fake exchange (no waiting between requests). */
  readonly enableRateLimit?: boolean;
  /** Request timeout in ms (ccxt's default is 10 s). */
  readonly timeout?: number;
}

export function createExchange(
  venue: VenueId,
  credentials: Credentials | undefined,
  options: CreateExchangeOptions = {},
): CcxtExchange {
  const secrets =
    credentials === undefined
      ? {}
      : credentials.kind === 'apiKey'
        ? {
            apiKey: credentials.apiKey,
            secret: credentials.secret,
            ...(credentials.password !== undefined && { password: credentials.password }),
          }
        : { walletAddress: credentials.address };
  const ExchangeClass = EXCHANGE_CLASSES[venue];
  return new ExchangeClass({
    ...secrets,
    enableRateLimit: options.enableRateLimit ?? true,
    timeout: options.timeout ?? 10_000,
    // Reads whole answers within `timeout` and keeps a venue's Retry-After (venue-fetch.ts).
    fetchImplementation: venueFetch(venue),
    options: { fetchCurrencies: false, ...VENUE_OPTIONS[venue] },
    ...((venue === 'bybit' ||
      venue === 'okx' ||
      venue === 'hyperliquid' ||
      venue === 'bitget' ||
      venue === 'gate') && {
      has: { fetchCurrencies: false },
    }),
  });
}
