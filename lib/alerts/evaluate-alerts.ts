import { AlertKind, type AlertCheck, type AlertTarget } from './alert-check';
import {
  accountConnectionId,
  accountLabelOf,
  connectionReadFresh,
  type AlertInput,
} from './alert-input';
import type { AlertRules } from './alert-rules';
import {
  ALERT_HISTORY_LIMIT,
  AlertMoment,
  type ActiveAlert,
  type AlertNotification,
  type AlertState,
} from './alert-state';
import { brokenHedgeEvents } from './broken-hedges';
import type { CheckContext } from './check-context';
import { hedgeLegs } from './hedge-legs';
import { liquidationChecks } from './liquidation-checks';
import { marginRatioChecks } from './margin-ratio-checks';
import { staleChecks } from './stale-checks';
import { stressCheck } from './stress-check';

/**
 * One evaluation of the alerts: f(previous state, current risk state and connections, rules,
 * now) → the next state, whose outbox holds the notifications to show and take down. Pure and
 * deterministic: the same arguments give the same state, notification ids included (they count
 * on from the previous state), so evaluating again after a restart that lost nothing repeats
 * nothing.
 *
 * Per check (liquidation, margin ratio, stress, stale; hysteresis inside each check):
 * - starts to hold → one notification ("Near liquidation: …"), and the alert is active;
 * - still holds → nothing, unless it is urgent (near liquidation, margin ratio: {@link
 *   REMINDED_KINDS}) and `reminderMinutes` (> 0) have passed since it was last notified: a
 *   reminder replaces the notification showing (a standing stress loss or a stale connection is
 *   said once, and again only when it clears and comes back);
 * - stops holding → its notification is taken down and "Back to safe: …" is shown.
 * An active alert whose subject has no check any more (a position closed, an account muted or
 * disconnected) is taken down without a notice, except a liquidation alert whose position is
 * gone from an account read just now: "Position gone: …", since it may have been liquidated
 * (unless a broken hedge already says so). Broken hedges are events, notified once.
 *
 * Nothing real is watched while alerts are off or the portfolio is the demo: active alerts are
 * taken down without a notice. When the portfolio cannot be used at all (no report), only the
 * connections' freshness is checked and the other alerts stay as they were (nothing shows that
 * they cleared).
 */
export function evaluateAlerts(
  previous: AlertState,
  input: AlertInput,
  rules: AlertRules,
  nowMs: number,
): AlertState {
  const at = new Date(nowMs).toISOString();
  let sequence = previous.sequence;
  // A fresh or reset state starts a new epoch, so its ids never meet an old one still showing.
  const epoch = previous.epoch ?? nowMs.toString(36);
  const created: AlertNotification[] = [];
  const cleared: string[] = [];
  const notify = (
    kind: AlertKind,
    moment: AlertMoment,
    words: { title: string; message: string; context: string; target: AlertTarget },
  ): AlertNotification => {
    sequence += 1;
    const notification: AlertNotification = {
      id: alertNotificationId(epoch, sequence),
      kind,
      moment,
      title: words.title,
      message: words.message,
      context: words.context,
      target: words.target,
      at,
    };
    created.push(notification);
    return notification;
  };
  const wasActive = (key: string) => previous.active[key] !== undefined;

  const watching = rules.enabled && input.source !== 'demo';
  const report = watching ? input.report : null;
  const checks: AlertCheck[] = [];
  if (watching) checks.push(...staleChecks(input, rules, nowMs));
  if (report !== null) {
    const context: CheckContext = { input, report, rules, wasActive, nowMs };
    checks.push(
      ...liquidationChecks(context),
      ...marginRatioChecks(context),
      ...stressCheck(context),
    );
  }
  const legs =
    report === null ? null : hedgeLegs(report, accountLabelOf(input), input.accountConnections);
  const events =
    legs !== null && previous.legs !== null
      ? brokenHedgeEvents({
          previous: previous.legs,
          current: legs,
          input,
          rules,
          wasActive,
          nowMs,
        })
      : [];
  const covered = new Set(events.flatMap((event) => event.covers));

  const active: Record<string, ActiveAlert> = {};
  const reminderMs = rules.reminderMinutes * 60_000;
  const remindable = new Set<AlertKind>(REMINDED_KINDS);
  for (const check of checks) {
    const before = previous.active[check.key];
    const current = { title: check.titles.alert, message: check.message, target: check.target };
    if (check.holds && before === undefined) {
      const shown = notify(check.kind, AlertMoment.alert, { ...current, context: check.context });
      active[check.key] = {
        key: check.key,
        kind: check.kind,
        accountId: check.accountId,
        connectionId: check.accountId === null ? null : accountConnectionId(input, check.accountId),
        subject: check.subject,
        since: at,
        notifiedAt: at,
        notificationId: shown.id,
        ...current,
      };
    } else if (check.holds && before !== undefined) {
      const due =
        remindable.has(check.kind) &&
        reminderMs > 0 &&
        nowMs - Date.parse(before.notifiedAt) >= reminderMs;
      if (due) {
        cleared.push(before.notificationId);
        const shown = notify(check.kind, AlertMoment.reminder, {
          ...current,
          title: check.titles.reminder,
          context: check.context,
        });
        active[check.key] = { ...before, ...current, notifiedAt: at, notificationId: shown.id };
      } else {
        active[check.key] = { ...before, message: check.message, target: check.target };
      }
    } else if (before !== undefined) {
      cleared.push(before.notificationId);
      notify(check.kind, AlertMoment.safe, {
        title: check.titles.safe,
        message: check.message,
        context: check.context,
        target: check.target,
      });
    }
  }

  const checked = new Set(checks.map((check) => check.key));
  for (const before of Object.values(previous.active)) {
    if (checked.has(before.key)) continue;
    // No report now: nothing says the account and portfolio alerts cleared; they stay.
    if (watching && report === null && before.kind !== AlertKind.stale) {
      active[before.key] = before;
      continue;
    }
    cleared.push(before.notificationId);
    if (
      watching &&
      before.kind === AlertKind.liquidation &&
      !covered.has(before.key) &&
      connectionReadFresh(input, before.connectionId)
    )
      notify(AlertKind.positionGone, AlertMoment.event, {
        title: `Position gone: ${before.subject}`,
        message: `It is no longer open; at the last read it was ${lowerFirst(before.message)} Check on the venue whether it was liquidated.`,
        context: 'It was near liquidation when last read.',
        target: before.target,
      });
  }

  for (const event of events) notify(event.kind, AlertMoment.event, event);

  return {
    active,
    legs: legs ?? (watching ? previous.legs : null),
    history: [...created.slice().reverse(), ...previous.history].slice(0, ALERT_HISTORY_LIMIT),
    sequence,
    epoch,
    outbox: {
      create: [...previous.outbox.create, ...created],
      clear: [...previous.outbox.clear, ...cleared],
    },
  };
}

/** The alerts repeated while they hold: those that can end in a liquidation soon. */
export const REMINDED_KINDS: readonly AlertKind[] = [AlertKind.liquidation, AlertKind.marginRatio];

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** A notification's id: `margin-lens-<epoch>-<n>` (alert-state.ts). */
export function alertNotificationId(epoch: string, sequence: number): string {
  return `margin-lens-${epoch}-${sequence}`;
}
