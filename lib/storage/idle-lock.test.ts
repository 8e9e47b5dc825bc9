import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_IDLE_LOCK_MINUTES,
  isIdleLockDue,
  lockIfIdle,
  readIdleLockMinutes,
  setIdleLockMinutes,
  touchVault,
} from './idle-lock';
import { addSecret, createVault, getSecret, lock, unlock, vaultState } from './key-vault';

const MINUTE = 60_000;
const t0 = Date.UTC(2026, 0, 5, 10, 0, 0);

describe('isIdleLockDue', () => {
  it('is due exactly at the idle time and not one millisecond before', () => {
    expect(isIdleLockDue({ lastActivityAt: t0, idleMinutes: 15, now: t0 + 15 * MINUTE })).toBe(
      true,
    );
    expect(isIdleLockDue({ lastActivityAt: t0, idleMinutes: 15, now: t0 + 15 * MINUTE - 1 })).toBe(
      false,
    );
    expect(isIdleLockDue({ lastActivityAt: t0, idleMinutes: 1, now: t0 + 2 * MINUTE })).toBe(true);
    expect(isIdleLockDue({ lastActivityAt: t0, idleMinutes: 15, now: t0 })).toBe(false);
  });

  it('is never due with an idle time of 0, however long it has been', () => {
    expect(
      isIdleLockDue({ lastActivityAt: t0, idleMinutes: 0, now: t0 + 365 * 24 * 60 * MINUTE }),
    ).toBe(false);
  });

  it('is not due when the clock went backwards', () => {
    expect(isIdleLockDue({ lastActivityAt: t0, idleMinutes: 15, now: t0 - 60 * MINUTE })).toBe(
      false,
    );
  });

  it('accepts the one-week maximum and refuses idle times and clocks that make no sense', () => {
    expect(
      isIdleLockDue({ lastActivityAt: t0, idleMinutes: 10_080, now: t0 + 10_080 * MINUTE }),
    ).toBe(true);
    expect(() => isIdleLockDue({ lastActivityAt: t0, idleMinutes: -1, now: t0 })).toThrow(
      'isIdleLockDue: the idle time must be from 0 (never) to 10080 minutes, got -1',
    );
    expect(() => isIdleLockDue({ lastActivityAt: t0, idleMinutes: 10_081, now: t0 })).toThrow(
      'got 10081',
    );
    expect(() => isIdleLockDue({ lastActivityAt: t0, idleMinutes: 1.5, now: t0 })).toThrow(
      'the idle time must be a whole number of minutes, got 1.5',
    );
    expect(() => isIdleLockDue({ lastActivityAt: t0, idleMinutes: 15, now: Number.NaN })).toThrow(
      'isIdleLockDue: now must be a time in milliseconds, got NaN',
    );
    expect(() =>
      isIdleLockDue({ lastActivityAt: Number.POSITIVE_INFINITY, idleMinutes: 15, now: t0 }),
    ).toThrow('isIdleLockDue: lastActivityAt must be a time in milliseconds');
  });
});

describe('the idle-lock setting', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is 15 minutes until the user sets it, and keeps what the user sets', async () => {
    expect(DEFAULT_IDLE_LOCK_MINUTES).toBe(15);
    expect(await readIdleLockMinutes()).toBe(15);
    await setIdleLockMinutes(0);
    expect(await readIdleLockMinutes()).toBe(0);
    await setIdleLockMinutes(60);
    expect(await readIdleLockMinutes()).toBe(60);
    await expect(setIdleLockMinutes(-5)).rejects.toThrow(
      'setIdleLockMinutes: the idle time must be from 0 (never) to 10080 minutes, got -5',
    );
    expect(await readIdleLockMinutes()).toBe(60);
  });

  it('reports a damaged stored value instead of guessing', async () => {
    await fakeBrowser.storage.local.set({ vaultIdleLockMinutes: 'fifteen' });
    await expect(readIdleLockMinutes()).rejects.toThrow(
      'the stored idle-lock setting is damaged: the idle time must be a whole number of minutes, got "fifteen"',
    );
  });
});

describe('lockIfIdle and touchVault', () => {
  beforeEach(() => fakeBrowser.reset());

  it('locks an unlocked vault once it has been idle for the set time', async () => {
    expect(await lockIfIdle(t0)).toBe('not-unlocked');
    await createVault('tr0ub4dor & three');
    await addSecret(
      {
        id: 'binance-main',
        venue: 'binanceusdm',
        label: 'Binance',
        createdAt: '2026-01-05T10:00:00Z',
      },
      { apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsO', secret: 'NhqPtmdSJYdKjVHjA7PZj4Mg' },
    );
    expect(await touchVault(t0)).toBe(true);
    expect(await lockIfIdle(t0 + 10 * MINUTE)).toBe('not-due');
    // Activity pushes the lock back.
    expect(await touchVault(t0 + 10 * MINUTE)).toBe(true);
    expect(await lockIfIdle(t0 + 15 * MINUTE)).toBe('not-due');
    expect(await lockIfIdle(t0 + 25 * MINUTE - 1)).toBe('not-due');
    expect(await vaultState()).toBe('unlocked');
    expect(await lockIfIdle(t0 + 25 * MINUTE)).toBe('locked');
    expect(await vaultState()).toBe('locked');
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect(await getSecret('binance-main')).toMatchObject({ secret: undefined });
    expect(await lockIfIdle(t0 + 26 * MINUTE)).toBe('not-unlocked');
  });

  it('follows the idle time the user set, and never locks with 0', async () => {
    await createVault('tr0ub4dor & three');
    await touchVault(t0);
    await setIdleLockMinutes(0);
    expect(await lockIfIdle(t0 + 7 * 24 * 60 * MINUTE)).toBe('never');
    expect(await vaultState()).toBe('unlocked');
    await setIdleLockMinutes(5);
    expect(await lockIfIdle(t0 + 5 * MINUTE)).toBe('locked');
  });

  it('does not record activity while locked, so an old activity cannot lock a fresh unlock', async () => {
    await createVault('tr0ub4dor & three');
    await touchVault(t0);
    await lock();
    expect(await touchVault(t0 + MINUTE)).toBe(false);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    await unlock('tr0ub4dor & three');
    // Unlocked with no activity recorded: the idle clock starts at the first check.
    expect(await lockIfIdle(t0 + 60 * MINUTE)).toBe('clock-started');
    expect(await lockIfIdle(t0 + 74 * MINUTE)).toBe('not-due');
    expect(await lockIfIdle(t0 + 75 * MINUTE)).toBe('locked');
  });

  it('locks and reports when the stored setting is damaged', async () => {
    await createVault('tr0ub4dor & three');
    await touchVault(t0);
    await fakeBrowser.storage.local.set({ vaultIdleLockMinutes: -3 });
    await expect(lockIfIdle(t0 + MINUTE)).rejects.toThrow(
      'the stored idle-lock setting is damaged',
    );
    expect(await vaultState()).toBe('locked');
  });

  it('refuses a clock reading that is not a time', async () => {
    await expect(touchVault(Number.NaN)).rejects.toThrow(
      'touchVault: now must be a time in milliseconds, got NaN',
    );
    await expect(lockIfIdle(Number.NaN)).rejects.toThrow('lockIfIdle: now must be a time');
  });
});
