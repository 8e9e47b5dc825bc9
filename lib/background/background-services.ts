import { createConnectionService, type ConnectionService } from '../connections/connection-service';
import type { VenueConnection } from '../connections/connection-types';
import {
  connectionsItem,
  connectionStatusItem,
  pendingKeyChangesItem,
} from '../storage/connections-item';
import {
  lockIfIdle,
  readIdleLockMinutes,
  setIdleLockMinutes,
  touchVault,
} from '../storage/idle-lock';
import { createVault, deleteVault, lock, unlock, vaultState } from '../storage/key-vault';
import { portfolioItem } from '../storage/portfolio-item';
import { refreshMinutesItem } from '../storage/refresh-settings-item';
import type {
  CcxtExchange,
  Credentials,
  VenueAdapter,
  VenueId,
} from '../venues/api/venue-api-types';
import { currentPortfolio, hostAccessProblem, type AccountDeps } from './account-requests';
import { withPageAccounts } from '../connections/with-page-accounts';
import { withPublicTierTables } from '../connections/with-public-tier-tables';
import { pageAccountsConfirmedItem, pageAccountsItem } from '../storage/page-accounts-item';
import { createPageAccountsSaver } from './save-page-accounts';
import { createLiveMarketService, type PublicMarketVenue } from './live-market-service';
import { createPublicTierTablesService } from './public-tier-tables-service';
import { withVenueIndexPrices } from '../connections/venue-index-prices';
import type { ResidualHistory } from '../engine';
import { createRiskState, type RiskState } from './risk-state';
import { createAlertService, type AlertNotifier, type AlertService } from './alert-service';
import { browserAlertNotifier } from './browser-alert-notifier';
import type { AlertInput } from '../alerts/alert-input';
import { riskStateItem } from '../storage/risk-state-item';
import { recordMarginHistory } from '../storage/margin-history-item';
import { vaultSecretSource } from './vault-secret-source';
import {
  forgetUnlockFailures,
  monotonicFailureClock,
  unlockWithBackoff,
} from '../storage/unlock-backoff';
import { MARKET_DATA_HOSTS } from '../venues/api/venue-hosts';
import { marketDataHostsToKeep, unusedHostPermissions } from './unused-host-permissions';

/**
 * The background's services over the extension's storage: connections, key vault, settings,
 * the imported portfolio, and the risk service over all of them. The browser-facing parts
 * (ccxt exchange construction, host permissions, alarms, clock) come in as arguments, so unit
 * tests run the same services against WXT's fake browser and the local fake venue API.
 */
export interface BackgroundEnvironment {
  readonly adapters: Readonly<Record<VenueId, VenueAdapter>>;
  readonly openExchange: (venue: VenueId, credentials: Credentials) => CcxtExchange;
  /** Drops a cached exchange (after a failed read). */
  readonly forgetExchange?: (venue: VenueId, credentials: Credentials) => void;
  /** The vault locked or was deleted: drop whatever holds keys in memory. */
  readonly onVaultLocked?: () => void;
  /** Key-less exchanges for public market data. */
  readonly openPublic: (venue: PublicMarketVenue) => CcxtExchange;
  readonly hasHostAccess: (origins: readonly string[]) => Promise<boolean>;
  /**
   * Gives optional host permissions back (`permissions.remove`): a venue's API hosts once its
   * last connection is removed and live market data does not read them (issue 13, finding 10).
   */
  readonly releaseHostAccess?: (origins: readonly string[]) => Promise<void>;
  /** Called after the trader changes the refresh interval (re-schedules the alarm). */
  readonly onRefreshMinutesChanged: (minutes: number) => Promise<void>;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /**
   * Milliseconds on a clock no wall-clock change moves (default performance.now()): the unlock
   * back-off's wait within one worker (unlock-backoff.ts).
   */
  readonly monotonicNow?: () => number;
  /**
   * The residual history of filtered historical simulation, a packaged data file (92 kB kept out
   * of the worker's code); read once, when a portfolio asks for that method.
   */
  readonly loadResidualHistory: () => Promise<ResidualHistory>;
  /** The extension's version (a stored risk state from another version is recomputed). */
  readonly version: string;
  /** Where alerts are shown (default: the browser's notifications, browser-alert-notifier.ts). */
  readonly alertNotifier?: AlertNotifier;
}

export interface BackgroundServices {
  readonly accounts: AccountDeps;
  readonly connections: ConnectionService;
  readonly risk: RiskState;
  /** The alerts, evaluated on every change of the risk state and after each scheduled refresh. */
  readonly alerts: AlertService;
  /** The scheduled work: lock the vault when idle, read the connections that are due, evaluate the alerts. */
  scheduledRefresh(): Promise<void>;
  /** Locks the vault if the trader has been idle for the set time (its own 1-minute alarm). */
  lockIfIdle(): Promise<void>;
  /**
   * Removes the vault keys a worker stopped part-way through a connect or a disconnect left
   * without a connection (those recorded as pending only), and returns their ids; run at worker
   * start.
   */
  removeOrphanKeys(): Promise<readonly string[]>;
}

export function createBackgroundServices(env: BackgroundEnvironment): BackgroundServices {
  const store = {
    connections: () => connectionsItem.getValue(),
    saveConnections: (connections: Parameters<typeof connectionsItem.setValue>[0]) =>
      connectionsItem.setValue([...connections]),
    statuses: () => connectionStatusItem.getValue(),
    saveStatuses: (statuses: Parameters<typeof connectionStatusItem.setValue>[0]) =>
      connectionStatusItem.setValue({ ...statuses }),
  };
  const connections = createConnectionService({
    store,
    secrets: vaultSecretSource,
    adapters: env.adapters,
    openExchange: env.openExchange,
    ...(env.forgetExchange !== undefined && { forgetExchange: env.forgetExchange }),
    now: env.now,
    hostAccessProblem: (venue) => hostAccessProblem(venue, env),
    pendingKeys: {
      ids: async () => {
        const stored: unknown = await pendingKeyChangesItem.getValue();
        return Array.isArray(stored) ? stored.filter((id) => typeof id === 'string') : [];
      },
      save: (ids) => pendingKeyChangesItem.setValue([...ids]),
    },
  });
  const locked = () => env.onVaultLocked?.();
  // This worker's clock of the last wrong passphrase: a wall-clock jump does not end the wait.
  const unlockFailures = monotonicFailureClock(env.monotonicNow ?? (() => performance.now()));
  // Locks when idle; whatever holds keys in memory goes with the lock, even if the lock itself
  // then reports an error.
  const lockWhenIdle = async () => {
    try {
      if ((await lockIfIdle(env.now())) === 'locked') locked();
    } catch (error) {
      locked();
      throw error;
    }
  };
  const liveMarket = createLiveMarketService({
    hasHostAccess: env.hasHostAccess,
    openPublic: env.openPublic,
    now: env.now,
    refreshMinutes: () => refreshMinutesItem.getValue(),
  });
  const publicTierTables = createPublicTierTablesService({
    hasHostAccess: env.hasHostAccess,
    openPublic: env.openPublic,
    now: env.now,
  });
  // Every read of the accounts also reads the market for what they now hold, and the venues'
  // public tier tables for positions that came without one (the risk state parses the file
  // once; a file it cannot use has nothing to read for).
  const refreshMarket = async () => {
    const portfolio = await risk.portfolio();
    if (portfolio !== null)
      await Promise.all([liveMarket.refresh(portfolio), publicTierTables.refresh(portfolio)]);
  };
  const refreshAll: ConnectionService['refresh'] = async (options) => {
    await connections.refresh(options);
    await refreshMarket();
  };
  const connectAndRead: ConnectionService['connect'] = async (venue, label, credentials) => {
    const result = await connections.connect(venue, label, credentials);
    if (result.ok) await refreshMarket();
    return result;
  };
  // The alerts read the risk state as the popup does; when the portfolio cannot be used at all,
  // they still watch the connections' freshness.
  const alertInput = async (): Promise<AlertInput> => {
    try {
      const view = await risk.portfolioRisk();
      return {
        report: view.report,
        source: view.source,
        connections: view.connections,
        accountConnections: view.accountConnections,
      };
    } catch {
      const current = await currentPortfolio(accounts);
      return {
        report: null,
        source: current.origin,
        connections: current.connections,
        accountConnections: current.accountConnections,
      };
    }
  };
  const alerts = createAlertService({
    notifier: env.alertNotifier ?? browserAlertNotifier(),
    currentInput: alertInput,
    now: env.now,
    log: (message, error) => console.error(message, error),
  });
  // Venues with a connect under way: the options page has just been granted their hosts.
  const connecting = new Map<VenueId, number>();
  const connectCounted: ConnectionService['connect'] = async (venue, label, credentials) => {
    connecting.set(venue, (connecting.get(venue) ?? 0) + 1);
    try {
      return await connectAndRead(venue, label, credentials);
    } finally {
      const left = (connecting.get(venue) ?? 1) - 1;
      if (left === 0) connecting.delete(venue);
      else connecting.set(venue, left);
    }
  };
  // The hosts of venues whose last connection went are given back (the options page asks for
  // them again at the next connect); a failure to do so does not undo the disconnect. In turn
  // with connects (issue 13, review finding a): a connect asked for before the release is listed
  // by then, and one under way keeps its venue's hosts. Live market data hosts stay where the
  // trader granted them, in whole or in part (unused-host-permissions.ts).
  const releaseHostsOf = (venues: readonly VenueId[]) =>
    connections.inTurn(async () => {
      if (env.releaseHostAccess === undefined || venues.length === 0) return;
      try {
        const remaining = [
          ...(await store.connections()),
          ...[...connecting.keys()].map((venue) => ({ venue })),
        ];
        const hostsOf = (venue: VenueId) => env.adapters[venue].hostPermissions;
        const keep = marketDataHostsToKeep(
          MARKET_DATA_HOSTS,
          await Promise.all(MARKET_DATA_HOSTS.map((host) => env.hasHostAccess([host]))),
          [...venues, ...remaining.map((connection) => connection.venue)].flatMap(hostsOf),
        );
        const unused = unusedHostPermissions(venues, remaining, hostsOf, keep);
        if (unused.length > 0) await env.releaseHostAccess(unused);
      } catch (error) {
        console.error('Margin Lens could not give back host permissions', error);
      }
    });
  const venuesOf = async (keep: (connection: VenueConnection) => boolean) =>
    (await store.connections()).filter(keep).map((connection) => connection.venue);
  const accounts: AccountDeps = {
    connections: {
      ...connections,
      refresh: refreshAll,
      connect: connectCounted,
      // A disconnected key leaves no exchange (holding it) behind in memory.
      disconnect: async (connectionId) => {
        const venues = await venuesOf((connection) => connection.id === connectionId);
        await connections.disconnect(connectionId);
        locked();
        await releaseHostsOf(venues);
      },
      dropKeyConnections: async (then) => {
        const venues = await venuesOf((connection) => connection.credentialKind === 'apiKey');
        await connections.dropKeyConnections(then);
        await releaseHostsOf(venues);
      },
    },
    store,
    adapters: env.adapters,
    vault: {
      state: vaultState,
      create: async (passphrase) => {
        await createVault(passphrase);
        await forgetUnlockFailures();
        await touchVault(env.now());
      },
      // Wrong passphrases back off (unlock-backoff.ts), kept across worker restarts.
      unlock: async (passphrase) => {
        await unlockWithBackoff(() => unlock(passphrase), env.now(), unlockFailures);
        await touchVault(env.now());
      },
      lock: async () => {
        await lock();
        locked();
      },
      remove: async () => {
        await deleteVault();
        locked();
      },
      touch: async () => {
        await lockWhenIdle();
        await touchVault(env.now());
      },
    },
    settings: {
      refreshMinutes: () => refreshMinutesItem.getValue(),
      idleLockMinutes: readIdleLockMinutes,
      save: async (refreshMinutes, idleLockMinutes) => {
        const previous = await refreshMinutesItem.getValue();
        await refreshMinutesItem.setValue(refreshMinutes);
        await setIdleLockMinutes(idleLockMinutes);
        if (previous !== refreshMinutes) await env.onRefreshMinutesChanged(refreshMinutes);
      },
    },
    imported: {
      get: () => portfolioItem.getValue(),
      set: (value) => portfolioItem.setValue(value),
    },
    hasHostAccess: env.hasHostAccess,
    alerts,
    pageAccounts: createPageAccountsSaver({ now: env.now }),
    now: env.now,
  };
  let residualHistory: Promise<ResidualHistory | undefined> | undefined;
  const historyFor = (file: unknown) => {
    if (!asksForHistoricalSimulation(file)) return undefined;
    // A failed read is not kept: the next request tries again, and this one's report refuses
    // the method by name (the history was not loaded).
    residualHistory ??= env.loadResidualHistory().catch(() => {
      residualHistory = undefined;
      return undefined;
    });
    return residualHistory;
  };
  const risk = createRiskState(
    async () => {
      // Accounts read from the venues' pages join the imported and connected ones.
      const withPages = withPageAccounts(await currentPortfolio(accounts), {
        entries: await pageAccountsItem.getValue(),
        confirmedAt: await pageAccountsConfirmedItem.getValue(),
        statuses: await accounts.store.statuses(),
        nowMs: env.now(),
      });
      // Positions that came without a tier table get the venue's public one, where read.
      const current = {
        ...withPages,
        file: withPublicTierTables(withPages.file, await publicTierTables.current()),
      };
      const live = withVenueIndexPrices(
        await liveMarket.current(),
        current.venueIndexPrices,
        current.connections,
        current.file,
      );
      const history = await historyFor(current.file);
      return {
        ...current,
        ...(live !== undefined && { liveMarket: live }),
        ...(history !== undefined && { residualHistory: history }),
      };
    },
    {
      get: () => riskStateItem.getValue(),
      // Each new state also goes into the popup's day of margin ratios (margin-history-item.ts).
      set: (state) =>
        Promise.all([riskStateItem.setValue(state), recordMarginHistory(state)]).then(() => {}),
    },
    env.now,
    env.version,
    {
      // Every new risk state is evaluated for alerts, whichever request or read caused it.
      onChange: ({ stored, connections }) =>
        void alerts.evaluate({
          report: stored.outcome.ok ? stored.outcome.report : null,
          source: stored.source,
          connections,
          accountConnections: stored.accountConnections,
        }),
    },
  );
  return {
    accounts,
    connections,
    risk,
    alerts,
    async lockIfIdle() {
      await lockWhenIdle();
    },
    removeOrphanKeys() {
      return connections.removeOrphanSecrets();
    },
    async scheduledRefresh() {
      await lockWhenIdle();
      await refreshAll();
      // Also when nothing changed: figures go stale and reminders fall due with time alone.
      await alerts.evaluate();
    },
  };
}

/** Whether a (not yet validated) portfolio file asks for filtered historical simulation. */
function asksForHistoricalSimulation(file: unknown): boolean {
  if (typeof file !== 'object' || file === null) return false;
  const model = (file as { model?: unknown }).model;
  return (
    typeof model === 'object' &&
    model !== null &&
    (model as { method?: unknown }).method === 'historical'
  );
}
