import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  runUntilStopped,
  stoppableStorage,
  type StoppableStorage,
} from '../../test/lifecycle/stoppable-storage';
import type { PageAccountsEntry } from './page-accounts-item';

const ENTRIES: PageAccountsEntry[] = [
  {
    venue: 'hyperliquid',
    identity: '0x5e9ee1089755c3435139848e47e6635505d5a13a',
    readAt: '2026-11-24T12:00:00.000Z',
    accounts: [],
    pending: [],
    prices: {},
  },
];

describe('a versioned item', () => {
  let storage: StoppableStorage;
  beforeEach(() => {
    fakeBrowser.reset();
    storage = stoppableStorage();
  });
  afterEach(() => storage.release());

  it('writes its first value and its version mark in one write', async () => {
    vi.resetModules();
    const { pageAccountsItem } = await import('./page-accounts-item');
    await pageAccountsItem.setValue(ENTRIES);
    expect(storage.writes).toBe(1);
    expect(await fakeBrowser.storage.local.get(['pageAccounts', 'pageAccounts$'])).toEqual({
      pageAccounts: ENTRIES,
      pageAccounts$: { v: 2 },
    });
  });

  it('is never left unmarked by a stopped worker, so a restart does not migrate it again', async () => {
    // Version 2's migration drops Hyperliquid entries from a version-1 value: a version-2 value
    // read as unmarked (version 1) would lose them.
    for (let stopAt = 1; stopAt <= 2; stopAt++) {
      fakeBrowser.reset();
      vi.resetModules();
      const stopping = await import('./page-accounts-item');
      storage.stopAtWrite(stopAt);
      await runUntilStopped(storage, () => stopping.pageAccountsItem.setValue(ENTRIES));
      storage.restart();
      vi.resetModules();
      const restarted = await import('./page-accounts-item');
      const read = await restarted.pageAccountsItem.getValue();
      // Nothing written, or the entries whole with their mark.
      const stored = await fakeBrowser.storage.local.get(['pageAccounts', 'pageAccounts$']);
      expect([{}, { pageAccounts: ENTRIES, pageAccounts$: { v: 2 } }]).toContainEqual(stored);
      expect(read).toEqual(stored['pageAccounts'] ?? []);
    }
  });
});
