import type { LiveMarket } from '../engine';
import type { VenueIndexPrice } from './assemble-portfolio';
import { Freshness, type ConnectionView } from './connection-types';

/**
 * The live market input with the index prices the connected venues reported beside their
 * accounts (Bybit option tickers, Deribit positions): only those of connections whose data is
 * fresh, and below the live public data's own prices (a venue's index is the price its option
 * margin uses; the live source is the same kind of figure, read for the whole portfolio). With
 * no live data, the venues' prices stand alone as the live input and say where they came from,
 * keeping the reason the live data is missing.
 *
 * Never written into the portfolio file: file prices outrank live data and travel with an
 * export, so a stale venue price there would outlive its connection.
 */
export function withVenueIndexPrices(
  live: LiveMarket | undefined,
  prices: Readonly<Record<string, VenueIndexPrice>>,
  connections: readonly ConnectionView[],
): LiveMarket | undefined {
  const fresh = new Set(
    connections
      .filter((view) => view.freshness === Freshness.fresh)
      .map((view) => view.connection.id),
  );
  const usable = Object.entries(prices).filter(([, entry]) => fresh.has(entry.connectionId));
  if (usable.length === 0) return live;
  const venuePrices = Object.fromEntries(
    usable.map(([asset, entry]) => [asset, Number(entry.price)]),
  );
  if (live !== undefined && !('unavailable' in live))
    return { ...live, prices: { ...venuePrices, ...live.prices } };
  const newest = usable
    .map(([, entry]) => entry.readAt)
    .sort((a, b) => Date.parse(a) - Date.parse(b))
    .at(-1) as string;
  const venues = [...new Set(usable.map(([, entry]) => entry.connectionId))].join(', ');
  return {
    source: `index prices reported with the accounts (${venues})`,
    asOf: newest,
    prices: venuePrices,
    annualVols: {},
    correlations: {},
    volsMethod: `none: ${live === undefined ? 'live market data not requested' : live.unavailable}`,
    volsAsOf: newest,
  };
}
