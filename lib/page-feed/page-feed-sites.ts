import { DERIBIT_VENUE } from '../venues/deribit/deribit-venue';
import { HYPERLIQUID_VENUE } from '../venues/hyperliquid/hyperliquid-venue';

/**
 * Where the page feed runs and what traffic it reads: the trading pages of the two venues whose
 * web apps receive the account's positions over their own documented API (Deribit's JSON-RPC
 * WebSocket, Hyperliquid's info endpoint and WebSocket), and the endpoints on which the MAIN-world
 * tap (page-feed-tap.ts) listens. The pages are the venue descriptors' `pageMatches` (written once,
 * in lib/venues/<venue>/<venue>-venue.ts), so the background's content-script origins cover them.
 * The background derives a snapshot's venue from the sender's origin with
 * {@link pageFeedVenueOf}, never from the message.
 *
 * This module is imported by the MAIN-world tap: constants only, nothing else.
 */
export const PageFeedVenue = {
  deribit: 'deribit',
  hyperliquid: 'hyperliquid',
} as const;
export type PageFeedVenue = (typeof PageFeedVenue)[keyof typeof PageFeedVenue];

/**
 * Each feed venue's trading pages: Deribit's futures and options pages (`/futures/BTC-PERPETUAL`,
 * `/options/BTC`), Hyperliquid's trade page (`/trade`, `/trade/BTC`).
 */
export const PAGE_FEED_VENUE_MATCHES: Readonly<Record<PageFeedVenue, readonly string[]>> = {
  deribit: DERIBIT_VENUE.pageMatches,
  hyperliquid: HYPERLIQUID_VENUE.pageMatches,
};

/** Where the page-feed content scripts run: trading pages only. */
export const PAGE_FEED_MATCHES: readonly string[] = [
  ...PAGE_FEED_VENUE_MATCHES.deribit,
  ...PAGE_FEED_VENUE_MATCHES.hyperliquid,
];

/** The venue whose trading pages are served from `origin` (`https://host`), or undefined. */
export function pageFeedVenueOf(origin: string | undefined): PageFeedVenue | undefined {
  if (origin === undefined) return undefined;
  const served = (venue: PageFeedVenue) =>
    PAGE_FEED_VENUE_MATCHES[venue].some((pattern) => pattern.startsWith(`${origin}/`));
  if (served(PageFeedVenue.deribit)) return PageFeedVenue.deribit;
  if (served(PageFeedVenue.hyperliquid)) return PageFeedVenue.hyperliquid;
  return undefined;
}

/**
 * Deribit's JSON-RPC over WebSocket (docs.deribit.com: "wss://www.deribit.com/ws/api/v2"), the
 * API its web platform uses "behind the scenes" (docs.deribit.com/articles/rate-limits).
 */
export const DERIBIT_SOCKET_URLS: readonly string[] = ['wss://www.deribit.com/ws/api/v2'];

/**
 * Hyperliquid's WebSocket (hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket:
 * "wss://api.hyperliquid.xyz/ws") and the UI host its web app also uses.
 */
export const HYPERLIQUID_SOCKET_URLS: readonly string[] = [
  'wss://api.hyperliquid.xyz/ws',
  'wss://api-ui.hyperliquid.xyz/ws',
];

/** Hyperliquid's info endpoint (…/api/info-endpoint: `POST https://api.hyperliquid.xyz/info`). */
export const HYPERLIQUID_INFO_URLS: readonly string[] = [
  'https://api.hyperliquid.xyz/info',
  'https://api-ui.hyperliquid.xyz/info',
];

/**
 * The DOM event type of the port handshake between the tap (MAIN world) and the reader (ISOLATED
 * world); page-feed-channel.ts says why the page cannot take part in it.
 */
export const PAGE_FEED_HANDSHAKE_EVENT = 'margin-lens:page-feed-port';

/** The largest message the tap forwards (characters): a full Hyperliquid webData2 fits. */
export const MAX_TAPPED_TEXT = 4_000_000;
