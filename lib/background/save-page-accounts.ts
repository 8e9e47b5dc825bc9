import { parsePortfolio, PortfolioError, venueMarginProblems } from '../engine';
import type { SenderInfo } from '../messaging/classify-sender';
import type { ResponseMap, SavePageAccountsRequest } from '../messaging/protocol';
import { venuesAtSenderOrigin } from '../messaging/sender-venues';
import { pageAccountId } from '../page-feed/page-feed-snapshot';
import { PageFeedVenue } from '../page-feed/page-feed-sites';
import {
  pageAccountsItem,
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
 * - Each account is checked by the engine's margin rules as a connection's read is
 *   (connection-service.ts): one they cannot compute stays out, its reason kept with the notes.
 * - The entry replaces the previous read of the same venue account (page-accounts-item.ts),
 *   stamped with the time the background received it. Writes are serialized, so two tabs cannot
 *   lose each other's read.
 */
export async function savePageAccounts(
  request: SavePageAccountsRequest,
  sender: SenderInfo,
  nowMs: number,
): Promise<ResponseMap['savePageAccounts']> {
  const venue = feedVenueOf(sender);
  const readAt = new Date(nowMs).toISOString();
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
  const accounts: PortfolioFileAccount[] = [];
  const pending = [...request.pending];
  for (const account of request.accounts) {
    const problem = engineRefusal(account, readAt);
    if (problem === undefined) accounts.push(account);
    else pending.push(problem);
  }
  const entry: PageAccountsEntry = {
    venue,
    identity,
    readAt,
    accounts,
    pending: pending.slice(0, 20),
    prices: { ...request.prices },
  };
  await serialized(async () => {
    const entries = await pageAccountsItem.getValue();
    await pageAccountsItem.setValue(withPageAccountsEntry(entries, entry));
  });
  return { saved: accounts.length, pending: entry.pending };
}

/** The page-feed venue at the sender's origin; throws when there is none. */
function feedVenueOf(sender: SenderInfo): PageFeedVenue {
  const venues: readonly string[] = venuesAtSenderOrigin(sender);
  const venue = Object.values(PageFeedVenue).find((candidate) => venues.includes(candidate));
  if (venue === undefined) throw new Error('refused: this page does not read accounts');
  return venue;
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

let queue: Promise<unknown> = Promise.resolve();

/** Runs `write` after every write started before it (read-modify-write of one storage item). */
function serialized(write: () => Promise<void>): Promise<void> {
  const next = queue.then(write, write);
  queue = next.catch(() => undefined);
  return next;
}
