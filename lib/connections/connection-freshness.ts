import { Freshness, type ConnectionStatus } from './connection-types';

/**
 * Whether a connection's data may be shown as current. Data is never silently reused as fresh:
 * it is stale after any failed read since the last success, when the vault is locked (no read
 * is possible), or when it is older than three refresh intervals (the scheduler fell behind,
 * e.g. the browser slept).
 */
export const STALE_AFTER_INTERVALS = 3;

export interface FreshnessVerdict {
  readonly freshness: Freshness;
  readonly reason: string | null;
  readonly dataAgeSeconds: number | null;
}

export function connectionFreshness(
  status: ConnectionStatus | undefined,
  nowMs: number,
  refreshMinutes: number,
  vaultLocked: boolean,
): FreshnessVerdict {
  if (!status?.lastSuccessAt || !status.snapshot) {
    const reason = status?.problem
      ? status.problem.message
      : vaultLocked
        ? 'The key vault is locked: unlock it to read this account.'
        : 'Not read yet.';
    return { freshness: Freshness.missing, reason, dataAgeSeconds: null };
  }
  const ageSeconds = Math.max(0, Math.round((nowMs - Date.parse(status.lastSuccessAt)) / 1000));
  if (status.problem && status.failures > 0) {
    return {
      freshness: Freshness.stale,
      reason: `Last read failed: ${status.problem.message}`,
      dataAgeSeconds: ageSeconds,
    };
  }
  if (vaultLocked) {
    return {
      freshness: Freshness.stale,
      reason: 'The key vault is locked: these figures are not being refreshed.',
      dataAgeSeconds: ageSeconds,
    };
  }
  if (ageSeconds > STALE_AFTER_INTERVALS * refreshMinutes * 60) {
    return {
      freshness: Freshness.stale,
      reason: `Not refreshed for ${Math.round(ageSeconds / 60)} minutes.`,
      dataAgeSeconds: ageSeconds,
    };
  }
  return { freshness: Freshness.fresh, reason: null, dataAgeSeconds: ageSeconds };
}
