import type { AlertKind, AlertTarget } from './alert-check';
import type { HedgeLeg } from './hedge-legs';

/**
 * What the alerts remember between evaluations, kept in versioned storage
 * (lib/storage/alert-state-item.ts) so that a restarted service worker neither loses nor repeats
 * an alert: the alerts that hold now, the hedge legs last seen (to notice one disappear), a
 * bounded history the popup shows, and the notifications decided but not yet shown (the outbox:
 * the state is stored before the browser is asked, and a notification is created only if its id
 * is not showing already). Times are ISO-8601.
 */
export interface ActiveAlert {
  readonly key: string;
  readonly kind: AlertKind;
  readonly accountId: string | null;
  /** The connection the account was read through; null for a file's account or no account. */
  readonly connectionId: string | null;
  /** What it is about ("Bybit (hedge) BTC perp short"). */
  readonly subject: string;
  /** When it started to hold. */
  readonly since: string;
  /** When it was last notified (the alert or its last reminder). */
  readonly notifiedAt: string;
  /** The notification showing it (taken down when it clears). */
  readonly notificationId: string;
  /** The latest words and figures (updated at every evaluation, for the popup). */
  readonly title: string;
  readonly message: string;
  readonly target: AlertTarget;
}

/** What a notification said: an alert, a reminder, back to safe, or an event. */
export const AlertMoment = {
  alert: 'alert',
  reminder: 'reminder',
  safe: 'safe',
  event: 'event',
} as const;
export type AlertMoment = (typeof AlertMoment)[keyof typeof AlertMoment];

export interface AlertNotification {
  /**
   * Unique and never reused (`margin-lens-<epoch>-<n>`): a delivery repeated after a restart is
   * recognised, and a state reset (sequence back to 0, a new epoch) never reuses an id still showing.
   */
  readonly id: string;
  readonly kind: AlertKind;
  readonly moment: AlertMoment;
  readonly title: string;
  readonly message: string;
  readonly context: string;
  readonly target: AlertTarget;
  /** When it was decided. */
  readonly at: string;
}

/** Notifications to show and to take down, in that order. */
export interface AlertDeliveries {
  readonly create: readonly AlertNotification[];
  readonly clear: readonly string[];
}

export interface AlertState {
  readonly active: Readonly<Record<string, ActiveAlert>>;
  /** The hedge legs at the last evaluation with a report; null before the first. */
  readonly legs: readonly HedgeLeg[] | null;
  /** Every notification decided, newest first, at most {@link ALERT_HISTORY_LIMIT}. */
  readonly history: readonly AlertNotification[];
  /** Notifications decided so far (the next id's number). */
  readonly sequence: number;
  /**
   * When this sequence started (ms since the epoch, base 36), part of every id: set at the first
   * evaluation of a fresh (or reset) state; absent before.
   */
  readonly epoch?: string;
  /** Decided but not yet delivered. */
  readonly outbox: AlertDeliveries;
}

export const ALERT_HISTORY_LIMIT = 100;

export const EMPTY_ALERT_STATE: AlertState = {
  active: {},
  legs: null,
  history: [],
  sequence: 0,
  outbox: { create: [], clear: [] },
};
