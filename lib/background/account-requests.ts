import { assemblePortfolio, type AssembledPortfolio } from '../connections/assemble-portfolio';
import type { ConnectionService, ConnectionStore } from '../connections/connection-service';
import type { ConnectionView } from '../connections/connection-types';
import { connectionViews } from '../connections/connection-views';
import {
  checkPortfolioTextLength,
  DEMO_PORTFOLIO,
  parsePortfolio,
  PortfolioError,
} from '../engine';
import {
  RequestType,
  type AccountRequest,
  type ConnectionsView,
  type ResponseMap,
  type VaultState,
} from '../messaging/protocol';
import type { StoredPortfolio } from '../storage/portfolio-item';
import type { AlertService } from './alert-service';
import type { PageAccountsSaver } from './save-page-accounts';
import { connectionProblem, ProblemKind } from '../venues/api/connection-problem';
import { MARKET_DATA_HOSTS } from '../venues/api/venue-hosts';
import type { VenueAdapter } from '../venues/api/venue-api-types';
import { VENUE_IDS, VENUE_KEY_PASSPHRASE, type VenueId } from '../venues/venue-descriptors';

/**
 * The background's answers to our own pages about accounts, keys and settings. Everything it
 * touches is passed in (storage, vault, permissions, clock), so the same code runs in the
 * service worker and in unit tests with WXT's fake browser.
 */
export interface VaultControl {
  state(): Promise<VaultState>;
  create(passphrase: string): Promise<void>;
  unlock(passphrase: string): Promise<void>;
  lock(): Promise<void>;
  /** Deletes the vault and every secret in it. */
  remove(): Promise<void>;
  /** The trader used one of our pages: lock first if the idle time had passed, then note it. */
  touch(): Promise<void>;
}

export interface AccountDeps {
  readonly connections: ConnectionService;
  readonly store: ConnectionStore;
  readonly vault: VaultControl;
  readonly adapters: Readonly<Record<VenueId, VenueAdapter>>;
  readonly settings: {
    refreshMinutes(): Promise<number>;
    idleLockMinutes(): Promise<number>;
    save(refreshMinutes: number, idleLockMinutes: number): Promise<void>;
  };
  readonly imported: {
    get(): Promise<StoredPortfolio | null>;
    set(value: StoredPortfolio): Promise<void>;
  };
  /** True when the browser lets the extension reach every one of `origins`. */
  readonly hasHostAccess: (origins: readonly string[]) => Promise<boolean>;
  /** The alerts' history and rules, for the popup and the options page (alert-service.ts). */
  readonly alerts: Pick<AlertService, 'history' | 'rules' | 'saveRules'>;
  /** The accounts the venues' pages send, paced per tab (save-page-accounts.ts). */
  readonly pageAccounts: PageAccountsSaver;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
}

export async function connectionsView(deps: AccountDeps): Promise<ConnectionsView> {
  const [vault, connections, statuses, refreshMinutes, idleLockMinutes, imported, market] =
    await Promise.all([
      deps.vault.state(),
      deps.store.connections(),
      deps.store.statuses(),
      deps.settings.refreshMinutes(),
      deps.settings.idleLockMinutes(),
      deps.imported.get(),
      deps.hasHostAccess(MARKET_DATA_HOSTS),
    ]);
  return {
    vault,
    connections: connectionViews(
      connections,
      statuses,
      deps.now(),
      refreshMinutes,
      vault !== 'unlocked',
    ),
    venues: VENUE_IDS.map((venue) => ({
      venue,
      credentialKind: deps.adapters[venue].credentialKind,
      needsPassword: VENUE_KEY_PASSPHRASE[venue],
      hostPermissions: deps.adapters[venue].hostPermissions,
    })),
    refreshMinutes,
    idleLockMinutes,
    importedAccounts: importedAccountCount(imported),
    liveMarketAllowed: market,
    liveMarketHosts: MARKET_DATA_HOSTS,
  };
}

/** The portfolio the risk engine sees now, and each connection's freshness beside it. */
export async function currentPortfolio(
  deps: AccountDeps,
): Promise<AssembledPortfolio & { connections: readonly ConnectionView[] }> {
  const [imported, view, statuses] = await Promise.all([
    deps.imported.get(),
    connectionsView(deps),
    deps.store.statuses(),
  ]);
  const connections = view.connections.map((entry) => entry.connection);
  const assembled = assemblePortfolio(
    imported === null ? null : { file: imported.portfolio, isDemo: imported.source === 'demo' },
    connections,
    statuses,
    DEMO_PORTFOLIO,
  );
  return { ...assembled, connections: view.connections };
}

export async function handleAccountRequest<T extends AccountRequest>(
  request: T,
  deps: AccountDeps,
): Promise<ResponseMap[T['type']]> {
  await deps.vault.touch();
  return (await answer(request, deps)) as ResponseMap[T['type']];
}

async function answer(
  request: AccountRequest,
  deps: AccountDeps,
): Promise<ResponseMap[AccountRequest['type']]> {
  switch (request.type) {
    case RequestType.getConnections:
      return connectionsView(deps);
    case RequestType.createVault:
      await deps.vault.create(request.passphrase);
      return connectionsView(deps);
    case RequestType.unlockVault:
      await deps.vault.unlock(request.passphrase);
      // Connections that waited for the key are read now rather than at the next alarm.
      await deps.connections.refresh({ force: true });
      return connectionsView(deps);
    case RequestType.lockVault:
      await deps.vault.lock();
      return connectionsView(deps);
    case RequestType.deleteVault:
      // Key connections cannot be read without their keys: they go with the vault, even a
      // damaged one (the vault is not asked to remove them one by one).
      await deps.connections.dropKeyConnections(() => deps.vault.remove());
      return connectionsView(deps);
    case RequestType.testConnection: {
      const denied = await hostAccessProblem(request.venue, deps);
      if (denied) return { ok: false, problem: denied };
      return deps.connections.test(request.venue, request.credentials);
    }
    case RequestType.connectVenue: {
      const denied = await hostAccessProblem(request.venue, deps);
      if (denied) return { ok: false, problem: denied };
      const result = await deps.connections.connect(
        request.venue,
        request.label,
        request.credentials,
      );
      if (!result.ok) return result;
      const notChecked = result.permissions?.notChecked;
      return {
        ok: true,
        view: await connectionsView(deps),
        ...(notChecked !== undefined && { keyNotChecked: notChecked }),
      };
    }
    case RequestType.disconnectVenue:
      await deps.connections.disconnect(request.connectionId);
      return connectionsView(deps);
    case RequestType.refreshAccounts:
      await deps.connections.refresh({ force: request.force, byTrader: true });
      return connectionsView(deps);
    case RequestType.saveSettings:
      await deps.settings.save(request.refreshMinutes, request.idleLockMinutes);
      return connectionsView(deps);
    case RequestType.importPortfolio:
      // Checked whole before it is stored: its length as JSON (the options page checked the
      // text it read; this is what arrived), then every field and cap of the schema.
      try {
        checkPortfolioTextLength(JSON.stringify(request.file).length);
        parsePortfolio(request.file);
      } catch (error) {
        if (error instanceof PortfolioError)
          throw new Error(`The portfolio file was not imported. ${error.message}`, {
            cause: error,
          });
        throw error;
      }
      await deps.imported.set({
        source: 'imported',
        savedAt: new Date(deps.now()).toISOString(),
        portfolio: request.file,
      });
      return connectionsView(deps);
    case RequestType.exportPortfolio:
      return { file: (await currentPortfolio(deps)).file };
  }
}

/** Why `venue`'s API hosts cannot be reached (not granted), or undefined when they can. */
export async function hostAccessProblem(
  venue: VenueId,
  deps: Pick<AccountDeps, 'adapters' | 'hasHostAccess'>,
) {
  const origins = deps.adapters[venue].hostPermissions;
  if (await deps.hasHostAccess(origins)) return undefined;
  return connectionProblem(
    venue,
    ProblemKind.hostAccessDenied,
    `Not allowed: ${origins.join(', ')}.`,
  );
}

function importedAccountCount(imported: StoredPortfolio | null): number {
  if (imported === null || imported.source !== 'imported') return 0;
  const file = imported.portfolio;
  if (typeof file !== 'object' || file === null) return 0;
  const accounts = (file as { accounts?: unknown }).accounts;
  return Array.isArray(accounts) ? accounts.length : 0;
}
