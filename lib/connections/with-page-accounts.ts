import type { PageFeedVenue } from '../page-feed/page-feed-sites';
import { lastPageReadAt, type PageAccountsEntry } from '../storage/page-accounts-item';
import type { PortfolioFileAccount } from '../venues/api/venue-api-types';
import {
  PortfolioOrigin,
  type AssembledPortfolio,
  type VenueIndexPrice,
} from './assemble-portfolio';
import {
  Freshness,
  type ConnectionStatus,
  type ConnectionView,
  type VenueConnection,
} from './connection-types';

/**
 * The portfolio the risk state computes, with the accounts read from the venues' pages
 * (page-accounts-item.ts) added beside the imported and key-connected ones, each shown as a
 * connection "read from the page" with its age, so freshness works as for any connection: the
 * popup lists it, the overlay names its accounts by it and says how old they are.
 *
 * One venue account is one account, never two:
 * - Hyperliquid: a page read and an address connection with the same address are the same. When
 *   the address's last read was in unified account mode (`VenueAccountsSnapshot.unifiedAccount`),
 *   the page read is left out, named, whatever its age: the page reader does not compute that mode.
 * - Deribit: the same when the page's account id (from an account summary in its traffic) is the
 *   one the key's last read reported (`VenueAccountsSnapshot.venueAccountId`, from
 *   `private/get_account_summaries`). When the page has not said which account it shows, or a
 *   Deribit key's last read did not say, and a Deribit key is connected, the page read is left
 *   out (named, with the reason): it may be the same positions, and counting them twice would
 *   double the risk. With no Deribit key connected it is added as its own account, unless a
 *   Deribit page has named its account (then it is left out, named, for the same reason).
 * - Of the two reads of one account, the newer is used: a page read newer than the connection's
 *   last success replaces that connection's accounts under their ids; an older one is left out,
 *   named. A Deribit page read replaces only the currencies it read completely (the snapshot's
 *   accounts; the others are in its `pending`): the key's other currencies stay. A currency the
 *   page read as holding nothing is not in the snapshot either, so the key's last read of it stays
 *   until the key reads again (and then omits it too). The replaced accounts keep the trader's
 *   name for the connection, marked as read from the page ("Deribit main (read from the page)");
 *   their data and age are the page's.
 * A page read's age is from the last time the page sent it (its content's `readAt`, or a later
 * confirmation of the same content, `confirmedAt`); the portfolio's `asOf` and the index prices'
 * time are the content's `readAt`, so a confirmation changes no figure (nor the risk state's
 * fingerprint) while it keeps the read fresh. A read whose last confirmation is older than
 * {@link PAGE_READ_LEFT_OUT_AFTER_SECONDS} is left out of the figures (its positions may have
 * changed since), named as such; one older than {@link PAGE_READ_STALE_AFTER_SECONDS} is stale
 * (the page is no longer open): the content script re-sends at least every minute while the page
 * receives account messages (snapshot-sender.ts).
 */
export const PAGE_READ_STALE_AFTER_SECONDS = 180;
export const PAGE_READ_LEFT_OUT_AFTER_SECONDS = 24 * 60 * 60;

const PAGE_NAMES: Readonly<Record<PageFeedVenue, string>> = {
  deribit: 'Deribit',
  hyperliquid: 'Hyperliquid',
};

export interface PageAccountsInput {
  readonly entries: readonly PageAccountsEntry[];
  /** When the page last sent an entry's content again, by pageReadKey (page-accounts-item.ts). */
  readonly confirmedAt?: Readonly<Record<string, string>>;
  /** Each key or address connection's last reads (their snapshots say which venue account). */
  readonly statuses: Readonly<Record<string, ConnectionStatus>>;
  /** Milliseconds since the epoch. */
  readonly nowMs: number;
}

type Current = AssembledPortfolio & { readonly connections: readonly ConnectionView[] };

export function withPageAccounts<T extends Current>(current: T, input: PageAccountsInput): T {
  if (input.entries.length === 0) return current;
  const base = isRecord(current.file) ? current.file : {};
  let accounts: unknown[] =
    current.origin === PortfolioOrigin.demo
      ? []
      : Array.isArray(base.accounts)
        ? [...(base.accounts as unknown[])]
        : [];
  const usedIds = new Set(
    accounts.flatMap((account) =>
      isRecord(account) && typeof account.id === 'string' ? [account.id] : [],
    ),
  );
  const accountConnections = new Map(Object.entries(current.accountConnections));
  let venueIndexPrices: VenueIndexPrice[] = [...current.venueIndexPrices];
  const views: ConnectionView[] = [];
  const observedAt: string[] = [];
  let changed = false;

  const lastReadAtOf = (entry: PageAccountsEntry) => lastPageReadAt(entry, input.confirmedAt);
  const ageOf = (entry: PageAccountsEntry) =>
    Math.max(0, Math.round((input.nowMs - Date.parse(lastReadAtOf(entry))) / 1000));
  /** Venue → the account a page of it named (in use: read within the day). */
  const named = new Map(
    input.entries
      .filter(
        (entry) => entry.identity !== null && ageOf(entry) <= PAGE_READ_LEFT_OUT_AFTER_SECONDS,
      )
      .map((entry) => [entry.venue, entry.identity]),
  );

  for (const entry of input.entries) {
    const viewId = pageConnectionId(entry);
    const lastReadAt = lastReadAtOf(entry);
    const ageSeconds = ageOf(entry);
    const name = PAGE_NAMES[entry.venue];
    let label = `${name} (read from the page)`;
    const view = (leftOut: string | null, accountIds: readonly string[]): ConnectionView => {
      const stale = ageSeconds > PAGE_READ_STALE_AFTER_SECONDS;
      const reasons = [
        leftOut,
        stale
          ? `Read from the ${name} page ${Math.round(ageSeconds / 60)} minutes ago: open the page to update it.`
          : null,
        entry.pending.length > 0 ? `Not read yet: ${entry.pending.join('; ')}` : null,
      ].filter((reason): reason is string => reason !== null);
      return {
        connection: pageConnection(entry, viewId, label),
        freshness:
          leftOut !== null || stale
            ? Freshness.stale
            : entry.accounts.length === 0 && entry.pending.length > 0
              ? Freshness.missing
              : Freshness.fresh,
        staleReason: reasons.length === 0 ? null : reasons.join(' '),
        dataAgeSeconds: ageSeconds,
        lastSuccessAt: lastReadAt,
        problem: null,
        accountIds,
        positionCount: entry.accounts.reduce((sum, account) => sum + account.positions.length, 0),
      };
    };

    if (ageSeconds > PAGE_READ_LEFT_OUT_AFTER_SECONDS) {
      views.push(view(`Left out of the figures: read more than a day ago.`, []));
      continue;
    }
    const namedAccount = named.get(entry.venue);
    if (entry.identity === null && namedAccount != null) {
      views.push(
        view(
          `Left out of the figures: the ${name} page named its account (${namedAccount}) and this read did not say which account it shows, so these may be the same positions.`,
          [],
        ),
      );
      continue;
    }
    const match = sameAccount(entry, current.connections, input.statuses);
    if (match.kind === 'unknown') {
      views.push(view(match.reason, []));
      continue;
    }
    let renamed: PortfolioFileAccount[] = entry.accounts.map((account) => ({ ...account }));
    if (match.kind === 'same') {
      const { connection, status } = match;
      // The trader's name for the account, marked as read from the page.
      label = `${connection.label} (read from the page)`;
      const keyReadAt = status?.snapshot != null ? status.lastSuccessAt : null;
      if (entry.venue === 'hyperliquid' && status?.snapshot?.unifiedAccount === true) {
        views.push(view(unifiedAddressReason(connection.label), []));
        continue;
      }
      if (keyReadAt !== null && Date.parse(keyReadAt) >= Date.parse(lastReadAt)) {
        views.push(
          view(
            `The same account as "${connection.label}", whose read is newer: that one is used.`,
            [],
          ),
        );
        continue;
      }
      // The page's read is newer: it takes the place of the connection's accounts it read
      // completely (Deribit: its currencies; Hyperliquid: the one account), under their ids.
      const pageCurrencies = new Set(entry.accounts.map(currencyOf));
      const held = [...accountConnections]
        .filter(([, connectionId]) => connectionId === connection.id)
        .map(([accountId]) => accountId);
      const replaced = new Set(
        entry.venue === 'hyperliquid'
          ? entry.accounts.length > 0
            ? held
            : []
          : held.filter((id) => {
              const account = accounts.find((item) => isRecord(item) && item.id === id);
              return isRecord(account) && pageCurrencies.has(currencyOf(account));
            }),
      );
      accounts = accounts.filter(
        (account) => !(isRecord(account) && replaced.has(String(account.id))),
      );
      for (const id of replaced) {
        accountConnections.delete(id);
        usedIds.delete(id);
        changed = true;
      }
      // Its index prices go with it when none of its accounts is left.
      if (held.every((id) => replaced.has(id)))
        venueIndexPrices = venueIndexPrices.filter((price) => price.connectionId !== connection.id);
      renamed = renamed.map((account) => ({
        ...account,
        id: connectionAccountId(account, entry.venue, connection.id),
      }));
    }
    const ids: string[] = [];
    for (const account of renamed) {
      const id = usedIds.has(account.id) ? `${account.id}~page` : account.id;
      usedIds.add(id);
      ids.push(id);
      accounts.push(id === account.id ? account : { ...account, id });
      accountConnections.set(id, viewId);
      changed = true;
    }
    for (const [asset, price] of Object.entries(entry.prices))
      venueIndexPrices.push({ asset, price, connectionId: viewId, readAt: entry.readAt });
    if (ids.length > 0) observedAt.push(entry.readAt);
    views.push(view(null, ids));
  }

  const connections = [...current.connections, ...views];
  const byAccount = Object.fromEntries(accountConnections);
  if (!changed) return { ...current, connections, accountConnections: byAccount, venueIndexPrices };
  if (typeof base.asOf === 'string' && current.origin !== PortfolioOrigin.demo)
    observedAt.push(base.asOf);
  observedAt.sort((a, b) => Date.parse(a) - Date.parse(b));
  const file: Record<string, unknown> =
    current.origin === PortfolioOrigin.demo
      ? { version: 1, baseCurrency: 'USD', asOf: observedAt.at(-1), accounts }
      : { ...base, asOf: observedAt.at(-1), accounts };
  const origin =
    current.origin === PortfolioOrigin.demo
      ? PortfolioOrigin.connected
      : current.origin === PortfolioOrigin.imported
        ? PortfolioOrigin.importedAndConnected
        : current.origin;
  return {
    ...current,
    origin,
    file,
    connections,
    accountConnections: byAccount,
    venueIndexPrices,
  };
}

/**
 * Why a Hyperliquid page read is left out beside an address whose last read was in unified
 * account mode: the page feed reads the first dex's own state (hyperliquid-feed.ts) unless a
 * webData3 has said the account is unified (then it reads nothing), and a page sending only
 * webData2 never says; in that mode a dex's own state is not the account (its balance is the spot
 * state's), so the page read would put liquidations next to the marks and drop the other dexes.
 * The page entry does not carry whether the page said the mode, so any page read of that address
 * is left out until an address read says the account is no longer unified.
 */
function unifiedAddressReason(label: string): string {
  return `Left out of the figures: "${label}" was last read in unified account mode, which the page reader does not compute (each dex's own state does not show the account's balance); that read is used.`;
}

/** The id the page read is shown under (a connection id, lower case, at most 60 characters). */
export function pageConnectionId(entry: Pick<PageAccountsEntry, 'venue' | 'identity'>): string {
  return `page-${entry.venue}-${entry.identity ?? 'unknown'}`;
}

function pageConnection(entry: PageAccountsEntry, id: string, label: string): VenueConnection {
  return {
    id,
    venue: entry.venue,
    label,
    credentialKind: 'page',
    ...(entry.venue === 'hyperliquid' && entry.identity !== null && { address: entry.identity }),
    createdAt: entry.readAt,
  };
}

type Match =
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown'; readonly reason: string }
  | {
      readonly kind: 'same';
      readonly connection: VenueConnection;
      readonly status: ConnectionStatus | undefined;
    };

/** The connection that reads the same venue account as the page, if any (see the module's doc). */
function sameAccount(
  entry: PageAccountsEntry,
  views: readonly ConnectionView[],
  statuses: Readonly<Record<string, ConnectionStatus>>,
): Match {
  const connections = views
    .map((view) => view.connection)
    .filter(
      (connection) => connection.venue === entry.venue && connection.credentialKind !== 'page',
    );
  if (entry.venue === 'hyperliquid') {
    const same = connections.find((connection) => connection.address === entry.identity);
    return same === undefined
      ? { kind: 'none' }
      : { kind: 'same', connection: same, status: statuses[same.id] };
  }
  const read = connections.filter((connection) => statuses[connection.id]?.snapshot != null);
  if (entry.identity !== null) {
    const same = read.find(
      (connection) => statuses[connection.id]?.snapshot?.venueAccountId === entry.identity,
    );
    if (same !== undefined) return { kind: 'same', connection: same, status: statuses[same.id] };
  }
  const unnamed = read.find(
    (connection) => statuses[connection.id]?.snapshot?.venueAccountId === undefined,
  );
  if (entry.identity === null && connections.length > 0)
    return {
      kind: 'unknown',
      reason:
        'Left out of the figures: a Deribit key is connected and the page did not say which account it shows (no account summary in its traffic yet), so these may be the same positions.',
    };
  if (unnamed !== undefined)
    return {
      kind: 'unknown',
      reason: `Left out of the figures: "${unnamed.label}" was last read without its account id, so it may be the same account; it will be told apart after its next read.`,
    };
  return { kind: 'none' };
}

/** A page account's id under a connection: `<connection>:<currency>` (Deribit) or `<connection>`. */
function connectionAccountId(
  account: PortfolioFileAccount,
  venue: PageFeedVenue,
  connectionId: string,
): string {
  if (venue === 'hyperliquid') return connectionId;
  return `${connectionId}:${account.balances[0]?.asset ?? ''}`;
}

/** The currency of an account's (first) balance: a Deribit silo's currency. */
function currencyOf(account: unknown): string {
  if (!isRecord(account) || !Array.isArray(account.balances)) return '';
  const first: unknown = account.balances[0];
  return isRecord(first) && typeof first.asset === 'string' ? first.asset : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
