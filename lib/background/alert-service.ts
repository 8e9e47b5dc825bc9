import { accountName } from '../alerts/alert-names';
import type { AlertTarget } from '../alerts/alert-check';
import { accountLabelOf, type AlertInput } from '../alerts/alert-input';
import { DEFAULT_ALERT_RULES, type AlertRules } from '../alerts/alert-rules';
import { EMPTY_ALERT_STATE, type AlertNotification, type AlertState } from '../alerts/alert-state';
import { evaluateAlerts } from '../alerts/evaluate-alerts';
import { accountMarginMode, marginRatioLevel } from '../alerts/margin-ratio-checks';
import type { AlertHistoryView, AlertRulesView } from '../messaging/alert-requests';
import { alertRulesItem, readAlertRules } from '../storage/alert-rules-item';
import { alertStateItem, readAlertState } from '../storage/alert-state-item';
import { pageDescriptorForUrl, tradingPageUrlFor } from '../overlay/pages/page-descriptors';

/**
 * The alerts in the background: evaluates them (lib/alerts/evaluate-alerts.ts) on each change of
 * the risk state and after each scheduled refresh, keeps their state in storage, shows and takes
 * down the notifications, answers the popup's history and the options page's rules, and opens
 * what a clicked notification points to.
 *
 * Restarts: the state with the notifications decided (its outbox) is stored before the browser
 * is asked to show any; the outbox is emptied once they are shown. A worker stopped in between
 * delivers the rest on its next evaluation, and a notification whose id is showing already is
 * not shown again, so a restart neither loses nor repeats one (alert-evaluation-restart.test.ts
 * stops the worker at each write). The one case this cannot tell apart: a worker stopped after
 * the browser showed a notification and before its outbox was emptied, whose notification the
 * trader dismissed before the next worker started, shows it again; the browser keeps no record
 * of a dismissed notification to ask, and no write before showing could make it exactly once
 * without risking one lost instead (a warning shown twice is the safer side). Evaluations run
 * one at a time.
 * A failure is logged and the next evaluation starts from the stored state.
 */
export interface AlertNotifier {
  /** Ids of this extension's notifications showing now. */
  showing(): Promise<readonly string[]>;
  show(notification: AlertNotification): Promise<void>;
  close(id: string): Promise<void>;
  /** Opens a notification's target: a venue's trading page, the popup or the settings. */
  open(target: AlertTarget): Promise<void>;
}

export interface AlertServiceDeps {
  readonly notifier: AlertNotifier;
  /** What to evaluate when no change came with the call: the current risk state and connections. */
  readonly currentInput: () => Promise<AlertInput>;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** Where failures go (the service worker's console). */
  readonly log: (message: string, error: unknown) => void;
}

export interface AlertService {
  /** Evaluates on `input` (a risk state change) or on the current input; resolves when delivered. */
  evaluate(input?: AlertInput): Promise<void>;
  history(): Promise<AlertHistoryView>;
  rules(): Promise<AlertRulesView>;
  /** Saves the rules, then evaluates with them at once. */
  saveRules(rules: AlertRules): Promise<AlertRulesView>;
  /** A notification was clicked: opens its target (the popup when it is not known) and takes it down. */
  clicked(notificationId: string): Promise<void>;
}

export function createAlertService(deps: AlertServiceDeps): AlertService {
  let queue: Promise<void> = Promise.resolve();
  const oneAtATime = (work: () => Promise<void>): Promise<void> => {
    const next = queue.then(work).catch((error: unknown) => deps.log('alerts:', error));
    queue = next;
    return next;
  };

  async function deliver(state: AlertState): Promise<AlertState> {
    const { create, clear } = state.outbox;
    if (create.length === 0 && clear.length === 0) return state;
    const showing = new Set(await deps.notifier.showing());
    for (const notification of create) {
      if (showing.has(notification.id)) continue;
      // One refused notification (a platform without them) does not hold up the others.
      await deps.notifier
        .show(notification)
        .catch((error: unknown) => deps.log('alert not shown:', error));
    }
    for (const id of clear)
      await deps.notifier
        .close(id)
        .catch((error: unknown) => deps.log('alert not taken down:', error));
    const delivered: AlertState = { ...state, outbox: EMPTY_ALERT_STATE.outbox };
    await alertStateItem.setValue(delivered);
    return delivered;
  }

  async function evaluateNow(input: AlertInput | undefined) {
    const previous = await deliver(await readAlertState());
    const { rules } = await readAlertRules();
    const next = evaluateAlerts(previous, input ?? (await deps.currentInput()), rules, deps.now());
    // Stored before the browser is asked: a restart from here delivers, never decides again.
    await alertStateItem.setValue(next);
    await deliver(next);
  }

  async function rulesView(): Promise<AlertRulesView> {
    const { rules, problem } = await readAlertRules();
    const input = await deps.currentInput().catch(() => null);
    const report = input?.source === 'demo' ? null : (input?.report ?? null);
    const labelOf = input === null ? null : accountLabelOf(input);
    return {
      rules,
      defaults: DEFAULT_ALERT_RULES,
      accounts:
        report === null || labelOf === null
          ? []
          : report.accounts.map((account) => {
              const level = marginRatioLevel('venue', account.venue, accountMarginMode(account));
              return {
                id: account.id,
                name: accountName(account.venue, labelOf(account)),
                venueMarginWarning: {
                  ratio: level.ratio,
                  setBy: level.setBy === 'venue' ? 'venue' : 'default',
                },
              };
            }),
      problem,
    };
  }

  return {
    evaluate: (input) => oneAtATime(() => evaluateNow(input)),

    async history() {
      const [state, { rules }] = await Promise.all([readAlertState(), readAlertRules()]);
      return {
        enabled: rules.enabled,
        active: Object.values(state.active)
          .map(({ key, kind, subject, since, title, message }) => ({
            key,
            kind,
            subject,
            since,
            title,
            message,
          }))
          .sort((a, b) => b.since.localeCompare(a.since)),
        history: state.history,
      };
    },

    rules: rulesView,

    async saveRules(rules) {
      await alertRulesItem.setValue(rules);
      await oneAtATime(() => evaluateNow(undefined));
      return rulesView();
    },

    async clicked(notificationId) {
      const state = await readAlertState();
      const notification = state.history.find((entry) => entry.id === notificationId);
      await deps.notifier.open(checkedTarget(notification?.target));
      await deps.notifier.close(notificationId);
    },
  };
}

/**
 * A stored target as it may be opened: a page only when a site descriptor reads its URL as one
 * of its trading pages, and then the URL that descriptor writes for that venue and instrument
 * (page-descriptors.ts), never the stored text itself; anything else opens the popup. Storage is
 * not a trust boundary we rely on for what `tabs.create` opens.
 */
export function checkedTarget(target: AlertTarget | undefined): AlertTarget {
  if (target === undefined) return { kind: 'popup' };
  if (target.kind !== 'page') return target;
  const match = pageDescriptorForUrl(target.url);
  const symbol = match?.instrument.symbol ?? null;
  const url =
    match === null || symbol === null ? null : tradingPageUrlFor(match.instrument.venue, symbol);
  return url === null ? { kind: 'popup' } : { kind: 'page', url };
}
