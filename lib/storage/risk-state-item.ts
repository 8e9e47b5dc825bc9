import { defineVersionedItem } from './versioned-item';
import type { RiskReport } from '../engine';
import type { PortfolioSource } from '../messaging/protocol';

/**
 * The last risk state the background computed, kept so that a restarted service worker serves
 * it at once (marked by its age) instead of recomputing before the first figure. `inputsId`
 * fingerprints what it was computed from (the assembled portfolio file and the market input):
 * the state is served while the inputs are unchanged and recomputed when they change.
 * Versioned: a change of shape adds a version and a migration here (or drops the old value:
 * it is a cache, recomputed from the inputs).
 */
export interface StoredRiskState {
  readonly inputsId: string;
  /** ISO-8601 time it was computed. */
  readonly computedAt: string;
  readonly source: PortfolioSource;
  /** The report, or why the portfolio could not be used at all. */
  readonly outcome:
    | { readonly ok: true; readonly report: RiskReport }
    | { readonly ok: false; readonly problem: string };
  /** Report account id → the connection it was read through (connected accounts only). */
  readonly accountConnections: Readonly<Record<string, string>>;
}

export const riskStateItem = defineVersionedItem<StoredRiskState | null>('local:riskState', {
  fallback: null,
  version: 1,
  migrations: {},
});
