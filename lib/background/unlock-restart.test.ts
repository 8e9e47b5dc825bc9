import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { binanceApi } from '../../test/fake-exchange/api/binance-api';
import { startFakeApi, type RunningFakeApi } from '../../test/fake-exchange/api/fake-api';
import { MARKET_DATA_API } from '../../test/fake-exchange/api/market-data-api';
import { fakeApiWorker } from '../../test/lifecycle/fake-api-worker';
import {
  restoreStorage,
  runUntilStopped,
  stoppableStorage,
  storageSnapshot,
  type StoppableStorage,
  type StorageSnapshot,
} from '../../test/lifecycle/stoppable-storage';
import type { AlertNotifier } from './alert-service';

/**
 * Issue 13, service-worker lifecycle: the worker stopped at every storage write of an unlock
 * (the options page's request: the back-off, the vault opened into session storage, its activity
 * noted, then the connections that waited for the key read), then a new worker (fresh modules)
 * over the same storage:
 * - nothing lost: the vault record, its connections and the connection list as they were; the
 *   vault locked, or unlocked with every listed key readable (never a half-open session);
 * - the back-off: a wrong passphrase is answered only after it was counted, so a stop can take
 *   an answer away but never a count; a stop during a right one never lowers the count;
 * - the trader's second try ends where an uninterrupted unlock does.
 */
const PASSPHRASE = 'correct horse battery staple';
const WRONG = 'wrong horse battery staple';
const API_KEY = 'mlReadOnlyKey0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH';
const SECRET = 'S3cr3t-never-in-storage-0123456789abcdef';
const T0 = Date.UTC(2026, 10, 24, 12);

const silent: AlertNotifier = {
  showing: async () => [],
  show: async () => {},
  close: async () => {},
  open: async () => {},
};

let api: RunningFakeApi;
let clock = T0;
let locked: StorageSnapshot;

beforeAll(async () => {
  api = await startFakeApi([MARKET_DATA_API, binanceApi], { profiles: { [API_KEY]: 'readOnly' } });
  // A vault with one read-only Binance key, connected and read at T0, then locked.
  fakeBrowser.reset();
  const worker = await fakeApiWorker({ api, now: () => clock, notifier: silent });
  await worker.request({ type: 'createVault', passphrase: PASSPHRASE });
  const connected = await worker.request({
    type: 'connectVenue',
    venue: 'binanceusdm',
    label: 'Main',
    credentials: { kind: 'apiKey', apiKey: API_KEY, secret: SECRET },
  });
  expect(connected.ok).toBe(true);
  await worker.request({ type: 'lockVault' });
  locked = await storageSnapshot();
}, 60_000);
afterAll(async () => {
  await api.close();
});

/** The stored parts an unlock must never lose or change. */
const kept = ({ local }: StorageSnapshot) => ({
  vault: local['keyVault'],
  connections: local['connections'],
});

// Each case runs PBKDF2 (600,000 iterations) once or twice per stop.
describe('a worker stopped at any write of an unlock', { timeout: 180_000 }, () => {
  let storage: StoppableStorage;
  beforeEach(() => {
    fakeBrowser.reset();
    storage = stoppableStorage();
    clock = T0 + 5 * 60_000;
  });
  afterEach(() => storage.release());

  const worker = () => fakeApiWorker({ api, now: () => clock, notifier: silent });
  const unlockWith = (passphrase: string) => async () =>
    (await worker()).request({ type: 'unlockVault', passphrase });
  const failures = async () =>
    ((await fakeBrowser.storage.local.get('vaultUnlockFailures'))['vaultUnlockFailures'] as
      { failures: number } | undefined) ?? { failures: 0 };

  /** The restarted worker's vault: locked, or unlocked with the key readable. */
  async function expectLockedOrWhole() {
    const restarted = await worker();
    const view = await restarted.request({ type: 'getConnections' });
    expect(['locked', 'unlocked']).toContain(view.vault);
    expect(view.connections.map((c) => c.connection.id)).toEqual(['binanceusdm-main']);
    if (view.vault === 'unlocked') {
      const { getSecret } = await import('../storage/key-vault');
      expect(await getSecret('binanceusdm-main')).toEqual({
        secret: { apiKey: API_KEY, secret: SECRET },
      });
    }
    return restarted;
  }

  async function everyStop(start: StorageSnapshot, passphrase: string) {
    await restoreStorage(storage, start);
    const reference = await runUntilStopped(storage, unlockWith(passphrase));
    const writes = storage.writes;
    const after = await storageSnapshot();
    const stops: { stopAt: number; failures: number; vault: string }[] = [];
    for (let stopAt = 1; stopAt <= writes; stopAt++) {
      await restoreStorage(storage, start);
      storage.stopAtWrite(stopAt);
      const { ended } = await runUntilStopped(storage, unlockWith(passphrase));
      expect({ stopAt, ended, stopped: storage.stopped }).toEqual({
        stopAt,
        ended: false,
        stopped: true,
      });
      storage.restart();
      expect(kept(await storageSnapshot())).toEqual(kept(start));
      const restarted = await expectLockedOrWhole();
      const view = await restarted.request({ type: 'getConnections' });
      stops.push({ stopAt, failures: (await failures()).failures, vault: view.vault });
    }
    return { reference, writes, after, stops };
  }

  it('right passphrase: locked or whole at every stop, the key never lost', async () => {
    const { reference, writes, after, stops } = await everyStop(locked, PASSPHRASE);
    expect(reference.error).toBeUndefined();
    expect(kept(after)).toEqual(kept(locked));
    // The session cleared and written, the activity noted, then the forced read of the
    // connection (its status, the venue's markets and rate limiter, the live market).
    expect(writes).toBeGreaterThanOrEqual(4);
    // Before the session is written the vault is locked; from then on it is unlocked.
    expect(stops.map((stop) => stop.vault)).toEqual(
      stops.map((stop) => (stop.stopAt <= 2 ? 'locked' : 'unlocked')),
    );
    // The trader's second try, after a stop at the very first write, ends unlocked and read.
    await restoreStorage(storage, locked);
    storage.stopAtWrite(1);
    await runUntilStopped(storage, unlockWith(PASSPHRASE));
    storage.restart();
    const again = await storage.inWorker(async () =>
      (await worker()).request({ type: 'unlockVault', passphrase: PASSPHRASE }),
    );
    expect(again.vault).toBe('unlocked');
    expect(again.connections[0]).toMatchObject({ freshness: 'fresh', problem: null });
  });

  it('wrong passphrase: answered only once counted, so no stop lets a try go uncounted', async () => {
    // Two wrong tries already: the third starts the 30 s wait.
    const twice = structuredClone(locked);
    twice.local['vaultUnlockFailures'] = { failures: 2, retryNotBefore: null };
    twice.local['vaultUnlockFailures$'] = { v: 1 };
    const { reference, writes, stops } = await everyStop(twice, WRONG);
    expect((reference.error as Error).name).toBe('UnlockBackoffError');
    expect(writes).toBe(1);
    // Stopped at that write, the try was never answered, and the count stays where it was.
    expect(stops).toEqual([{ stopAt: 1, failures: 2, vault: 'locked' }]);
  });

  it('right passphrase after two wrong ones: the count is cleared or kept, never lowered below', async () => {
    const twice = structuredClone(locked);
    twice.local['vaultUnlockFailures'] = { failures: 2, retryNotBefore: null };
    twice.local['vaultUnlockFailures$'] = { v: 1 };
    const { stops } = await everyStop(twice, PASSPHRASE);
    // The count is cleared only once the vault is open; until then it stays at 2.
    for (const { stopAt, failures, vault } of stops) {
      expect([0, 2]).toContain(failures);
      expect({ stopAt, failures, vault }).toEqual({
        stopAt,
        failures: vault === 'unlocked' ? failures : 2,
        vault,
      });
    }
    expect(stops.some((stop) => stop.failures === 0)).toBe(true);
  });
});
