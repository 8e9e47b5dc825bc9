import type { ConnectionView } from '../lib/connections/connection-types';
import { formatAge } from '../lib/format/format-age';

/**
 * Connected venues with how old their data is. Stale or missing data says so, with the reason
 * and what to do: it is never shown as if it were current.
 */
export function ConnectionList(props: {
  readonly connections: readonly ConnectionView[];
  readonly onDisconnect?: (connectionId: string) => void;
}) {
  if (props.connections.length === 0) return <p class="muted">No venue connected yet.</p>;
  return (
    <ul class="connections">
      {props.connections.map((view) => (
        <li
          key={view.connection.id}
          class={`connection connection--${view.freshness}`}
          data-testid="connection"
          data-connection={view.connection.id}
          data-freshness={view.freshness}
        >
          <div class="connection__title">
            <strong>{view.connection.label}</strong>
            <span class="muted">
              {view.connection.venue} ·{' '}
              {view.connection.keyFingerprint ?? view.connection.address ?? ''}
            </span>
          </div>
          <div class="connection__state">
            <span class={`badge badge--${view.freshness}`} data-testid="connection-freshness">
              {view.freshness === 'fresh' ? 'live' : view.freshness}
            </span>{' '}
            <span data-testid="connection-age">data {formatAge(view.dataAgeSeconds)}</span> ·{' '}
            {view.positionCount} position{view.positionCount === 1 ? '' : 's'}
          </div>
          {view.staleReason !== null && (
            <p class="connection__problem" role="status" data-testid="connection-problem">
              {view.staleReason}
              {view.problem && <> {view.problem.whatToDo}</>}
            </p>
          )}
          {props.onDisconnect && (
            <button
              type="button"
              class="link"
              data-testid="disconnect"
              onClick={() => props.onDisconnect?.(view.connection.id)}
            >
              Disconnect
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
