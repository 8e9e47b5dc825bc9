import type { LiveMarket, LiveMarketInput } from '../engine';
import type { VenueIndexPrice } from './assemble-portfolio';
import { Freshness, type ConnectionView } from './connection-types';

/**
 * The index prices the connected venues reported beside their accounts (Bybit option tickers,
 * Deribit positions, a Deribit page's positions), as the market input when there is no live
 * public data: only from connections whose data is fresh, the newest per asset, dated by the
 * oldest read used, and named as what they are — never as live data, and keeping the reason live
 * data is missing. With live data present they are not used: the live source prices every asset
 * it can, and an account needing a price it lacks is left out by name (mixing sources under one
 * label would misstate where a figure came from).
 *
 * A page's prices price only its own venue's accounts. The page is the venue's web app, whose
 * traffic the extension reads but does not authenticate (a content script is an untrusted
 * sender), and the engine's market holds one price per asset for every account: so a price read
 * from a venue's page is used only for an asset that no account of another venue holds
 * (positions' base and settlement assets, balances), and the market says which assets it priced
 * so ({@link VenueIndexMarket.pageReportedVenues}), for the pre-trade check not to take it as
 * another venue's mark ({@link mayMarkVenueOrder}). An asset another venue's account holds is
 * priced by a key connection's report, or left out by name as without live data.
 *
 * Never written into the portfolio file: file prices outrank live data and travel with an
 * export, so a stale venue price there would outlive its connection. Where a venue values an
 * account's collateral at its own index, that index travels with the account instead and is
 * not a market price: Bybit's unified account across coins (`collateralIndex`, bybit-adapter.ts),
 * like Binance's Multi-Assets asset index (`multiAssetsMargin`).
 */
export const VENUE_INDEX_SOURCE = 'index prices reported with the connected accounts';

export interface VenueIndexMarket extends LiveMarketInput {
  /** Asset → the venue whose page reported its price: it prices that venue's accounts only. */
  readonly pageReportedVenues?: Readonly<Record<string, string>>;
}

export function withVenueIndexPrices(
  live: LiveMarket | undefined,
  prices: readonly VenueIndexPrice[],
  connections: readonly ConnectionView[],
  /** The portfolio file the prices are for (its accounts say which venue holds which asset). */
  file: unknown,
): VenueIndexMarket | LiveMarket | undefined {
  if (live !== undefined && !('unavailable' in live)) return live;
  const views = new Map(connections.map((view) => [view.connection.id, view]));
  const holders = venuesHolding(file);
  /** The venue of the page that reported `entry`, or undefined for a key or address read. */
  const pageVenueOf = (entry: VenueIndexPrice) => {
    const connection = views.get(entry.connectionId)?.connection;
    return connection?.credentialKind === 'page' ? connection.venue : undefined;
  };
  const newest = new Map<string, VenueIndexPrice>();
  for (const entry of prices) {
    if (views.get(entry.connectionId)?.freshness !== Freshness.fresh) continue;
    const pageVenue = pageVenueOf(entry);
    if (
      pageVenue !== undefined &&
      [...(holders.get(entry.asset) ?? [])].some((venue) => venue !== pageVenue)
    )
      continue;
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
  const pageReported = used.flatMap((entry) => {
    const venue = pageVenueOf(entry);
    return venue === undefined ? [] : [[entry.asset, venue] as const];
  });
  return {
    source: `${VENUE_INDEX_SOURCE} (${[...new Set(used.map((e) => e.connectionId))].join(', ')}); live market data unavailable: ${why}`,
    asOf: oldest,
    prices: Object.fromEntries(used.map((entry) => [entry.asset, Number(entry.price)])),
    annualVols: {},
    correlations: {},
    volsMethod: `none (live market data unavailable: ${why})`,
    volsAsOf: oldest,
    ...(pageReported.length > 0 && { pageReportedVenues: Object.fromEntries(pageReported) }),
  };
}

/**
 * Whether the market's price of `asset` may stand as the mark of an order on `venue`: not when
 * it was read from another venue's page.
 */
export function mayMarkVenueOrder(
  live: LiveMarket | undefined,
  asset: string,
  venue: string,
): boolean {
  if (live === undefined || 'unavailable' in live) return false;
  const pageVenue = (live as VenueIndexMarket).pageReportedVenues?.[asset];
  return pageVenue === undefined || pageVenue === venue;
}

/** Asset → the venues of the file's accounts holding it (positions, settlement, balances). */
function venuesHolding(file: unknown): Map<string, Set<string>> {
  const holders = new Map<string, Set<string>>();
  const accounts = isRecord(file) && Array.isArray(file.accounts) ? file.accounts : [];
  for (const account of accounts as unknown[]) {
    if (!isRecord(account) || typeof account.venue !== 'string') continue;
    const assets: string[] = [];
    for (const position of Array.isArray(account.positions) ? account.positions : [])
      if (isRecord(position) && typeof position.symbol === 'string')
        assets.push(...symbolAssets(position.symbol));
    for (const balance of Array.isArray(account.balances) ? account.balances : [])
      if (isRecord(balance) && typeof balance.asset === 'string') assets.push(balance.asset);
    for (const asset of assets) {
      const venues = holders.get(asset) ?? new Set<string>();
      venues.add(account.venue);
      holders.set(asset, venues);
    }
  }
  return holders;
}

/** A unified symbol's base and settlement assets: `BTC/USD:BTC-261226-120000-C` → BTC, BTC. */
function symbolAssets(symbol: string): string[] {
  const [base = '', rest = ''] = symbol.split('/');
  const settle = rest.split(':')[1]?.split('-')[0] ?? '';
  return [base, settle].filter((asset) => asset !== '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
