import type { PortfolioFileAccount } from '../venues/api/venue-api-types';
import { PageFeedVenue } from './page-feed-sites';
import type { TappedMessage } from './tapped-message';

/**
 * What a feed reader (deribit-feed.ts, hyperliquid-feed.ts) makes of the messages it received:
 * one snapshot per venue account the page showed, in the portfolio file's account format.
 */
export interface PageFeedSnapshot {
  /**
   * The venue's own name for the account: Deribit's account id (from an account summary the page
   * asked for), a Hyperliquid address; null when the traffic has not said (Deribit only).
   */
  readonly identity: string | null;
  /** The accounts read completely (nothing half-read is ever in here). */
  readonly accounts: readonly PortfolioFileAccount[];
  /** What keeps an account (or part of the page's account) out for now, in words. */
  readonly pending: readonly string[];
  /** USD index prices by asset, decimal strings, as the venue sent them with the positions. */
  readonly prices: Readonly<Record<string, string>>;
}

/** The outcome of one received message: taken, or refused with a reason naming the field. */
export type FeedReceipt = { readonly ok: true } | { readonly ok: false; readonly problem: string };

export interface PageFeed {
  receive(message: TappedMessage): FeedReceipt;
  snapshots(): PageFeedSnapshot[];
}

/**
 * The id of a page-read account: `deribit-page-<account id>:<currency>` (one margin silo per
 * currency, as the key adapter's `<connection>:<currency>`; `unknown` while the page has not
 * said which account it shows) and `hyperliquid-page-<address>`. The background checks that a
 * snapshot's ids are exactly these for the identity it carries.
 */
export function pageAccountId(
  venue: PageFeedVenue,
  identity: string | null,
  currency?: string,
): string {
  if (venue === PageFeedVenue.hyperliquid) return `hyperliquid-page-${identity ?? 'unknown'}`;
  return `deribit-page-${identity ?? 'unknown'}${currency === undefined ? '' : `:${currency}`}`;
}

/** The message of an error thrown while reading, for a refusal. */
export function problemOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
