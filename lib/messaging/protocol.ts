import type { RiskReport } from '../engine';
import { PortfolioOrigin } from '../connections/assemble-portfolio';
import type { ConnectionTest } from '../connections/connection-service';
import type { ConnectionView } from '../connections/connection-types';
import type { ConnectionProblem } from '../venues/api/connection-problem';
import type { PageRiskView, PageTradeImpact } from './page-risk-view-types';
import { AlertRequestType, type AlertRequest, type AlertResponseMap } from './alert-requests';
import type { Credentials, PortfolioFileAccount, VenueId } from '../venues/api/venue-api-types';

/**
 * The one message protocol between the extension's views and its background service worker.
 * Requests are verbs; every request is validated where it is received (parse-request.ts) and
 * its sender classified (classify-sender.ts) before it is answered.
 */
export const RequestType = {
  getPortfolioRisk: 'getPortfolioRisk',
  getPageRisk: 'getPageRisk',
  getTradeImpact: 'getTradeImpact',
  savePageAccounts: 'savePageAccounts',
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
  // The popup's alert history and the options page's alert rules (alert-requests.ts).
  ...AlertRequestType,
} as const;
export type RequestType = (typeof RequestType)[keyof typeof RequestType];

export interface GetPortfolioRiskRequest {
  readonly type: typeof RequestType.getPortfolioRisk;
}

/**
 * From a content script: the risk the overlay shows on a trading page. The background answers
 * only for a venue whose trading pages are at the sender's origin (never trusting `venue` alone).
 */
export interface GetPageRiskRequest {
  readonly type: typeof RequestType.getPageRisk;
  /** The page's venue (margin-rules id), checked against the sender's origin. */
  readonly venue: string;
  /** ccxt unified symbol of the page's instrument; null on an option chain page. */
  readonly symbol: string | null;
  /** The underlying asset (BTC): every leg on it, across venues, is shown. */
  readonly underlying: string;
}

/** From a content script: what an order from the page's form (or the overlay's own) would do. */
export interface GetTradeImpactRequest {
  readonly type: typeof RequestType.getTradeImpact;
  readonly venue: string;
  /** One of the venue's accounts the overlay offered (PageRiskView.orderAccounts). */
  readonly accountId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly orderType: 'market' | 'limit' | 'stop';
  /**
   * The size as the venue's form shows it: contracts, base units, the notional in the quote, or
   * the initial margin in the quote (notional = margin × leverage; lib/overlay/page-descriptor.ts).
   */
  readonly size: {
    readonly value: number;
    readonly unit: 'contracts' | 'base' | 'quote' | 'margin';
  };
  /** Limit or trigger price; null for a market order. */
  readonly price: number | null;
  readonly leverage: number | null;
  readonly reduceOnly: boolean;
  /** Base units per contract as the form states it (OKX), when known. */
  readonly contractSize: number | null;
  /**
   * Whether to simulate the chance of liquidation before and after (a few to tens of ms): the
   * overlay asks without it first, so margins and ES follow each keystroke at once, then with it.
   */
  readonly withProbability: boolean;
}

/**
 * From the page-feed content script (lib/page-feed): the accounts the venue's page received over
 * its own traffic. No venue in it: the background derives it from the sender's origin.
 */
export interface SavePageAccountsRequest {
  readonly type: typeof RequestType.savePageAccounts;
  /** Deribit account id or Hyperliquid address; null when the page did not say (Deribit). */
  readonly identity: string | null;
  readonly accounts: readonly PortfolioFileAccount[];
  /** What the page has not shown completely yet, in words. */
  readonly pending: readonly string[];
  /** USD index prices by asset, decimal strings, as the venue sent them with the positions. */
  readonly prices: Readonly<Record<string, string>>;
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

export type Request =
  | GetPortfolioRiskRequest
  | GetPageRiskRequest
  | GetTradeImpactRequest
  | SavePageAccountsRequest
  | AccountRequest
  | AlertRequest;

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
  /** Report account id → the connection it was read through (the trader's names for accounts). */
  readonly accountConnections: Readonly<Record<string, string>>;
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

export interface ResponseMap extends AlertResponseMap {
  readonly getPortfolioRisk: PortfolioRiskView;
  readonly getPageRisk: PageRiskView;
  readonly getTradeImpact: PageTradeImpact;
  /** How many accounts the background kept, and what stays pending (the page's notes and its own). */
  readonly savePageAccounts: { readonly saved: number; readonly pending: readonly string[] };
  readonly getConnections: ConnectionsView;
  readonly createVault: ConnectionsView;
  readonly unlockVault: ConnectionsView;
  readonly lockVault: ConnectionsView;
  readonly deleteVault: ConnectionsView;
  readonly testConnection: ConnectionTest;
  readonly connectVenue:
    | {
        readonly ok: true;
        readonly view: ConnectionsView;
        /** Why the venue would not describe the key, when it would not (it is then not confirmed). */
        readonly keyNotChecked?: string;
      }
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
