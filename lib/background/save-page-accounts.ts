import { parsePortfolio, PortfolioError, venueMarginProblems } from '../engine';
import type { SenderInfo } from '../messaging/classify-sender';
import type { ResponseMap, SavePageAccountsRequest } from '../messaging/protocol';
import { venuesAtSenderOrigin } from '../messaging/sender-venues';
import { pageAccountId } from '../page-feed/page-feed-snapshot';
import { PageFeedVenue } from '../page-feed/page-feed-sites';
import {
  pageAccountsConfirmedItem,
  pageAccountsItem,
  pageReadKey,
  samePageContent,
  withPageAccountsEntry,
  type PageAccountsEntry,
} from '../storage/page-accounts-item';
import type { PortfolioFileAccount } from '../venues/api/venue-api-types';

/**
 * Stores the accounts a page-feed content script read from its venue's page
 * (lib/page-feed; the request was validated by parse-page-account-request.ts).
 *
 * - The venue is the one whose trading pages are at the sender's origin (the origin the browser
 *   sets: www.deribit.com → deribit, app.hyperliquid.xyz → hyperliquid), never a field of the
 *   message; a content script on another venue's page may not send one at all, and an account of
 *   another venue is refused.
 * - The identity must have the venue's form (a Deribit account id, a Hyperliquid address; Deribit
 *   may send none), and each account id must be the one page-feed-snapshot.ts gives that identity.
 *   These checks are immediate: a refused request is answered at once.
 * - Paced per tab (a page can send at any rate; each write rewrites the stored reads, tells every
 *   extension page storage changed and makes the risk state recompute): at most one write per
 *   {@link PAGE_ACCOUNTS_WRITE_INTERVAL_MS} per tab. A request in between waits, and a newer one
 *   from the same tab takes its place (the latest is written, when the interval is up); every
 *   waiting request is answered with what that write stored.
 * - Each account is checked by the engine's margin rules as a connection's read is
 *   (connection-service.ts): one they cannot compute stays out, its reason kept with the notes.
 * - The entry replaces the previous read of the same venue account, within the item's bounds
 *   (page-accounts-item.ts: entries per venue, bytes in all). The same content again (the page's
 *   heartbeat) is not rewritten: only the time it was confirmed is (pageAccountsConfirmedItem),
 *   so the figures' inputs do not change. Writes are serialized, so two tabs cannot lose each
 *   other's read.
 */
export const PAGE_ACCOUNTS_WRITE_INTERVAL_MS = 5_000;

export interface PageAccountsSaverOptions {
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** Default: setTimeout. */
  readonly setTimer?: (callback: () => void, delayMs: number) => void;
  readonly writeIntervalMs?: number;
}

export interface PageAccountsSaver {
  save(
    request: SavePageAccountsRequest,
    sender: SenderInfo,
  ): Promise<ResponseMap['savePageAccounts']>;
}

type Answer = ResponseMap['savePageAccounts'];

interface Waiting {
  readonly resolve: (answer: Answer) => void;
  readonly reject: (error: unknown) => void;
}

/** One tab's pacing: when it last wrote, and the latest request waiting for its turn. */
interface TabPace {
  lastWriteAt: number;
  latest: { readonly request: SavePageAccountsRequest; readonly venue: PageFeedVenue } | null;
  waiting: Waiting[];
  timerSet: boolean;
}

export function createPageAccountsSaver(options: PageAccountsSaverOptions): PageAccountsSaver {
  const interval = options.writeIntervalMs ?? PAGE_ACCOUNTS_WRITE_INTERVAL_MS;
  const setTimer =
    options.setTimer ?? ((callback: () => void, delayMs: number) => setTimeout(callback, delayMs));
  const tabs = new Map<string, TabPace>();
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs `write` after every write started before it (read-modify-write of the items). */
  function serialized<T>(write: () => Promise<T>): Promise<T> {
    const next = queue.then(write, write);
    queue = next.catch(() => undefined);
    return next;
  }

  function flush(key: string): void {
    const pace = tabs.get(key);
    if (pace?.latest == null) return;
    const { request, venue } = pace.latest;
    const waiting = pace.waiting;
    pace.latest = null;
    pace.waiting = [];
    pace.lastWriteAt = options.now();
    serialized(() => store(request, venue, options.now())).then(
      (answer) => waiting.forEach((one) => one.resolve(answer)),
      (error: unknown) => waiting.forEach((one) => one.reject(error)),
    );
  }

  /** Forgets tabs with nothing waiting whose interval is over (the map stays small). */
  function forgetIdle(nowMs: number): void {
    for (const [key, pace] of tabs)
      if (pace.latest === null && !pace.timerSet && nowMs - pace.lastWriteAt >= interval)
        tabs.delete(key);
  }

  return {
    save(request, sender) {
      const venue = feedVenueOf(sender);
      checkIdentity(venue, request);
      const nowMs = options.now();
      forgetIdle(nowMs);
      const key = tabKeyOf(sender);
      let pace = tabs.get(key);
      if (pace === undefined) {
        pace = {
          lastWriteAt: Number.NEGATIVE_INFINITY,
          latest: null,
          waiting: [],
          timerSet: false,
        };
        tabs.set(key, pace);
      }
      const current = pace;
      current.latest = { request, venue };
      return new Promise<Answer>((resolve, reject) => {
        current.waiting.push({ resolve, reject });
        if (current.timerSet) return;
        const dueInMs = current.lastWriteAt + interval - nowMs;
        if (dueInMs <= 0) {
          flush(key);
          return;
        }
        current.timerSet = true;
        setTimer(() => {
          current.timerSet = false;
          flush(key);
        }, dueInMs);
      });
    },
  };
}

/** Checks the identity's form and each account's venue and id; throws what is wrong. */
function checkIdentity(venue: PageFeedVenue, request: SavePageAccountsRequest): void {
  const { identity } = request;
  if (venue === PageFeedVenue.deribit && identity !== null && !/^\d{1,20}$/.test(identity))
    throw new Error('refused: a Deribit page names its account by a number');
  if (venue === PageFeedVenue.hyperliquid && (identity === null || !identity.startsWith('0x')))
    throw new Error('refused: a Hyperliquid page names its account by its address');
  const ids = new Set<string>();
  request.accounts.forEach((account, index) => {
    if (account.venue !== venue)
      throw new Error(
        `refused: accounts[${index}] is a ${account.venue} account, sent from a ${venue} page`,
      );
    const expected = expectedId(venue, identity, account);
    if (account.id !== expected || ids.has(expected))
      throw new Error(`refused: accounts[${index}] id must be "${expected}", once`);
    ids.add(expected);
  });
}

/** Checks the accounts with the engine, then stores the read (or only its confirmation). */
async function store(
  request: SavePageAccountsRequest,
  venue: PageFeedVenue,
  nowMs: number,
): Promise<Answer> {
  const readAt = new Date(nowMs).toISOString();
  const accounts: PortfolioFileAccount[] = [];
  const pending = [...request.pending];
  for (const account of request.accounts) {
    const problem = engineRefusal(account, readAt);
    if (problem === undefined) accounts.push(account);
    else pending.push(problem);
  }
  const entry: PageAccountsEntry = {
    venue,
    identity: request.identity,
    readAt,
    accounts,
    pending: pending.slice(0, 20),
    prices: { ...request.prices },
  };
  const [entries, confirmed] = await Promise.all([
    pageAccountsItem.getValue(),
    pageAccountsConfirmedItem.getValue(),
  ]);
  const key = pageReadKey(entry);
  const previous = entries.find((existing) => pageReadKey(existing) === key);
  if (previous !== undefined && samePageContent(previous, entry)) {
    // The page confirms what is stored: its time only, the figures' inputs unchanged.
    await pageAccountsConfirmedItem.setValue({ ...confirmed, [key]: readAt });
    return { saved: previous.accounts.length, pending: previous.pending };
  }
  const next = withPageAccountsEntry(entries, entry, confirmed);
  await pageAccountsItem.setValue(next);
  // Confirmations of the replaced content and of entries no longer kept go.
  const keys = new Set(next.map(pageReadKey));
  const kept = Object.entries(confirmed).filter(([other]) => other !== key && keys.has(other));
  if (kept.length !== Object.keys(confirmed).length)
    await pageAccountsConfirmedItem.setValue(Object.fromEntries(kept));
  return { saved: accounts.length, pending: entry.pending };
}

/** The page-feed venue at the sender's origin; throws when there is none. */
function feedVenueOf(sender: SenderInfo): PageFeedVenue {
  const venues: readonly string[] = venuesAtSenderOrigin(sender);
  const venue = Object.values(PageFeedVenue).find((candidate) => venues.includes(candidate));
  if (venue === undefined) throw new Error('refused: this page does not read accounts');
  return venue;
}

/** The sender's tab (the browser sets it), or its origin when the browser gave no tab id. */
function tabKeyOf(sender: SenderInfo): string {
  const tab = sender.tab;
  const id = typeof tab === 'object' && tab !== null ? (tab as { id?: unknown }).id : undefined;
  if (typeof id === 'number') return `tab ${id}`;
  return `origin ${sender.origin ?? sender.url ?? ''}`;
}

function expectedId(
  venue: PageFeedVenue,
  identity: string | null,
  account: PortfolioFileAccount,
): string {
  if (venue === PageFeedVenue.hyperliquid) return pageAccountId(venue, identity);
  return pageAccountId(venue, identity, account.balances[0]?.asset ?? '');
}

/** Why the engine's margin rules cannot compute the account, or undefined. */
function engineRefusal(account: PortfolioFileAccount, asOf: string): string | undefined {
  try {
    const problems = venueMarginProblems(
      parsePortfolio({ version: 1, asOf, baseCurrency: 'USD', accounts: [account] }),
    );
    return problems.length === 0 ? undefined : problems.join('; ');
  } catch (error) {
    if (error instanceof PortfolioError) return error.problems.join('; ');
    throw error;
  }
}
