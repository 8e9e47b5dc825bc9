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
 * Issue 13, service-worker lifecycle: the worker stopped at every storage write of the scheduled
 * refresh (the alarm's work: the idle lock, the connection read with its ccxt markets and rate
 * limiter carried in session storage, the live market, the risk state and its margin history,
 * the alerts), then a new worker (fresh modules) over the same storage:
 * - nothing lost: the vault, its key and the connection list as they were; the connection's
 *   status the one before or the one after, whole, never without its last good snapshot;
 * - the new worker's report is computed from what is stored, without error;
 * - its own scheduled refresh ends where an uninterrupted one does.
 */
const PASSPHRASE = 'correct horse battery staple';
const API_KEY = 'mlReadOnlyKey0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH';
const SECRET = 'S3cr3t-never-in-storage-0123456789abcdef';
const T0 = Date.UTC(2026, 10, 24, 12);
const ID = 'binanceusdm-main';

let api: RunningFakeApi;
let clock = T0;
let connected: StorageSnapshot;
const shown: string[] = [];
const notifier: AlertNotifier = {
  showing: async () => [],
  show: async (notification) => {
    shown.push(notification.title);
  },
  close: async () => {},
  open: async () => {},
};

beforeAll(async () => {
  api = await startFakeApi([MARKET_DATA_API, binanceApi], { profiles: { [API_KEY]: 'readOnly' } });
  // A vault with one read-only Binance key, connected and read at T0.
  fakeBrowser.reset();
  const worker = await fakeApiWorker({ api, now: () => clock, notifier });
  await worker.request({ type: 'createVault', passphrase: PASSPHRASE });
  const result = await worker.request({
    type: 'connectVenue',
    venue: 'binanceusdm',
    label: 'Main',
    credentials: { kind: 'apiKey', apiKey: API_KEY, secret: SECRET },
  });
  expect(result.ok).toBe(true);
  await worker.services.alerts.evaluate();
  connected = await storageSnapshot();
}, 60_000);
afterAll(async () => {
  await api.close();
});

/** What a refresh must never lose or change. */
const kept = ({ local, session }: StorageSnapshot) => ({
  vault: local['keyVault'],
  connections: local['connections'],
  unlocked: session['keyVaultUnlocked'],
});

describe('a worker stopped at any write of a scheduled refresh', { timeout: 300_000 }, () => {
  let storage: StoppableStorage;
  beforeEach(() => {
    fakeBrowser.reset();
    storage = stoppableStorage();
    clock = T0 + 2 * 60_000;
    shown.length = 0;
  });
  afterEach(() => storage.release());

  const worker = () => fakeApiWorker({ api, now: () => clock, notifier });
  const status = ({ local }: StorageSnapshot) =>
    (local['connectionStatus'] as Record<string, { lastSuccessAt: string }>)[ID];

  it('loses nothing, and the next refresh ends where an uninterrupted one does', async () => {
    await restoreStorage(storage, connected);
    const reference = await runUntilStopped(storage, async () =>
      (await worker()).services.scheduledRefresh(),
    );
    expect(reference.error).toBeUndefined();
    const writes = storage.writes;
    // ccxt's rate limiter after each of the 7 requests (session), the status, the market cache,
    // the live market, the risk state, its margin history, and the alert state twice (the
    // refresh's evaluation and the one the new risk state starts): 14, and 15 with the public
    // tier tables read beside the live market.
    expect(writes).toBeGreaterThanOrEqual(14);
    const after = await storageSnapshot();
    const shownByReference = [...shown];
    const accountIds = await storage.inWorker(async () =>
      (await (await worker()).services.risk.portfolioRisk()).report.accounts.map((a) => a.id),
    );
    expect(accountIds.length).toBeGreaterThan(0);
    expect(status(after)?.lastSuccessAt).toBe(new Date(clock).toISOString());
    expect(kept(after)).toEqual(kept(connected));

    for (let stopAt = 1; stopAt <= writes; stopAt++) {
      await restoreStorage(storage, connected);
      shown.length = 0;
      storage.stopAtWrite(stopAt);
      await runUntilStopped(storage, async () => (await worker()).services.scheduledRefresh());
      // The last writes may come after the refresh answered: the evaluation a new risk state
      // starts runs after the one the refresh waits for.
      expect({ stopAt, stopped: storage.stopped }).toEqual({ stopAt, stopped: true });
      storage.restart();

      const stored = await storageSnapshot();
      expect(kept(stored)).toEqual(kept(connected));
      expect([status(connected), status(after)]).toContainEqual(status(stored));

      await storage.inWorker(async () => {
        const restarted = await worker();
        const risk = await restarted.services.risk.portfolioRisk();
        expect(risk.source).toBe('connected');
        expect(risk.report.accounts.map((account) => account.id)).toEqual(accountIds);
        await restarted.services.scheduledRefresh();
      });
      // All of local storage: connections, statuses, vault, markets, risk state, margin
      // history, alerts (session storage holds ccxt's rate limiter, which runs on the real clock).
      expect({ stopAt, local: (await storageSnapshot()).local }).toEqual({
        stopAt,
        local: after.local,
      });
      expect({ stopAt, shown }).toEqual({ stopAt, shown: shownByReference });
    }
  });
});
