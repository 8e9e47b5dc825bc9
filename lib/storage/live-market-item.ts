import { defineVersionedItem } from './versioned-item';
import type { LiveMarket } from '../engine';

/**
 * The last live market read (marks, index prices, funding, vols, option IVs) or why there was
 * none, with when it was read: what the risk report uses until the next refresh. The daily
 * EWMA figures are cached separately (market-item.ts). Versioned like every item.
 */
export interface StoredLiveMarket {
  /** ISO-8601. */
  readonly readAt: string;
  readonly live: LiveMarket;
}

export const liveMarketItem = defineVersionedItem<StoredLiveMarket | null>('local:liveMarket', {
  fallback: null,
  version: 1,
  migrations: {},
});
