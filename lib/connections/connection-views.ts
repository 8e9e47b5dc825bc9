import { connectionFreshness } from './connection-freshness';
import type { ConnectionStatus, ConnectionView, VenueConnection } from './connection-types';

/** Each connection as the popup and options page show it: freshness, data age, problem, counts. */
export function connectionViews(
  connections: readonly VenueConnection[],
  statuses: Readonly<Record<string, ConnectionStatus>>,
  nowMs: number,
  refreshMinutes: number,
  vaultLocked: boolean,
): ConnectionView[] {
  return connections.map((connection) => {
    const status = statuses[connection.id];
    const verdict = connectionFreshness(
      status,
      nowMs,
      refreshMinutes,
      vaultLocked && connection.credentialKind === 'apiKey',
    );
    const accounts = status?.snapshot?.accounts ?? [];
    return {
      connection,
      freshness: verdict.freshness,
      staleReason: verdict.reason,
      dataAgeSeconds: verdict.dataAgeSeconds,
      lastSuccessAt: status?.lastSuccessAt ?? null,
      problem: status?.problem ?? null,
      accountIds: accounts.map((account) => account.id),
      positionCount: accounts.reduce((sum, account) => sum + account.positions.length, 0),
    };
  });
}
