import type { PublicTierRequest } from '../market-data/fetch-public-tier-table';
import type { PortfolioFileTierTable } from '../venues/api/venue-api-types';
import { defineVersionedItem } from './versioned-item';

/**
 * The venues' public tier tables read for positions that came without one
 * (lib/background/public-tier-tables-service.ts), by `venue symbol`: the table with the time it
 * was read, or why it could not be read. Versioned: a change of shape adds a version and a
 * migration here (or drops the cache, which is read again from the venues).
 */
export interface StoredPublicTierTable {
  readonly request: PublicTierRequest;
  /** ISO-8601 time of the read. */
  readonly readAt: string;
  /** ISO-8601 time a portfolio last needed it: entries not needed for a week are dropped. */
  readonly neededAt: string;
  readonly table?: PortfolioFileTierTable;
  /** Why the read failed or found no table, for the trader. */
  readonly problem?: string;
}

export type StoredPublicTierTables = Readonly<Record<string, StoredPublicTierTable>>;

export const publicTierTablesItem = defineVersionedItem<StoredPublicTierTables>(
  'local:publicTierTables',
  { fallback: {}, version: 1, migrations: {} },
);
