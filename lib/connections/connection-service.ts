import {
  classifyConnectionError,
  connectionProblem,
  ProblemKind,
  type ConnectionProblem,
} from '../venues/api/connection-problem';
import type {
  ApiKeyCredentials,
  CcxtExchange,
  Credentials,
  KeyPermissionCheck,
  VenueAccountsSnapshot,
  VenueAdapter,
  VenueId,
} from '../venues/api/venue-api-types';
import { parsePortfolio, PortfolioError, venueMarginProblems } from '../engine';
import { keyFingerprint } from '../storage/key-fingerprint';
import type { ConnectionStatus, VenueConnection } from './connection-types';
import { retryNotBefore, venueWaitEndsAt } from './refresh-backoff';

/**
 * Reads connected venue accounts and keeps each connection's status: the last good snapshot,
 * consecutive failures, the problem in words, and when to try again. Everything it needs comes
 * in (storage, secrets, ccxt, adapters, clock), so it runs the same in unit tests and in the
 * service worker. Reads of one connection never overlap; status writes are serialised.
 */
export interface ConnectionStore {
  connections(): Promise<readonly VenueConnection[]>;
  saveConnections(connections: readonly VenueConnection[]): Promise<void>;
  statuses(): Promise<Readonly<Record<string, ConnectionStatus>>>;
  saveStatuses(statuses: Readonly<Record<string, ConnectionStatus>>): Promise<void>;
}

/** Where a connection's API key is kept (the key vault). */
export interface SecretSource {
  /** The key, or undefined when the vault is locked (or holds nothing for the id). */
  credentialsFor(connectionId: string): Promise<Credentials | undefined>;
  isUnlocked(): Promise<boolean>;
  store(connection: VenueConnection, credentials: ApiKeyCredentials): Promise<void>;
  remove(connectionId: string): Promise<void>;
  /** Ids the vault holds keys for (a connection id must not collide with one of them). */
  ids(): Promise<readonly string[]>;
}

/**
 * The ids of key connections a connect or a disconnect is changing (issue 13, review finding b):
 * recorded before the key is stored or the connection forgotten, cleared once the change is
 * whole. What a stopped worker leaves here is all the next worker's cleanup may touch.
 */
export interface PendingKeyChanges {
  ids(): Promise<readonly string[]>;
  save(ids: readonly string[]): Promise<void>;
}

export interface RefreshOptions {
  /** Read every connection now, backoff or not (the trader pressed refresh, or unlocked). */
  readonly force?: boolean;
  /** The trader is looking (popup or settings opened): retry problems only they could fix. */
  readonly byTrader?: boolean;
}

export interface ConnectionServiceDeps {
  readonly store: ConnectionStore;
  readonly secrets: SecretSource;
  readonly adapters: Readonly<Record<VenueId, VenueAdapter>>;
  readonly openExchange: (venue: VenueId, credentials: Credentials) => CcxtExchange;
  /** Drops a cached exchange after a failed read (its markets may lack a new instrument). */
  readonly forgetExchange?: (venue: VenueId, credentials: Credentials) => void;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /**
   * Why the venue's hosts cannot be reached (the browser has not granted them), checked in turn
   * at the start of each connect: a release of host permissions that ran between the page's
   * grant and the connect refuses it by name instead of listing a connection that cannot read.
   */
  readonly hostAccessProblem?: (venue: VenueId) => Promise<ConnectionProblem | undefined>;
  /** Where key changes under way are recorded; without it, `removeOrphanSecrets` removes nothing. */
  readonly pendingKeys?: PendingKeyChanges;
}

export type ConnectionTest =
  | {
      readonly ok: true;
      readonly permissions: KeyPermissionCheck | null;
      readonly accounts: number;
      readonly positions: number;
    }
  | { readonly ok: false; readonly problem: ConnectionProblem };

export interface ConnectionService {
  /** Checks the key's permissions and reads the account once, storing nothing. */
  test(venue: VenueId, credentials: Credentials): Promise<ConnectionTest>;
  /**
   * Tests, then stores the key in the vault and the connection with its first read; says what
   * the key check found (a key the venue would not describe is connected, `notChecked` saying so).
   */
  connect(
    venue: VenueId,
    label: string,
    credentials: Credentials,
  ): Promise<
    | { ok: true; connection: VenueConnection; permissions: KeyPermissionCheck | null }
    | { ok: false; problem: ConnectionProblem }
  >;
  disconnect(connectionId: string): Promise<void>;
  /**
   * Drops every key connection with its status, then runs `then` (deleting the vault), as one
   * change: no connect can slip in between.
   */
  dropKeyConnections(then: () => Promise<void>): Promise<void>;
  /**
   * Reads every connection that is due: all of them when `force`, otherwise those whose backoff
   * has passed. Connections needing a key are skipped while the vault is locked.
   */
  refresh(options?: RefreshOptions): Promise<void>;
  /**
   * Removes from the vault the keys a stopped connect or disconnect left without a connection,
   * and returns their ids: a worker stopped between storing a key and listing its connection (a
   * connect), or between forgetting a connection and erasing its key (a disconnect), leaves a
   * key the pages can neither show nor delete. Only keys recorded as pending
   * ({@link PendingKeyChanges}) and not listed go: a key with neither a connection nor a
   * pending record is left alone, so a connection list that reads empty (a failed or migrated
   * read) erases nothing. Run at worker start, in turn with connects and disconnects.
   */
  removeOrphanSecrets(): Promise<readonly string[]>;
  /**
   * Runs `change` in turn with connects and disconnects (after those asked for before it, before
   * those asked for after): what reads the connection list to act on it, such as giving back a
   * venue's host permissions, sees every earlier connect listed.
   */
  inTurn<T>(change: () => Promise<T>): Promise<T>;
}

export function createConnectionService(deps: ConnectionServiceDeps): ConnectionService {
  const inFlight = new Map<string, Promise<void>>();
  let statusWrites: Promise<void> = Promise.resolve();
  // Connects and disconnects change the connection list and the vault together: one at a time,
  // so that two at once cannot lose each other's writes.
  let listChanges: Promise<unknown> = Promise.resolve();
  function oneAtATime<T>(change: () => Promise<T>): Promise<T> {
    const next = listChanges.then(change, change);
    listChanges = next.catch(() => undefined);
    return next;
  }

  function updateStatus(
    connectionId: string,
    change: (previous: ConnectionStatus) => ConnectionStatus | null,
  ): Promise<void> {
    statusWrites = statusWrites.then(async () => {
      const stored = await deps.store.statuses();
      const next = change(stored[connectionId] ?? emptyStatus(connectionId));
      const others = Object.entries(stored).filter(([id]) => id !== connectionId);
      await deps.store.saveStatuses(
        Object.fromEntries(next === null ? others : [...others, [connectionId, next]]),
      );
    });
    return statusWrites;
  }

  async function readOnce(
    venue: VenueId,
    credentials: Credentials,
    accountId: string,
  ): Promise<
    | { ok: true; permissions: KeyPermissionCheck | null; snapshot: ConnectionStatus['snapshot'] }
    | { ok: false; problem: ConnectionProblem }
  > {
    const adapter = deps.adapters[venue];
    try {
      const exchange = deps.openExchange(venue, credentials);
      let permissions: KeyPermissionCheck | null = null;
      if (credentials.kind === 'apiKey' && adapter.checkKeyPermissions) {
        permissions = await adapter.checkKeyPermissions(exchange);
        // A key the venue would not describe (`notChecked`, nothing it can do named) is read,
        // and the trader told so; one it names a capability of is refused.
        const notChecked =
          permissions.notChecked !== undefined && permissions.capabilities.length === 0;
        if (!permissions.readOnly && !notChecked) {
          deps.forgetExchange?.(venue, credentials);
          return {
            ok: false,
            problem: connectionProblem(
              venue,
              ProblemKind.tradeCapableKey,
              `It can ${permissions.capabilities.join(', ')} (${permissions.checkedWith}).`,
            ),
          };
        }
      }
      const asOf = new Date(deps.now()).toISOString();
      const snapshot = await adapter.fetchAccounts(exchange, accountId, asOf);
      // An account the engine refuses would take the whole portfolio's report down with it:
      // refuse it here, by name, and keep the rest of the portfolio computing.
      const refusal = engineRefusal(snapshot, asOf);
      if (refusal !== undefined)
        return {
          ok: false,
          problem: connectionProblem(venue, ProblemKind.unsupportedAccount, refusal),
        };
      return { ok: true, permissions, snapshot };
    } catch (error) {
      const problem = classifyConnectionError(venue, error);
      // An exchange whose answers could not be read may hold stale markets (a newly listed
      // instrument): it is not kept. Rate limits and outages keep it (and its rate limiter).
      if (FORGET_AFTER.has(problem.kind)) deps.forgetExchange?.(venue, credentials);
      return { ok: false, problem };
    }
  }

  async function readConnection(connection: VenueConnection): Promise<void> {
    const credentials: Credentials | undefined =
      connection.credentialKind === 'address' && connection.address !== undefined
        ? { kind: 'address', address: connection.address }
        : await deps.secrets.credentialsFor(connection.id);
    if (credentials === undefined) return; // vault locked: freshness marks the data stale
    const attemptAt = deps.now();
    const result = await readOnce(connection.venue, credentials, connection.id);
    // A read that ends after its connection was disconnected (or replaced) writes nothing.
    const current = (await deps.store.connections()).find((c) => c.id === connection.id);
    if (current?.createdAt !== connection.createdAt) return;
    await updateStatus(connection.id, (previous) =>
      result.ok
        ? readStatus(connection.id, result.snapshot, attemptAt)
        : {
            ...previous,
            lastAttemptAt: new Date(attemptAt).toISOString(),
            failures: previous.failures + 1,
            problem: result.problem,
            retryNotBefore: isoOrNull(
              retryNotBefore(result.problem, previous.failures + 1, attemptAt),
            ),
          },
    );
  }

  function readDeduplicated(connection: VenueConnection): Promise<void> {
    const running = inFlight.get(connection.id);
    if (running) return running;
    const started = readConnection(connection).finally(() => inFlight.delete(connection.id));
    inFlight.set(connection.id, started);
    return started;
  }

  return {
    async test(venue, credentials) {
      const result = await readOnce(venue, credentials, `${venue}-test`);
      // A tested key is not kept in memory: it is connected (or not) separately.
      deps.forgetExchange?.(venue, credentials);
      if (!result.ok) return result;
      const accounts = result.snapshot?.accounts ?? [];
      return {
        ok: true,
        permissions: result.permissions,
        accounts: accounts.length,
        positions: accounts.reduce((sum, account) => sum + account.positions.length, 0),
      };
    },

    connect(venue, label, credentials) {
      return oneAtATime(() => connectNow(venue, label, credentials));
    },

    disconnect(connectionId) {
      return oneAtATime(() => disconnectNow(connectionId));
    },

    dropKeyConnections(then) {
      return oneAtATime(async () => {
        await dropKeyConnectionsNow();
        await then();
      });
    },

    removeOrphanSecrets() {
      return oneAtATime(async () => {
        const pending = (await deps.pendingKeys?.ids()) ?? [];
        if (pending.length === 0) return [];
        const listed = new Set(
          (await deps.store.connections())
            .filter((connection) => connection.credentialKind === 'apiKey')
            .map((connection) => connection.id),
        );
        const held = new Set(await deps.secrets.ids());
        const orphans = pending.filter((id) => !listed.has(id) && held.has(id));
        for (const id of orphans) await deps.secrets.remove(id);
        await deps.pendingKeys?.save([]);
        return orphans;
      });
    },

    inTurn(change) {
      return oneAtATime(change);
    },

    async refresh(options = {}) {
      const connections = await deps.store.connections();
      const statuses = await deps.store.statuses();
      const nowMs = deps.now();
      const due = connections.filter((connection) =>
        isDue(statuses[connection.id], nowMs, options),
      );
      await Promise.all(due.map(readDeduplicated));
    },
  };

  /**
   * A connect of a key records it as pending, writes the key, then the connection, clears the
   * pending record, then writes its first status: a worker stopped after the key is written
   * leaves a pending key no connection refers to, which the next start removes
   * (`removeOrphanSecrets`); stopped after the connection is listed, it leaves a whole
   * connection, read again at the next refresh. A disconnect records the key as pending, then
   * writes in the reverse order.
   *
   * A connect that fails in any way (the read-only check refused, the venue's, the network's
   * or the clock's error, an account the engine refuses, the vault failing to store the key)
   * keeps no ccxt instance built with its credentials: only a connected key stays in memory.
   */
  async function connectNow(
    venue: VenueId,
    label: string,
    credentials: Credentials,
  ): ReturnType<ConnectionService['connect']> {
    let connected = false;
    try {
      const result = await connectOnce(venue, label, credentials);
      connected = result.ok;
      return result;
    } finally {
      if (!connected) deps.forgetExchange?.(venue, credentials);
    }
  }

  async function connectOnce(
    venue: VenueId,
    label: string,
    credentials: Credentials,
  ): ReturnType<ConnectionService['connect']> {
    if (credentials.kind === 'apiKey' && !(await deps.secrets.isUnlocked())) {
      return {
        ok: false,
        problem: connectionProblem(
          venue,
          ProblemKind.unknown,
          'Unlock the key vault (or create one) before connecting a key: keys are only stored encrypted.',
        ),
      };
    }
    const denied = await deps.hostAccessProblem?.(venue);
    if (denied !== undefined) return { ok: false, problem: denied };
    const existing = await deps.store.connections();
    const id = uniqueConnectionId(venue, label, [
      ...existing.map((connection) => connection.id),
      ...(await deps.secrets.ids()),
    ]);
    const attemptAt = deps.now();
    const result = await readOnce(venue, credentials, id);
    if (!result.ok) return result;
    const connection: VenueConnection = {
      id,
      venue,
      label: label.trim() || venue,
      credentialKind: credentials.kind,
      ...(credentials.kind === 'address'
        ? { address: credentials.address }
        : { keyFingerprint: keyFingerprint(credentials.apiKey) }),
      createdAt: new Date(attemptAt).toISOString(),
    };
    if (credentials.kind === 'apiKey') {
      await markPending(id);
      await deps.secrets.store(connection, credentials);
    }
    await deps.store.saveConnections([...existing, connection]);
    if (credentials.kind === 'apiKey') await clearPending(id);
    await updateStatus(id, () => readStatus(id, result.snapshot, attemptAt));
    return { ok: true, connection, permissions: result.permissions };
  }

  async function disconnectNow(connectionId: string): Promise<void> {
    const existing = await deps.store.connections();
    const connection = existing.find((c) => c.id === connectionId);
    const keyed = connection?.credentialKind === 'apiKey';
    if (keyed) await markPending(connectionId);
    await deps.store.saveConnections(existing.filter((c) => c.id !== connectionId));
    // A read still running for it ends before its status goes (it then writes nothing).
    await inFlight.get(connectionId)?.catch(() => undefined);
    await updateStatus(connectionId, () => null);
    // Address connections have nothing in the vault.
    if (keyed) {
      await deps.secrets.remove(connectionId);
      await clearPending(connectionId);
    }
  }

  async function markPending(connectionId: string): Promise<void> {
    if (deps.pendingKeys === undefined) return;
    const pending = await deps.pendingKeys.ids();
    if (!pending.includes(connectionId)) await deps.pendingKeys.save([...pending, connectionId]);
  }

  async function clearPending(connectionId: string): Promise<void> {
    if (deps.pendingKeys === undefined) return;
    const pending = await deps.pendingKeys.ids();
    if (pending.includes(connectionId))
      await deps.pendingKeys.save(pending.filter((id) => id !== connectionId));
  }

  /**
   * Drops every key connection and its status without touching the vault (which may be
   * damaged): the first half of deleting the vault.
   */
  async function dropKeyConnectionsNow(): Promise<void> {
    const existing = await deps.store.connections();
    const keyed = existing.filter((c) => c.credentialKind === 'apiKey');
    await deps.store.saveConnections(existing.filter((c) => c.credentialKind !== 'apiKey'));
    for (const connection of keyed) {
      await inFlight.get(connection.id)?.catch(() => undefined);
      await updateStatus(connection.id, () => null);
    }
  }
}

/**
 * Whether a connection is read now: never before the end of a wait the venue asked for
 * (Retry-After); otherwise always when forced; otherwise not while a backoff runs; and a problem
 * only the trader can fix (a wrong key, the clock, an unsupported account) is tried again only
 * when the trader asks (opening the popup or the settings), not by the alarm.
 */
function isDue(
  status: ConnectionStatus | undefined,
  nowMs: number,
  options: RefreshOptions,
): boolean {
  const venueWaitEnd =
    status?.problem && status.lastAttemptAt !== null
      ? venueWaitEndsAt(status.problem, Date.parse(status.lastAttemptAt))
      : null;
  if (venueWaitEnd !== null && nowMs < venueWaitEnd) return false;
  if (options.force) return true;
  if (!status?.problem) return true;
  if (status.retryNotBefore !== null) return Date.parse(status.retryNotBefore) <= nowMs;
  return options.byTrader === true;
}

/** Why the engine cannot compute the snapshot's accounts (file validation, then margin rules). */
function engineRefusal(snapshot: VenueAccountsSnapshot, asOf: string): string | undefined {
  try {
    const problems = venueMarginProblems(
      parsePortfolio({
        version: 1,
        asOf,
        baseCurrency: 'USD',
        accounts: snapshot.accounts,
        ...(snapshot.tierTables.length > 0 && { tierTables: snapshot.tierTables }),
        ...(snapshot.collateralTables !== undefined && {
          collateralTables: snapshot.collateralTables,
        }),
        ...(snapshot.prices !== undefined && { market: { prices: snapshot.prices } }),
      }),
    );
    return problems.length === 0 ? undefined : new PortfolioError(problems).message;
  } catch (error) {
    if (error instanceof PortfolioError) return error.message;
    throw error;
  }
}

const FORGET_AFTER = new Set<ConnectionProblem['kind']>([
  ProblemKind.malformedResponse,
  ProblemKind.unsupportedAccount,
  ProblemKind.unknown,
  ProblemKind.wrongKey,
  ProblemKind.expiredKey,
]);

/** The status after a successful read at `attemptAtMs`. */
function readStatus(
  connectionId: string,
  snapshot: ConnectionStatus['snapshot'],
  attemptAtMs: number,
): ConnectionStatus {
  const at = new Date(attemptAtMs).toISOString();
  return {
    connectionId,
    snapshot,
    lastSuccessAt: at,
    lastAttemptAt: at,
    failures: 0,
    problem: null,
    retryNotBefore: null,
  };
}

function emptyStatus(connectionId: string): ConnectionStatus {
  return {
    connectionId,
    snapshot: null,
    lastSuccessAt: null,
    lastAttemptAt: null,
    failures: 0,
    problem: null,
    retryNotBefore: null,
  };
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** `bybit-main`, `bybit-main-2`, …: lower-case letters, digits and dashes. */
export function uniqueConnectionId(
  venue: VenueId,
  label: string,
  takenIds: readonly string[],
): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 24);
  const base = slug === '' || slug === venue ? venue : `${venue}-${slug}`;
  const taken = new Set(takenIds);
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix += 1) {
    if (!taken.has(`${base}-${suffix}`)) return `${base}-${suffix}`;
  }
}
