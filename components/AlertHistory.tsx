import { useState } from 'preact/hooks';
import type { AlertNotification } from '../lib/alerts/alert-state';
import type { AlertHistoryView } from '../lib/messaging/alert-requests';
import { formatAge } from '../lib/format/format-age';
import './AlertHistory.css';

/**
 * The popup's alerts: what holds now (each with its latest figures and since when), then the
 * notifications sent, newest first, the first `limit` shown and the rest behind "Show all".
 * Props in, markup out; the popup reads the view with `{ type: 'getAlertHistory' }`.
 */
export function AlertHistory(props: {
  readonly view: AlertHistoryView;
  /** Milliseconds since the epoch, to say how long ago. */
  readonly now: number;
  /** Opens the settings, where the alert rules are. */
  readonly onOpenSettings?: () => void;
  /** How many past notifications show before "Show all" (5). */
  readonly limit?: number;
}) {
  const { view, now } = props;
  const limit = props.limit ?? 5;
  const [all, setAll] = useState(false);
  const ago = (iso: string) => formatAge(Math.max(0, Math.round((now - Date.parse(iso)) / 1000)));
  const shown = all ? view.history : view.history.slice(0, limit);
  return (
    <section class="alerts" data-testid="alert-history">
      <h2>Alerts</h2>
      {!view.enabled && (
        <p class="muted" data-testid="alerts-off">
          Alerts are off: nothing is watched.
          {props.onOpenSettings && (
            <>
              {' '}
              <button type="button" class="link" onClick={props.onOpenSettings}>
                Turn them on in the settings
              </button>
            </>
          )}
        </p>
      )}
      {view.enabled &&
        (view.active.length === 0 ? (
          <p class="muted" data-testid="alerts-quiet">
            Nothing is beyond your alert rules now.
          </p>
        ) : (
          <ul class="alerts__list">
            {view.active.map((alert) => (
              <li
                key={alert.key}
                class="alerts__item alerts__item--active"
                data-testid="alert-active"
                data-kind={alert.kind}
              >
                <strong>{alert.title}</strong>
                <span>{alert.message}</span>
                <span class="muted">since {ago(alert.since)}</span>
              </li>
            ))}
          </ul>
        ))}
      {view.history.length === 0 ? (
        <p class="muted" data-testid="alerts-none-sent">
          No notification sent yet.
        </p>
      ) : (
        <>
          <h3 class="alerts__heading">Sent</h3>
          <ol class="alerts__list">
            {shown.map((entry) => (
              <li
                key={entry.id}
                class={`alerts__item alerts__item--${entry.moment}`}
                data-testid="alert-entry"
                data-moment={entry.moment}
                data-kind={entry.kind}
              >
                <span class="alerts__when muted">
                  {MOMENT_WORDS[entry.moment]} · {ago(entry.at)}
                </span>
                <strong>{entry.title}</strong>
                <span>{entry.message}</span>
              </li>
            ))}
          </ol>
          {view.history.length > limit && (
            <button
              type="button"
              class="link"
              data-testid="alerts-show-all"
              onClick={() => setAll(!all)}
            >
              {all ? 'Show fewer' : `Show all ${view.history.length}`}
            </button>
          )}
        </>
      )}
      {props.onOpenSettings && view.enabled && (
        <p class="footnote">
          <button
            type="button"
            class="link"
            data-testid="alerts-settings"
            onClick={props.onOpenSettings}
          >
            Alert rules
          </button>
        </p>
      )}
    </section>
  );
}

const MOMENT_WORDS: Readonly<Record<AlertNotification['moment'], string>> = {
  alert: 'Alert',
  reminder: 'Reminder',
  safe: 'Back to safe',
  event: 'Event',
};
