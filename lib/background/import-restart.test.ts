import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  restoreStorage,
  runUntilStopped,
  stoppableStorage,
  storageSnapshot,
  type StoppableStorage,
  type StorageSnapshot,
} from '../../test/lifecycle/stoppable-storage';
import { TWO_VENUE_HEDGE } from '../../test/portfolios/two-venue-hedge';
import { DEMO_PORTFOLIO, RESIDUAL_HISTORY } from '../engine';
import type { AlertNotifier } from './alert-service';

/**
 * Issue 13, service-worker lifecycle: the worker stopped at every storage write of a portfolio
 * import (test/lifecycle/stoppable-storage.ts), then a new worker (fresh modules) over the same
 * storage. The stored portfolio is the one before or the imported one, whole, never a mix; the
 * vault is as it was; the new worker's report and export use whichever is stored; and the
 * trader's second try ends where an uninterrupted import does.
 */
const PASSPHRASE = 'correct horse battery staple';
const NOW = Date.UTC(2026, 10, 24, 12);
const FILE = structuredClone(TWO_VENUE_HEDGE) as unknown;

const silentNotifier: AlertNotifier = {
  showing: async () => [],
  show: async () => {},
  close: async () => {},
  open: async () => {},
};

/** A new worker's services: no venue reached (nothing is connected), nothing granted. */
async function newWorker() {
  vi.resetModules();
  const { createBackgroundServices } = await import('./background-services');
  const { handleAccountRequest } = await import('./account-requests');
  const services = createBackgroundServices({
    adapters: (await import('../venues/api/venue-adapters')).VENUE_ADAPTERS,
    openExchange: () => {
      throw new Error('no venue is read in this test');
    },
    openPublic: () => {
      throw new Error('no venue is read in this test');
    },
    hasHostAccess: async () => false,
    onRefreshMinutesChanged: async () => {},
    now: () => NOW,
    loadResidualHistory: async () => RESIDUAL_HISTORY,
    version: '0.1.0',
    alertNotifier: silentNotifier,
  });
  return {
    services,
    request: <T extends Parameters<typeof handleAccountRequest>[0]>(request: T) =>
      handleAccountRequest(request, services.accounts),
  };
}

/** What an import writes or must leave as it was: the file, its version mark, the vault. */
const importState = ({ local, session }: StorageSnapshot) => ({
  portfolio: local['portfolio'],
  portfolioVersion: local['portfolio$'],
  vault: local['keyVault'],
  vaultVersion: local['keyVault$'],
  unlocked: session['keyVaultUnlocked'],
  activity: session['keyVaultLastActivityAt'],
});

const storedPortfolio = async () =>
  (await fakeBrowser.storage.local.get('portfolio'))['portfolio'] ?? null;

describe('a worker stopped at any write of a portfolio import', () => {
  let storage: StoppableStorage;
  let unlockedVault: StorageSnapshot;
  beforeAll(async () => {
    // One vault (PBKDF2 600,000 once), unlocked, to start every case from.
    fakeBrowser.reset();
    const worker = await newWorker();
    await worker.request({ type: 'createVault', passphrase: PASSPHRASE });
    unlockedVault = await storageSnapshot();
  });
  beforeEach(() => {
    fakeBrowser.reset();
    storage = stoppableStorage();
  });
  afterEach(() => storage.release());

  const demo = { source: 'demo', savedAt: '2026-11-20T09:00:00.000Z', portfolio: DEMO_PORTFOLIO };
  const earlier = {
    source: 'imported',
    savedAt: '2026-11-23T09:00:00.000Z',
    portfolio: { ...structuredClone(TWO_VENUE_HEDGE), accounts: [TWO_VENUE_HEDGE.accounts[0]] },
  };
  const imported = { source: 'imported', savedAt: new Date(NOW).toISOString(), portfolio: FILE };

  it.each([
    ['nothing stored yet', null, 2],
    ['the demo portfolio of a new install', demo, 2],
    ['an earlier import', earlier, 2],
  ] as const)(
    'over %s: the old portfolio or the new one, whole',
    async (_, before, expectedWrites) => {
      const start: StorageSnapshot = {
        local: {
          ...unlockedVault.local,
          ...(before !== null && { portfolio: before, portfolio$: { v: 1 } }),
        },
        session: unlockedVault.session,
      };
      await restoreStorage(storage, start);
      const reference = await newWorker();
      await runUntilStopped(storage, () =>
        reference.request({ type: 'importPortfolio', file: FILE }),
      );
      const writes = storage.writes;
      const after = await storageSnapshot();
      expect(await storedPortfolio()).toEqual(imported);
      // The vault's activity time (the trader used a page), then the file (and, over nothing, WXT's
      // version mark beside it).
      expect(writes).toBe(expectedWrites);

      for (let stopAt = 1; stopAt <= writes; stopAt++) {
        await restoreStorage(storage, start);
        const stopping = await newWorker();
        storage.stopAtWrite(stopAt);
        const { ended } = await runUntilStopped(storage, () =>
          stopping.request({ type: 'importPortfolio', file: FILE }),
        );
        expect({ stopAt, ended, stopped: storage.stopped }).toEqual({
          stopAt,
          ended: false,
          stopped: true,
        });
        storage.restart();

        const restarted = await newWorker();
        const stored = await storedPortfolio();
        expect([before, imported]).toContainEqual(stored);
        expect((await restarted.request({ type: 'getConnections' })).vault).toBe('unlocked');
        const exported = await restarted.request({ type: 'exportPortfolio' });
        const risk = await restarted.services.risk.portfolioRisk();
        if (stored === null || (stored as typeof demo).source === 'demo') {
          expect(risk.source).toBe('demo');
        } else {
          expect(exported.file).toEqual((stored as { portfolio: unknown }).portfolio);
          expect(risk.source).toBe('imported');
          expect(risk.report.accounts.map((account) => account.id)).toEqual(
            (stored as { portfolio: { accounts: { id: string }[] } }).portfolio.accounts.map(
              (account) => account.id,
            ),
          );
        }
        // The trader tries again: the file and the vault end as after an uninterrupted import.
        await restarted.request({ type: 'importPortfolio', file: FILE });
        expect(importState(await storageSnapshot())).toEqual(importState(after));
      }
    },
  );
});
