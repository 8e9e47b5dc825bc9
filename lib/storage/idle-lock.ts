import { defineVersionedItem } from './versioned-item';
import { lock, vaultActivityItem, vaultState } from './key-vault';

/**
 * The idle lock of the key vault: the vault locks itself once it has not been used for an idle
 * time the user sets (issue 5). Default 15 minutes; 0 means never (while the browser runs — a
 * browser restart always locks, because session storage is cleared).
 *
 * Units: times are milliseconds since the Unix epoch, passed in (this module never reads the
 * clock); the setting is whole minutes, 0 to 10,080 (one week).
 *
 * Policy (`isIdleLockDue`): due when now − lastActivityAt ≥ idleMinutes × 60,000 ms, so exactly at
 * the idle time the vault locks. A clock that went backwards (now < lastActivityAt) is not due:
 * the idle time counts from the last activity. idleMinutes = 0 is never due.
 *
 * Wiring (done by the background, not here): call `touchVault(now)` after unlocking and on every
 * use of the vault, and `lockIfIdle(now)` from a `chrome.alarms` alarm (the `idle` API is not
 * used). An alarm fires at most every 30 seconds in current Chrome, so the vault locks within one
 * alarm period after it is due. If the vault is unlocked and no activity was ever recorded,
 * `lockIfIdle` starts the idle clock at `now` rather than guessing.
 *
 * A damaged idle setting in storage is not guessed around: `lockIfIdle` locks the vault and
 * throws an error naming the value, so the vault is never left open by a bad setting.
 */

export const DEFAULT_IDLE_LOCK_MINUTES = 15;
export const MAX_IDLE_LOCK_MINUTES = 10_080;
const MS_PER_MINUTE = 60_000;

export const idleLockMinutesItem = defineVersionedItem<number>('local:vaultIdleLockMinutes', {
  fallback: DEFAULT_IDLE_LOCK_MINUTES,
  version: 1,
  // An (empty) migrations map makes WXT record the version beside the value.
  migrations: {},
});

function idleMinutesProblem(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return `the idle time must be a whole number of minutes, got ${JSON.stringify(value)}`;
  }
  if (value < 0 || value > MAX_IDLE_LOCK_MINUTES) {
    return `the idle time must be from 0 (never) to ${MAX_IDLE_LOCK_MINUTES} minutes, got ${value}`;
  }
  return undefined;
}

function checkTime(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${name} must be a time in milliseconds, got ${String(value)}`);
  }
}

/** Whether the vault is due to lock: now − lastActivityAt ≥ idleMinutes minutes (0 = never). */
export function isIdleLockDue(input: {
  readonly lastActivityAt: number;
  readonly idleMinutes: number;
  readonly now: number;
}): boolean {
  const problem = idleMinutesProblem(input.idleMinutes);
  if (problem !== undefined) throw new Error(`isIdleLockDue: ${problem}`);
  checkTime(input.lastActivityAt, 'isIdleLockDue: lastActivityAt');
  checkTime(input.now, 'isIdleLockDue: now');
  if (input.idleMinutes === 0) return false;
  return input.now - input.lastActivityAt >= input.idleMinutes * MS_PER_MINUTE;
}

/** Saves the user's idle time in whole minutes (0 = never, at most 10,080). */
export async function setIdleLockMinutes(minutes: number): Promise<void> {
  const problem = idleMinutesProblem(minutes);
  if (problem !== undefined) throw new Error(`setIdleLockMinutes: ${problem}`);
  await idleLockMinutesItem.setValue(minutes);
}

/** The saved idle time (15 when never set); a damaged stored value is an error naming it. */
export async function readIdleLockMinutes(): Promise<number> {
  const minutes: unknown = await idleLockMinutesItem.getValue();
  const problem = idleMinutesProblem(minutes);
  if (problem !== undefined) throw new Error(`the stored idle-lock setting is damaged: ${problem}`);
  return minutes as number;
}

/** Records activity at `now` while the vault is unlocked; returns whether it did. */
export async function touchVault(now: number): Promise<boolean> {
  checkTime(now, 'touchVault: now');
  if ((await vaultState()) !== 'unlocked') return false;
  await vaultActivityItem.setValue(now);
  return true;
}

export type IdleLockOutcome =
  /** The vault was unlocked and idle for the set time: it is now locked. */
  | 'locked'
  | 'not-due'
  /** The vault is absent or already locked. */
  | 'not-unlocked'
  /** The idle time is 0 (never). */
  | 'never'
  /** Unlocked with no recorded activity: the idle clock starts now. */
  | 'clock-started';

/** Locks the vault if it has been idle for the set time (call it from an alarm). */
export async function lockIfIdle(now: number): Promise<IdleLockOutcome> {
  checkTime(now, 'lockIfIdle: now');
  if ((await vaultState()) !== 'unlocked') return 'not-unlocked';
  let idleMinutes: number;
  try {
    idleMinutes = await readIdleLockMinutes();
  } catch (error) {
    await lock();
    throw error;
  }
  if (idleMinutes === 0) return 'never';
  const lastActivityAt: unknown = await vaultActivityItem.getValue();
  if (typeof lastActivityAt !== 'number' || !Number.isFinite(lastActivityAt)) {
    await vaultActivityItem.setValue(now);
    return 'clock-started';
  }
  if (!isIdleLockDue({ lastActivityAt, idleMinutes, now })) return 'not-due';
  await lock();
  return 'locked';
}
