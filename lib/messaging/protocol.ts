import type { RiskReport } from '../engine';
import { PortfolioOrigin } from '../connections/assemble-portfolio';
import type { ConnectionTest } from '../connections/connection-service';
import type { ConnectionView } from '../connections/connection-types';
import type { ConnectionProblem } from '../venues/api/connection-problem';
import type { Credentials, VenueId } from '../venues/api/venue-api-types';

/**
 * The one message protocol between the extension's views and its background service worker.
 * Requests are verbs; every request is validated where it is received (parse-request.ts) and
 * its sender classified (classify-sender.ts) before it is answered.
 */
export const RequestType = {
  getPortfolioRisk: 'getPortfolioRisk',
  getSymbolRisk: 'getSymbolRisk',
  getConnections: 'getConnections',
  createVault: 'createVault',
  unlockVault: 'unlockVault',
  lockVault: 'lockVault',
  deleteVault: 'deleteVault',
  testConnection: 'testConnection',
  connectVenue: 'connectVenue',
  disconnectVenue: 'disconnectVenue',
  refreshAccounts: 'refreshAccounts',
  saveSettings: 'saveSettings',
  importPortfolio: 'importPortfolio',
  exportPortfolio: 'exportPortfolio',
} as const;
export type RequestType = (typeof RequestType)[keyof typeof RequestType];

export interface GetPortfolioRiskRequest {
  readonly type: typeof RequestType.getPortfolioRisk;
}

/** From a content script: the risk of the symbol the exchange page shows. */
export interface GetSymbolRiskRequest {
  readonly type: typeof RequestType.getSymbolRisk;
  /** ccxt exchange id of the page's venue. */
  readonly venue: string;
  /** ccxt unified symbol read from the page. */
  readonly symbol: string;
}

/** Requests only our own pages (popup, options) may send; never a content script. */
export type AccountRequest =
  | { readonly type: typeof RequestType.getConnections }
  | { readonly type: typeof RequestType.createVault; readonly passphrase: string }
  | { readonly type: typeof RequestType.unlockVault; readonly passphrase: string }
  | { readonly type: typeof RequestType.lockVault }
  /** The way out of a forgotten passphrase: the vault and every key connection go. */
  | { readonly type: typeof RequestType.deleteVault }
  | {
      readonly type: typeof RequestType.testConnection;
      readonly venue: VenueId;
      readonly credentials: Credentials;
    }
  | {
      readonly type: typeof RequestType.connectVenue;
      readonly venue: VenueId;
      readonly label: string;
      readonly credentials: Credentials;
    }
  | { readonly type: typeof RequestType.disconnectVenue; readonly connectionId: string }
  | { readonly type: typeof RequestType.refreshAccounts; readonly force: boolean }
  | {
      readonly type: typeof RequestType.saveSettings;
      readonly refreshMinutes: number;
      readonly idleLockMinutes: number;
    }
  | { readonly type: typeof RequestType.importPortfolio; readonly file: unknown }
  | { readonly type: typeof RequestType.exportPortfolio };

export type Request = GetPortfolioRiskRequest | GetSymbolRiskRequest | AccountRequest;

/** Where the positions in a report came from (see lib/connections/assemble-portfolio.ts). */
export const PortfolioSource = PortfolioOrigin;
export type PortfolioSource = PortfolioOrigin;

export interface PortfolioRiskView {
  readonly source: PortfolioSource;
  /** The report; what it could not compute is in `report.refusals`, each naming what it removes. */
  readonly report: RiskReport;
  /** ISO-8601 time the risk state was computed (a restarted worker serves the stored one). */
  readonly computedAt: string;
  /** Each connected venue with its data age and freshness. */
  readonly connections: readonly ConnectionView[];
}

export type VaultState = 'absent' | 'locked' | 'unlocked';

/** What the options page shows about a venue before it is connected. */
export interface VenueInfo {
  readonly venue: VenueId;
  readonly credentialKind: Credentials['kind'];
  readonly needsPassword: boolean;
  readonly hostPermissions: readonly string[];
}

export interface ConnectionsView {
  readonly vault: VaultState;
  readonly connections: readonly ConnectionView[];
  readonly venues: readonly VenueInfo[];
  readonly refreshMinutes: number;
  readonly idleLockMinutes: number;
  /** Accounts in the imported portfolio file (0 when none is imported). */
  readonly importedAccounts: number;
  /** Whether the trader let Margin Lens read public market data (MARKET_DATA_HOSTS). */
  readonly liveMarketAllowed: boolean;
  /** The public market hosts live market data needs. */
  readonly liveMarketHosts: readonly string[];
}

/** One account's position in the page's symbol, as the on-page overlay shows it. */
export interface SymbolAccountRisk {
  readonly accountId: string;
  readonly side: 'long' | 'short';
  readonly quantity: number;
  readonly settle: string;
  readonly marginRatio: number;
  readonly markPrice: number;
  readonly liquidationPrice: number | null;
  readonly liquidationDistancePct: number | null;
  readonly liquidationProbability: number | null;
  /** For a connected account: whether its data is current, how old, and why not (null for a file). */
  readonly freshness: ConnectionView['freshness'] | null;
  readonly dataAgeSeconds: number | null;
  readonly staleReason: string | null;
}

export interface SymbolRiskView {
  readonly source: PortfolioSource;
  readonly venue: string;
  readonly symbol: string;
  readonly accounts: readonly SymbolAccountRisk[];
  /** How many of this venue's accounts the report had to leave out (the popup names them). */
  readonly excludedAccounts: number;
  readonly portfolioEs: number;
  readonly confidence: number;
  readonly horizonHours: number;
  /** ISO-8601 time the risk state was computed. */
  readonly computedAt: string;
}

export interface ResponseMap {
  readonly getPortfolioRisk: PortfolioRiskView;
  readonly getSymbolRisk: SymbolRiskView;
  readonly getConnections: ConnectionsView;
  readonly createVault: ConnectionsView;
  readonly unlockVault: ConnectionsView;
  readonly lockVault: ConnectionsView;
  readonly deleteVault: ConnectionsView;
  readonly testConnection: ConnectionTest;
  readonly connectVenue:
    | { readonly ok: true; readonly view: ConnectionsView }
    | { readonly ok: false; readonly problem: ConnectionProblem };
  readonly disconnectVenue: ConnectionsView;
  readonly refreshAccounts: ConnectionsView;
  readonly saveSettings: ConnectionsView;
  readonly importPortfolio: ConnectionsView;
  readonly exportPortfolio: { readonly file: unknown };
}

/** Every answer is either a result or an error a person can read. */
export type Response<T extends RequestType> =
  | { readonly ok: true; readonly value: ResponseMap[T] }
  | { readonly ok: false; readonly error: string };
