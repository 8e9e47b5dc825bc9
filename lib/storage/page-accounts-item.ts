import { defineVersionedItem } from './versioned-item';
import type { PageFeedVenue } from '../page-feed/page-feed-sites';
import type { PortfolioFileAccount } from '../venues/api/venue-api-types';

/**
 * Accounts read from the venues' own pages (the page feed, lib/page-feed), one entry per venue
 * account (venue and identity), as the background accepted them (save-page-accounts.ts): the
 * accounts in the portfolio file's format, what was still pending, the index prices that came with
 * them, and when the background received that content. In `local:` storage so that a restarted
 * service worker still shows them (marked by their age). Versioned like every item: a change of
 * shape or meaning adds a version and a migration here.
 *
 * Bounded (the extension has no `unlimitedStorage`; storage.local's 10 MB quota is shared with
 * every other item, and a full quota breaks their writes):
 * - at most {@link MAX_PAGE_ENTRIES_PER_VENUE} entries per venue, newest kept; a Hyperliquid entry
 *   is the page's own address (hyperliquid-feed.ts sends nothing else), so it replaces every
 *   other Hyperliquid entry;
 * - at most {@link MAX_PAGE_ACCOUNTS_BYTES} bytes of JSON in all (UTF-8), oldest dropped first;
 *   each entry is at most one request's worth (parse-page-account-request.ts: 1,000,000
 *   characters), so the newest entry always fits.
 *
 * The entry's `readAt` is the time of its content, and changes only when the content does: the
 * page's re-sends of the same content (heartbeats, snapshot-sender.ts) are recorded apart, in
 * {@link pageAccountsConfirmedItem}, so an unchanged read neither rewrites this item nor changes
 * the figures' inputs (the portfolio's `asOf`, the risk state's fingerprint).
 */
export interface PageAccountsEntry {
  readonly venue: PageFeedVenue;
  /** Deribit account id or Hyperliquid address; null when the page did not say (Deribit). */
  readonly identity: string | null;
  /** ISO-8601 time the background received this content (the time of its figures). */
  readonly readAt: string;
  readonly accounts: readonly PortfolioFileAccount[];
  /** What the page had not shown completely yet, or the engine refused, in words. */
  readonly pending: readonly string[];
  /** USD index prices by asset, decimal strings. */
  readonly prices: Readonly<Record<string, string>>;
}

/** Deribit: a main account and two subaccounts open in different sessions. */
export const MAX_PAGE_ENTRIES_PER_VENUE = 3;
/** Of the 10 MB storage.local quota (chrome.storage.local.QUOTA_BYTES). */
export const MAX_PAGE_ACCOUNTS_BYTES = 2_000_000;

/**
 * Version 2: a Hyperliquid entry is the page's own address only (hyperliquid-feed.ts). Version 1
 * took every address whose state the page fetched before the page named its own (other
 * people's, from vault, explorer or leaderboard views): its Hyperliquid entries are dropped (an
 * open page sends its own again within a minute).
 */
export const pageAccountsItem = defineVersionedItem<PageAccountsEntry[]>('local:pageAccounts', {
  fallback: [],
  version: 2,
  migrations: { 2: dropUnconfirmedHyperliquidReads },
});

/**
 * When the page last sent each entry's content again, unchanged (ISO-8601, by
 * {@link pageReadKey}); only for entries in {@link pageAccountsItem}, and only when later than
 * the entry's `readAt`. The read's age and freshness come from the later of the two.
 */
export const pageAccountsConfirmedItem = defineVersionedItem<Record<string, string>>(
  'local:pageAccountsConfirmedAt',
  { fallback: {}, version: 1, migrations: {} },
);

/** The version 1 → 2 migration (see {@link pageAccountsItem}). */
export function dropUnconfirmedHyperliquidReads(entries: unknown): PageAccountsEntry[] {
  if (!Array.isArray(entries)) return [];
  return (entries as PageAccountsEntry[]).filter((entry) => entry.venue !== 'hyperliquid');
}

/** The key of one venue account's read: `deribit:58214`, `deribit:` (unnamed), `hyperliquid:0x…`. */
export function pageReadKey(entry: Pick<PageAccountsEntry, 'venue' | 'identity'>): string {
  return `${entry.venue}:${entry.identity ?? ''}`;
}

/** When the page last sent this entry's content: its `readAt` or a later confirmation. */
export function lastPageReadAt(
  entry: PageAccountsEntry,
  confirmedAt: Readonly<Record<string, string>> = {},
): string {
  const confirmed = confirmedAt[pageReadKey(entry)];
  return confirmed !== undefined && Date.parse(confirmed) > Date.parse(entry.readAt)
    ? confirmed
    : entry.readAt;
}

/**
 * Whether two reads of one venue account carry the same content (their times aside). Compared as
 * JSON with every object's keys sorted: Chromium's storage gives objects back with their keys
 * sorted, whatever order they were written in.
 */
export function samePageContent(a: PageAccountsEntry, b: PageAccountsEntry): boolean {
  const content = (entry: PageAccountsEntry) =>
    sortedJson([entry.venue, entry.identity, entry.accounts, entry.pending, entry.prices]);
  return content(a) === content(b);
}

/** JSON text of `value` with each object's keys in sorted order. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'object' && item !== null && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/** The entries' size as storage.local counts it: UTF-8 bytes of their JSON. */
export function pageAccountsBytes(entries: readonly PageAccountsEntry[]): number {
  return new TextEncoder().encode(JSON.stringify(entries)).length;
}

/**
 * The entries with `entry` in place of the one for the same venue account (and of an earlier
 * read of the same venue that did not say which account it was, when this one does; and of
 * every other Hyperliquid address), newest read first, within the bounds above. Throws when
 * `entry` alone exceeds the byte budget.
 */
export function withPageAccountsEntry(
  entries: readonly PageAccountsEntry[],
  entry: PageAccountsEntry,
  confirmedAt: Readonly<Record<string, string>> = {},
): PageAccountsEntry[] {
  if (pageAccountsBytes([entry]) > MAX_PAGE_ACCOUNTS_BYTES)
    throw new Error(
      `refused: the ${entry.venue} page's read is larger than ${MAX_PAGE_ACCOUNTS_BYTES} bytes`,
    );
  const others = entries.filter(
    (existing) =>
      existing.venue !== entry.venue ||
      (entry.venue !== 'hyperliquid' &&
        existing.identity !== entry.identity &&
        !(existing.identity === null && Date.parse(existing.readAt) <= Date.parse(entry.readAt))),
  );
  const byRecency = (a: PageAccountsEntry, b: PageAccountsEntry) =>
    Date.parse(lastPageReadAt(b, confirmedAt)) - Date.parse(lastPageReadAt(a, confirmedAt));
  // The new entry always stays; the others, newest first, while their venue has room.
  const kept = [entry];
  for (const other of [...others].sort(byRecency))
    if (kept.filter((item) => item.venue === other.venue).length < MAX_PAGE_ENTRIES_PER_VENUE)
      kept.push(other);
  // Then the oldest go first until the whole fits (JSON of a list: "[", items joined by ",", "]").
  const sizes = new Map(kept.map((item) => [item, pageAccountsBytes([item]) - 2]));
  const total = () => kept.reduce((sum, item) => sum + (sizes.get(item) ?? 0), 0) + kept.length + 1;
  kept.sort(byRecency);
  while (total() > MAX_PAGE_ACCOUNTS_BYTES) {
    const oldest = [...kept].reverse().find((item) => item !== entry);
    if (oldest === undefined) break;
    kept.splice(kept.indexOf(oldest), 1);
  }
  return kept;
}
