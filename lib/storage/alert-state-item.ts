import { defineVersionedItem } from './versioned-item';
import { EMPTY_ALERT_STATE, type AlertState } from '../alerts/alert-state';

/**
 * What the alerts remember between evaluations (lib/alerts/alert-state.ts): the alerts holding,
 * the hedge legs last seen, the history the popup shows and the notifications not yet
 * delivered, in `local:` storage so that a restarted service worker neither loses nor repeats an
 * alert. Versioned: a change of shape adds a version and a migration here. Read through
 * {@link readAlertState}, which refuses a value of another shape.
 */
export const alertStateItem = defineVersionedItem<AlertState>('local:alertState', {
  fallback: EMPTY_ALERT_STATE,
  version: 1,
  migrations: {},
});

/**
 * The stored state, or the empty state when what is stored does not have its shape (the
 * alerts then start afresh: an alert that holds is notified once more, none is lost).
 */
export async function readAlertState(): Promise<AlertState> {
  const value: unknown = await alertStateItem.getValue();
  return isAlertState(value) ? value : EMPTY_ALERT_STATE;
}

function isAlertState(value: unknown): value is AlertState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Record<string, unknown>;
  const outbox = state.outbox as Record<string, unknown> | null | undefined;
  return (
    typeof state.active === 'object' &&
    state.active !== null &&
    (state.legs === null || Array.isArray(state.legs)) &&
    Array.isArray(state.history) &&
    typeof state.sequence === 'number' &&
    Number.isInteger(state.sequence) &&
    (state.epoch === undefined || typeof state.epoch === 'string') &&
    typeof outbox === 'object' &&
    outbox !== null &&
    Array.isArray(outbox.create) &&
    Array.isArray(outbox.clear)
  );
}
