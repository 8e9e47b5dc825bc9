import type { LiveMarket } from '../engine';
import type { VenueIndexPrice } from './assemble-portfolio';
import { Freshness, type ConnectionView } from './connection-types';

/**
 * The index prices the connected venues reported beside their accounts (Bybit option tickers,
 * Deribit positions), as the market input when there is no live public data: only from
 * connections whose data is fresh, the newest per asset, dated by the oldest read used, and
 * named as what they are — never as live data, and keeping the reason live data is missing.
 * With live data present they are not used: the live source prices every asset it can, and an
 * account needing a price it lacks is left out by name (mixing sources under one label would
 * misstate where a figure came from).
 *
 * Never written into the portfolio file: file prices outrank live data and travel with an
 * export, so a stale venue price there would outlive its connection.
 */
export const VENUE_INDEX_SOURCE = 'index prices reported with the connected accounts';

export function withVenueIndexPrices(
  live: LiveMarket | undefined,
  prices: readonly VenueIndexPrice[],
  connections: readonly ConnectionView[],
): LiveMarket | undefined {
  if (live !== undefined && !('unavailable' in live)) return live;
  const fresh = new Set(
    connections
      .filter((view) => view.freshness === Freshness.fresh)
      .map((view) => view.connection.id),
  );
  const newest = new Map<string, VenueIndexPrice>();
  for (const entry of prices) {
    if (!fresh.has(entry.connectionId)) continue;
    const known = newest.get(entry.asset);
    if (known === undefined || Date.parse(known.readAt) < Date.parse(entry.readAt))
      newest.set(entry.asset, entry);
  }
  if (newest.size === 0) return live;
  const used = [...newest.values()];
  const oldest = used
    .map((entry) => entry.readAt)
    .sort((a, b) => Date.parse(a) - Date.parse(b))[0] as string;
  const why = live === undefined ? 'not requested' : live.unavailable;
  return {
    source: `${VENUE_INDEX_SOURCE} (${[...new Set(used.map((e) => e.connectionId))].join(', ')}); live market data unavailable: ${why}`,
    asOf: oldest,
    prices: Object.fromEntries(used.map((entry) => [entry.asset, Number(entry.price)])),
    annualVols: {},
    correlations: {},
    volsMethod: `none (live market data unavailable: ${why})`,
    volsAsOf: oldest,
  };
}
