import { describe, expect, it } from 'vitest';
import { connectionProblem } from '../venues/api/connection-problem';
import {
  BACKOFF_BASE_MS,
  BACKOFF_MAX_MS,
  RETRY_AFTER_MAX_MS,
  retryNotBefore,
} from './refresh-backoff';

const failedAt = Date.UTC(2026, 10, 24, 12, 0, 0);

describe('retryNotBefore', () => {
  it('doubles from 30 s for problems that clear by themselves, up to 15 minutes', () => {
    const limited = connectionProblem('bybit', 'rateLimited');
    expect(retryNotBefore(limited, 1, failedAt)).toBe(failedAt + BACKOFF_BASE_MS);
    expect(retryNotBefore(limited, 2, failedAt)).toBe(failedAt + 2 * BACKOFF_BASE_MS);
    expect(retryNotBefore(limited, 5, failedAt)).toBe(failedAt + 16 * BACKOFF_BASE_MS);
    expect(retryNotBefore(limited, 6, failedAt)).toBe(failedAt + BACKOFF_MAX_MS);
    expect(retryNotBefore(limited, 500, failedAt)).toBe(failedAt + BACKOFF_MAX_MS);
    expect(retryNotBefore(connectionProblem('okx', 'venueDown'), 1, failedAt)).toBe(
      failedAt + BACKOFF_BASE_MS,
    );
  });

  it('does not retry on its own what only the trader can fix', () => {
    for (const kind of [
      'wrongKey',
      'expiredKey',
      'ipNotAllowed',
      'clockSkew',
      'tradeCapableKey',
    ] as const)
      expect(retryNotBefore(connectionProblem('binanceusdm', kind), 1, failedAt)).toBeNull();
  });

  it("waits at least as long as the venue's Retry-After asked, up to a day", () => {
    const asked = (retryAfterMs: number) => ({
      ...connectionProblem('binanceusdm', 'rateLimited'),
      retryAfterMs,
    });
    expect(retryNotBefore(asked(600_000), 1, failedAt)).toBe(failedAt + 600_000);
    // A shorter wait than the backoff's does not shorten it.
    expect(retryNotBefore(asked(5_000), 1, failedAt)).toBe(failedAt + BACKOFF_BASE_MS);
    expect(retryNotBefore(asked(5_000), 6, failedAt)).toBe(failedAt + BACKOFF_MAX_MS);
    expect(retryNotBefore(asked(3 * 24 * 3_600_000), 1, failedAt)).toBe(
      failedAt + RETRY_AFTER_MAX_MS,
    );
  });
});
