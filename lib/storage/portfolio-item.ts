import { defineVersionedItem } from './versioned-item';
import type { PortfolioSource } from '../messaging/protocol';

/**
 * The account snapshots the background computes risk from, as one portfolio file
 * (DESIGN.md §4) with where it came from. Versioned: a change of shape adds a version and a
 * migration here. The raw file is stored, and validated by the engine every time it is read,
 * so a damaged entry is reported rather than trusted.
 */
export interface StoredPortfolio {
  readonly source: PortfolioSource;
  /** ISO-8601 time the snapshot was saved. */
  readonly savedAt: string;
  readonly portfolio: unknown;
}

export const portfolioItem = defineVersionedItem<StoredPortfolio | null>('local:portfolio', {
  fallback: null,
  version: 1,
  // An (empty) migrations map makes WXT record the version beside the value (`portfolio$`), so
  // that a later shape change has a version to migrate from.
  migrations: {},
});
