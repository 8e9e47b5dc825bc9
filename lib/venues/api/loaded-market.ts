import type { PayloadReader } from './payload-reader';
import type { CcxtExchange } from './venue-api-types';

/**
 * The market ccxt loaded (`exchange.markets`, after `loadMarkets`) that a position names. A
 * position on an instrument the venue's instrument list did not hold is a malformed answer of
 * the position endpoint: `reader` (that endpoint's) names the position at `where` and the list
 * it is missing from (`listing`, e.g. `GET /v5/market/instruments-info`).
 */
export function loadedMarket<Market extends { readonly id: string }>(
  exchange: CcxtExchange,
  matches: (market: Market) => boolean,
  reader: PayloadReader,
  where: string,
  listing: string,
): Market {
  const market = Object.values(exchange.markets as Record<string, Market>).find(matches);
  if (market === undefined) return reader.fail(where, `is not an instrument of ${listing}`);
  return market;
}
