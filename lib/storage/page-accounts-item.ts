import { storage } from 'wxt/utils/storage';
import type { PageFeedVenue } from '../page-feed/page-feed-sites';
import type { PortfolioFileAccount } from '../venues/api/venue-api-types';

/**
 * Accounts read from the venues' own pages (the page feed, lib/page-feed), one entry per venue
 * account (venue and identity), as the background accepted them (save-page-accounts.ts): the
 * accounts in the portfolio file's format, what was still pending, the index prices that came with
 * them, and when the background received them. In `local:` storage so that a restarted service
 * worker still shows them (marked by their age). Bounded: at most {@link MAX_PAGE_ACCOUNT_ENTRIES}
 * entries (the oldest read goes first) of at most MAX_PAGE_ACCOUNTS accounts each
 * (parse-page-account-request.ts). Versioned like every item: a change of shape adds a version
 * and a migration here.
 */
export interface PageAccountsEntry {
  readonly venue: PageFeedVenue;
  /** Deribit account id or Hyperliquid address; null when the page did not say (Deribit). */
  readonly identity: string | null;
  /** ISO-8601 time the background received this read. */
  readonly readAt: string;
  readonly accounts: readonly PortfolioFileAccount[];
  /** What the page had not shown completely yet, or the engine refused, in words. */
  readonly pending: readonly string[];
  /** USD index prices by asset, decimal strings. */
  readonly prices: Readonly<Record<string, string>>;
}

export const MAX_PAGE_ACCOUNT_ENTRIES = 8;

export const pageAccountsItem = storage.defineItem<PageAccountsEntry[]>('local:pageAccounts', {
  fallback: [],
  version: 1,
  migrations: {},
});

/**
 * The entries with `entry` in place of the one for the same venue account (and of an earlier
 * read of the same venue that did not say which account it was, when this one does), newest
 * first, at most {@link MAX_PAGE_ACCOUNT_ENTRIES}.
 */
export function withPageAccountsEntry(
  entries: readonly PageAccountsEntry[],
  entry: PageAccountsEntry,
): PageAccountsEntry[] {
  const others = entries.filter(
    (existing) =>
      existing.venue !== entry.venue ||
      (existing.identity !== entry.identity &&
        !(existing.identity === null && Date.parse(existing.readAt) <= Date.parse(entry.readAt))),
  );
  return [entry, ...others]
    .sort((a, b) => Date.parse(b.readAt) - Date.parse(a.readAt))
    .slice(0, MAX_PAGE_ACCOUNT_ENTRIES);
}
