import { defineVersionedItem } from './versioned-item';
import { EMPTY_MARGIN_HISTORY, recordMarginRatios, type MarginHistory } from './margin-history';
import type { StoredRiskState } from './risk-state-item';

/**
 * Each account's margin ratio over the last day (margin-history.ts: 5-minute buckets, 24 h,
 * at most 288 samples), written by the background on every change of the risk state and read by
 * the popup's sparklines. Versioned: a change of shape adds a version and a migration here (or
 * drops the old value: it is a day of history, rebuilt as the risk state changes).
 */
export const marginHistoryItem = defineVersionedItem<MarginHistory>('local:marginHistory', {
  fallback: EMPTY_MARGIN_HISTORY,
  version: 1,
  migrations: {},
});

/** Records a new risk state's margin ratios (a state without a report records nothing). */
export async function recordMarginHistory(state: StoredRiskState): Promise<void> {
  if (!state.outcome.ok) return;
  const history = await marginHistoryItem.getValue();
  const next = recordMarginRatios(
    history,
    Date.parse(state.computedAt),
    state.outcome.report.accounts,
  );
  if (next !== history) await marginHistoryItem.setValue(next);
}
