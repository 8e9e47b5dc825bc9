import type { ConnectionProblem } from '../venues/api/connection-problem';
import type { VenueAccountsSnapshot, VenueId } from '../venues/api/venue-api-types';

/**
 * A trader's connected venue accounts, as the background keeps them in storage. Nothing here is
 * secret: API keys and secrets live only in the key vault (lib/storage/key-vault.ts), keyed by
 * the connection's id; a Hyperliquid address is public and kept here.
 */
export interface VenueConnection {
  /** Unique, also the prefix of the ids of the accounts read through it. */
  readonly id: string;
  readonly venue: VenueId;
  /** The trader's name for it ("Binance main"). */
  readonly label: string;
  /** `page`: accounts read from the venue's own page (with-page-accounts.ts), not stored here. */
  readonly credentialKind: 'apiKey' | 'address' | 'page';
  /** The public address (address connections only). */
  readonly address?: string;
  /** First and last four characters of the API key, to tell keys apart without showing them. */
  readonly keyFingerprint?: string;
  /** ISO-8601. */
  readonly createdAt: string;
}

/** What the last reads of one connection gave. Times are ISO-8601. */
export interface ConnectionStatus {
  readonly connectionId: string;
  /** The last successful read, kept after a failure but then marked stale. */
  readonly snapshot: VenueAccountsSnapshot | null;
  readonly lastSuccessAt: string | null;
  readonly lastAttemptAt: string | null;
  /** Consecutive failures since the last success. */
  readonly failures: number;
  /** The last failure's problem; null after a success. */
  readonly problem: ConnectionProblem | null;
  /** Earliest time the scheduler may try again (backoff); null = at the next scheduled refresh. */
  readonly retryNotBefore: string | null;
}

export const Freshness = {
  /** Read successfully within the refresh interval's allowance. */
  fresh: 'fresh',
  /** Last read failed, the vault is locked, or the data is older than allowed. */
  stale: 'stale',
  /** Never read successfully. */
  missing: 'missing',
} as const;
export type Freshness = (typeof Freshness)[keyof typeof Freshness];

/** One connection as the popup and options page show it. */
export interface ConnectionView {
  readonly connection: VenueConnection;
  readonly freshness: Freshness;
  /** Why it is stale or missing, in words; null when fresh. */
  readonly staleReason: string | null;
  /** Seconds since the data was read; null when never read. */
  readonly dataAgeSeconds: number | null;
  readonly lastSuccessAt: string | null;
  readonly problem: ConnectionProblem | null;
  readonly accountIds: readonly string[];
  readonly positionCount: number;
}
