import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  monotonicFailureClock,
  UNLOCK_FIRST_WAIT_MS,
  UNLOCK_LONGEST_WAIT_MS,
  UnlockBackoffError,
  unlockWaitMs,
  unlockWithBackoff,
} from './unlock-backoff';
import { DamagedVaultError, WrongPassphraseError } from './vault-crypto';

const t0 = Date.UTC(2026, 0, 5, 10, 0, 0);
const wrong = async () => {
  throw new WrongPassphraseError();
};
const right = async () => {};

beforeEach(() => {
  fakeBrowser.reset();
});

describe('unlockWaitMs', () => {
  it('lets two typos pass, then waits 30 s doubling to at most an hour', () => {
    expect([0, 1, 2].map(unlockWaitMs)).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6].map(unlockWaitMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(unlockWaitMs(9)).toBe(32 * 60_000);
    expect(unlockWaitMs(10)).toBe(UNLOCK_LONGEST_WAIT_MS);
    expect(unlockWaitMs(10_000)).toBe(UNLOCK_LONGEST_WAIT_MS);
    expect(() => unlockWaitMs(-1)).toThrow('failures must be a whole number ≥ 0, got -1');
    expect(() => unlockWaitMs(1.5)).toThrow('got 1.5');
  });
});

describe('unlockWithBackoff', () => {
  it('refuses the next try after the third wrong passphrase, untried, saying when', async () => {
    await expect(unlockWithBackoff(wrong, t0)).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(unlockWithBackoff(wrong, t0)).rejects.toBeInstanceOf(WrongPassphraseError);
    const third = unlockWithBackoff(wrong, t0);
    await expect(third).rejects.toBeInstanceOf(UnlockBackoffError);
    await expect(third).rejects.toThrow(
      /^The passphrase was wrong 3 times in a row: the vault takes the next try in 30 seconds, at .+\.$/,
    );
    let tried = false;
    const during = unlockWithBackoff(
      async () => {
        tried = true;
      },
      t0 + UNLOCK_FIRST_WAIT_MS - 1,
    );
    await expect(during).rejects.toThrow('the vault takes the next try in 1 seconds');
    expect(tried).toBe(false);
    // After the wait, a right passphrase unlocks and the count starts again.
    await unlockWithBackoff(right, t0 + UNLOCK_FIRST_WAIT_MS);
    await expect(unlockWithBackoff(wrong, t0 + UNLOCK_FIRST_WAIT_MS)).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
  });

  it('doubles the wait with each further wrong passphrase', async () => {
    let now = t0;
    for (let i = 0; i < 3; i++) await unlockWithBackoff(wrong, now).catch(() => undefined);
    now += UNLOCK_FIRST_WAIT_MS;
    await expect(unlockWithBackoff(wrong, now)).rejects.toThrow(
      'wrong 4 times in a row: the vault takes the next try in 60 seconds',
    );
    now += 60_000;
    await expect(unlockWithBackoff(wrong, now)).rejects.toThrow('in 2 minutes');
  });

  it('keeps the wait in storage, so that a restarted worker keeps it', async () => {
    for (let i = 0; i < 3; i++) await unlockWithBackoff(wrong, t0).catch(() => undefined);
    expect(await fakeBrowser.storage.local.get('vaultUnlockFailures')).toEqual({
      vaultUnlockFailures: { failures: 3, retryNotBefore: t0 + UNLOCK_FIRST_WAIT_MS },
    });
  });

  it('counts only wrong passphrases, not a damaged vault', async () => {
    for (let i = 0; i < 5; i++)
      await expect(
        unlockWithBackoff(async () => {
          throw new DamagedVaultError('test');
        }, t0),
      ).rejects.toBeInstanceOf(DamagedVaultError);
    await unlockWithBackoff(right, t0);
  });

  it('lets no two tries at once slip past the count', async () => {
    const tries = await Promise.allSettled(
      Array.from({ length: 6 }, () => unlockWithBackoff(wrong, t0)),
    );
    expect(
      tries.map((result) =>
        result.status === 'rejected' ? (result.reason as Error).name : 'fulfilled',
      ),
    ).toEqual([
      'WrongPassphraseError',
      'WrongPassphraseError',
      'UnlockBackoffError',
      'UnlockBackoffError',
      'UnlockBackoffError',
      'UnlockBackoffError',
    ]);
    expect(await fakeBrowser.storage.local.get('vaultUnlockFailures')).toMatchObject({
      vaultUnlockFailures: { failures: 3 },
    });
  });

  it('measures the wait from the stored failure, and restarts it from now when that is in the future', async () => {
    // Three wrong passphrases under a clock set a year ahead, then the clock put right: the
    // stored failure is in the future. The wait starts again from now, in full (30 s), not a year.
    const yearAhead = t0 + 365 * 24 * 3_600_000;
    for (let i = 0; i < 3; i++) await unlockWithBackoff(wrong, yearAhead).catch(() => undefined);
    await expect(unlockWithBackoff(right, t0)).rejects.toThrow(
      'wrong 3 times in a row: the vault takes the next try in 30 seconds',
    );
    expect(await fakeBrowser.storage.local.get('vaultUnlockFailures')).toEqual({
      vaultUnlockFailures: { failures: 3, retryNotBefore: t0 + UNLOCK_FIRST_WAIT_MS },
    });
    // Setting the clock back again restarts the wait again: never shorter.
    await expect(unlockWithBackoff(right, t0 - 10_000)).rejects.toThrow('in 30 seconds');
    await expect(unlockWithBackoff(right, t0 - 10_000 + UNLOCK_FIRST_WAIT_MS - 1)).rejects.toThrow(
      'in 1 seconds',
    );
    await unlockWithBackoff(right, t0 - 10_000 + UNLOCK_FIRST_WAIT_MS);
  });

  it('takes a wait with no stored time as starting now', async () => {
    await fakeBrowser.storage.local.set({
      vaultUnlockFailures: { failures: 5, retryNotBefore: null },
    });
    let tried = false;
    const attempt = async () => {
      tried = true;
    };
    await expect(unlockWithBackoff(attempt, t0)).rejects.toThrow(
      'wrong 5 times in a row: the vault takes the next try in 2 minutes',
    );
    expect(tried).toBe(false);
    await unlockWithBackoff(attempt, t0 + unlockWaitMs(5));
    expect(tried).toBe(true);
  });

  it('is not lifted by a wall-clock jump forward while the worker lives', async () => {
    let monotonicMs = 1_000;
    const worker = monotonicFailureClock(() => monotonicMs);
    for (let i = 0; i < 3; i++) await unlockWithBackoff(wrong, t0, worker).catch(() => undefined);
    // The wall clock a day ahead, ten seconds later on the worker's own clock.
    monotonicMs += 10_000;
    let tried = false;
    await expect(
      unlockWithBackoff(
        async () => {
          tried = true;
        },
        t0 + 24 * 3_600_000,
        worker,
      ),
    ).rejects.toThrow('the vault takes the next try in 20 seconds');
    expect(tried).toBe(false);
    // Once the wait has passed on the worker's clock too, the try is made.
    monotonicMs += 20_000;
    await unlockWithBackoff(right, t0 + 24 * 3_600_000, worker);
  });
});
