import { describe, expect, it } from 'vitest';
import { connectionProblem } from '../venues/api/connection-problem';
import { connectionFreshness } from './connection-freshness';
import type { ConnectionStatus } from './connection-types';

const now = Date.UTC(2026, 10, 24, 12, 0, 0);
const readAt = (secondsAgo: number) => new Date(now - secondsAgo * 1000).toISOString();
const good = (secondsAgo: number): ConnectionStatus => ({
  connectionId: 'bybit',
  snapshot: { accounts: [], tierTables: [] },
  lastSuccessAt: readAt(secondsAgo),
  lastAttemptAt: readAt(secondsAgo),
  failures: 0,
  problem: null,
  retryNotBefore: null,
});

describe('connectionFreshness', () => {
  it('is fresh within three refresh intervals, with its age', () => {
    expect(connectionFreshness(good(42), now, 1, false)).toEqual({
      freshness: 'fresh',
      reason: null,
      dataAgeSeconds: 42,
    });
    expect(connectionFreshness(good(180), now, 1, false).freshness).toBe('fresh');
  });

  it('is stale when older than three intervals', () => {
    const verdict = connectionFreshness(good(181), now, 1, false);
    expect(verdict.freshness).toBe('stale');
    expect(verdict.reason).toBe('Not refreshed for 3 minutes.');
  });

  it('is stale after a failed read, however recent the data, naming the failure', () => {
    const status = {
      ...good(10),
      failures: 1,
      problem: connectionProblem('bybit', 'venueDown'),
      lastAttemptAt: readAt(1),
    };
    const verdict = connectionFreshness(status, now, 1, false);
    expect(verdict.freshness).toBe('stale');
    expect(verdict.reason).toBe('Last read failed: Bybit is unavailable or in maintenance.');
    expect(verdict.dataAgeSeconds).toBe(10);
  });

  it('is stale while the vault is locked, and missing when never read', () => {
    expect(connectionFreshness(good(5), now, 1, true).freshness).toBe('stale');
    expect(connectionFreshness(undefined, now, 1, true)).toEqual({
      freshness: 'missing',
      reason: 'The key vault is locked: unlock it to read this account.',
      dataAgeSeconds: null,
    });
    expect(connectionFreshness(undefined, now, 1, false).reason).toBe('Not read yet.');
  });
});
