import { DEMO_PORTFOLIO, PORTFOLIO_LIMITS, RESIDUAL_HISTORY } from '../engine';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { binanceApi } from '../../test/fake-exchange/api/binance-api';
import { MARKET_DATA_API } from '../../test/fake-exchange/api/market-data-api';
import { okxFakeApi } from '../../test/fake-exchange/api/okx-api';
import { hyperliquidApi } from '../../test/fake-exchange/api/hyperliquid-api';
import { HYPERLIQUID_ADDRESS_WITH_POSITIONS } from '../../test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-clearinghouse';
import {
  startFakeApi,
  type FakeProfile,
  type RunningFakeApi,
} from '../../test/fake-exchange/api/fake-api';
import { pointExchangeAt } from '../../test/fake-exchange/api/point-exchange-at';
import type { ConnectionsView } from '../messaging/protocol';
import { createExchange } from '../venues/api/create-exchange';
import { VENUE_ADAPTERS } from '../venues/api/venue-adapters';
import { MARKET_DATA_HOSTS, VENUE_API_HOSTS } from '../venues/api/venue-hosts';
import { addSecret, listConnections } from '../storage/key-vault';
import { UNLOCK_FIRST_WAIT_MS } from '../storage/unlock-backoff';
import { handleAccountRequest } from './account-requests';
import { createBackgroundServices } from './background-services';

/**
 * The background's services end to end in Node: WXT's fake browser storage (local and
 * session), the real key vault (PBKDF2 600,000), the real Binance USDⓈ-M adapter and ccxt
 * talking HTTP to the local fake Binance API. A "service-worker restart" is a second set of
 * services over the same storage.
 */
const PASSPHRASE = 'correct horse battery staple';
const SECRET = 'S3cr3t-never-in-storage-0123456789abcdef';
const KEYS = {
  readOnly: 'mlReadOnlyKey0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH',
  tradeEnabled: 'mlTradeKey0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJK',
  wrong: 'mlUnknownKey0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ',
} as const;
const profiles: Record<string, FakeProfile> = {
  [KEYS.readOnly]: 'readOnly',
  [KEYS.tradeEnabled]: 'tradeEnabled',
};

let api: RunningFakeApi;
let clock = Date.UTC(2026, 10, 24, 12, 0, 0);
let granted = true;
/** Live market data on: the trader allowed its public hosts. */
let marketGranted = true;
/**
 * Where set, the browser's grants as a set of origins, host by host (a release takes from it):
 * for the tests of giving hosts back, which ask host by host.
 */
let grantedHosts: Set<string> | undefined;
/** Host permissions the background gave back. */
let released: string[] = [];

beforeAll(async () => {
  api = await startFakeApi([MARKET_DATA_API, binanceApi, okxFakeApi, hyperliquidApi], {
    profiles,
  });
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  fakeBrowser.reset();
  clock = Date.UTC(2026, 10, 24, 12, 0, 0);
  granted = true;
  marketGranted = true;
  grantedHosts = undefined;
  released = [];
  profiles[KEYS.readOnly] = 'readOnly';
});

let vaultLockedCalls = 0;

function services() {
  return createBackgroundServices({
    onVaultLocked: () => {
      vaultLockedCalls += 1;
    },
    adapters: VENUE_ADAPTERS,
    openExchange: (venue, credentials) =>
      pointExchangeAt(createExchange(venue, credentials, { enableRateLimit: false }), api.baseUrl),
    openPublic: (venue) =>
      pointExchangeAt(createExchange(venue, undefined, { enableRateLimit: false }), api.baseUrl),
    hasHostAccess: async (origins) =>
      grantedHosts === undefined
        ? granted && origins.length > 0 && (origins !== MARKET_DATA_HOSTS || marketGranted)
        : origins.length > 0 && origins.every((origin) => grantedHosts?.has(origin)),
    releaseHostAccess: async (origins) => {
      released.push(...origins);
      origins.forEach((origin) => grantedHosts?.delete(origin));
    },
    onRefreshMinutesChanged: async () => {},
    now: () => clock,
    loadResidualHistory: async () => RESIDUAL_HISTORY,
    version: '0.1.0',
  });
}

const key = (apiKey: string) => ({ kind: 'apiKey' as const, apiKey, secret: SECRET });

async function connect(background = services(), apiKey: string = KEYS.readOnly) {
  return handleAccountRequest(
    { type: 'connectVenue', venue: 'binanceusdm', label: 'Main', credentials: key(apiKey) },
    background.accounts,
  );
}

describe('connecting a venue', () => {
  it('needs an unlocked vault before it stores a key', async () => {
    const result = await connect();
    expect(result).toMatchObject({
      ok: false,
      problem: { message: expect.stringContaining('Unlock the key vault (or create one)') },
    });
  });

  it('reads a read-only key’s accounts into the risk report, with their age', async () => {
    const background = services();
    await handleAccountRequest(
      { type: 'createVault', passphrase: PASSPHRASE },
      background.accounts,
    );
    const result = await connect(background);
    expect(result.ok).toBe(true);
    const view = (result as { view: ConnectionsView }).view;
    expect(view.connections).toHaveLength(1);
    expect(view.connections[0]).toMatchObject({
      connection: { id: 'binanceusdm-main', venue: 'binanceusdm', keyFingerprint: 'mlRe…EFGH' },
      freshness: 'fresh',
      dataAgeSeconds: 0,
    });
    const risk = await background.risk.portfolioRisk();
    expect(risk.source).toBe('connected');
    expect(risk.report.accounts.length).toBeGreaterThan(0);
    expect(risk.report.accounts.every((account) => account.id.startsWith('binanceusdm-main'))).toBe(
      true,
    );
    expect(risk.report.accounts.flatMap((a) => a.positions).length).toBe(
      view.connections[0]?.positionCount,
    );
    // The connect read also read the public market for what the account holds.
    expect(risk.report.inputs.liveMarket).toMatchObject({
      status: 'used',
      source: 'Binance USDⓈ-M public API',
    });
    expect(risk.report.inputs.annualVols.BTC?.origin).toBe('live');
  });

  it('refuses a trade-capable key, saying what it can do, and stores nothing', async () => {
    const background = services();
    await handleAccountRequest(
      { type: 'createVault', passphrase: PASSPHRASE },
      background.accounts,
    );
    const result = await connect(background, KEYS.tradeEnabled);
    expect(result).toMatchObject({ ok: false, problem: { kind: 'tradeCapableKey' } });
    expect(JSON.stringify(result)).toContain('/sapi/v1/account/apiRestrictions');
    const view = await handleAccountRequest({ type: 'getConnections' }, background.accounts);
    expect(view.connections).toEqual([]);
  });

  it('names a wrong key, and a venue the browser has not let us reach', async () => {
    const background = services();
    expect(
      await handleAccountRequest(
        { type: 'testConnection', venue: 'binanceusdm', credentials: key(KEYS.wrong) },
        background.accounts,
      ),
    ).toMatchObject({ ok: false, problem: { kind: 'wrongKey' } });
    granted = false;
    expect(
      await handleAccountRequest(
        { type: 'testConnection', venue: 'binanceusdm', credentials: key(KEYS.readOnly) },
        background.accounts,
      ),
    ).toMatchObject({
      ok: false,
      problem: {
        kind: 'hostAccessDenied',
        message: expect.stringContaining(VENUE_API_HOSTS.binanceusdm.join(', ')),
      },
    });
  });
});

describe('an account the engine cannot compute', () => {
  it('is refused by name at connect time instead of breaking the whole report', async () => {
    const background = services();
    const result = await handleAccountRequest(
      {
        type: 'testConnection',
        venue: 'okx',
        credentials: { ...key(KEYS.readOnly), password: 'okx-passphrase' },
      },
      background.accounts,
    );
    expect(result).toMatchObject({
      ok: false,
      problem: {
        kind: 'unsupportedAccount',
        retryable: false,
        message: expect.stringMatching(
          /^OKX has an account Margin Lens cannot compute yet\. The portfolio file has/,
        ),
      },
    });
    // The demo (or whatever else is there) still computes.
    expect((await background.risk.portfolioRisk()).report.accounts.length).toBeGreaterThan(0);
  });
});

describe('changing connections', () => {
  it('keeps both of two connects made at once, and disconnects an address connection cleanly', async () => {
    const background = services();
    await handleAccountRequest(
      { type: 'createVault', passphrase: PASSPHRASE },
      background.accounts,
    );
    const [first, second] = await Promise.all([
      connect(background),
      handleAccountRequest(
        {
          type: 'connectVenue',
          venue: 'hyperliquid',
          label: '',
          credentials: { kind: 'address', address: HYPERLIQUID_ADDRESS_WITH_POSITIONS },
        },
        background.accounts,
      ),
    ]);
    expect([first.ok, second.ok]).toEqual([true, true]);
    let view = await handleAccountRequest({ type: 'getConnections' }, background.accounts);
    expect(view.connections.map((c) => c.connection.id).sort()).toEqual([
      'binanceusdm-main',
      'hyperliquid',
    ]);
    view = await handleAccountRequest(
      { type: 'disconnectVenue', connectionId: 'hyperliquid' },
      background.accounts,
    );
    expect(view.connections.map((c) => c.connection.id)).toEqual(['binanceusdm-main']);
    expect(Object.keys(await background.accounts.store.statuses())).toEqual(['binanceusdm-main']);
    // A key connection's secret goes with it; the same name can be connected again.
    await handleAccountRequest(
      { type: 'disconnectVenue', connectionId: 'binanceusdm-main' },
      background.accounts,
    );
    expect((await connect(background)).ok).toBe(true);
  });
});

describe('a forgotten passphrase', () => {
  it('deletes the vault with its key connections and keeps address connections', async () => {
    const background = services();
    await handleAccountRequest(
      { type: 'createVault', passphrase: PASSPHRASE },
      background.accounts,
    );
    await connect(background);
    await handleAccountRequest(
      {
        type: 'connectVenue',
        venue: 'hyperliquid',
        label: '',
        credentials: { kind: 'address', address: HYPERLIQUID_ADDRESS_WITH_POSITIONS },
      },
      background.accounts,
    );
    await handleAccountRequest({ type: 'lockVault' }, background.accounts);
    const view = await handleAccountRequest({ type: 'deleteVault' }, background.accounts);
    expect(view.vault).toBe('absent');
    expect(view.connections.map((c) => c.connection.id)).toEqual(['hyperliquid']);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(
      'binanceusdm-main',
    );
    // A new vault takes the same connection again.
    await handleAccountRequest(
      { type: 'createVault', passphrase: 'a new passphrase' },
      background.accounts,
    );
    expect((await connect(background)).ok).toBe(true);
  });
});

describe('refresh, staleness and restarts', () => {
  it('retries a problem only the trader can fix when the trader looks, not on the alarm', async () => {
    const background = services();
    await handleAccountRequest(
      { type: 'createVault', passphrase: PASSPHRASE },
      background.accounts,
    );
    await connect(background);
    profiles[KEYS.readOnly] = 'clockSkew';
    clock += 60_000;
    await background.scheduledRefresh();
    const accountReads = () => api.requests.filter((line) => line.includes('/fapi/v3/')).length;
    expect(
      (await handleAccountRequest({ type: 'getConnections' }, background.accounts)).connections[0]
        ?.problem?.kind,
    ).toBe('clockSkew');
    profiles[KEYS.readOnly] = 'readOnly';
    const before = accountReads();
    clock += 60_000;
    await background.scheduledRefresh();
    expect(accountReads()).toBe(before);
    const view = await handleAccountRequest(
      { type: 'refreshAccounts', force: false },
      background.accounts,
    );
    expect(view.connections[0]).toMatchObject({ freshness: 'fresh', problem: null });
  });

  it('marks data stale after a failed read, backs off, and is fresh again after a good read', async () => {
    const background = services();
    await handleAccountRequest(
      { type: 'createVault', passphrase: PASSPHRASE },
      background.accounts,
    );
    await connect(background);
    profiles[KEYS.readOnly] = 'venueDown';
    clock += 60_000;
    await background.scheduledRefresh();
    let view = await handleAccountRequest({ type: 'getConnections' }, background.accounts);
    expect(view.connections[0]).toMatchObject({
      freshness: 'stale',
      dataAgeSeconds: 60,
      problem: { kind: 'venueDown', retryable: true },
    });
    // The old figures stay in the report, marked stale, rather than vanishing.
    const risk = await background.risk.portfolioRisk();
    expect(risk.connections[0]?.freshness).toBe('stale');
    expect(risk.report.accounts.length).toBeGreaterThan(0);

    // Within the 30 s backoff nothing is asked of the venue.
    profiles[KEYS.readOnly] = 'readOnly';
    const accountReads = () => api.requests.filter((line) => line.includes('/fapi/v3/')).length;
    const before = accountReads();
    clock += 10_000;
    await background.scheduledRefresh();
    expect(accountReads()).toBe(before);
    clock += 30_000;
    await background.scheduledRefresh();
    view = await handleAccountRequest({ type: 'getConnections' }, background.accounts);
    expect(view.connections[0]).toMatchObject({ freshness: 'fresh', problem: null });
  });

  it('keeps connections and the lock state across a service-worker restart', async () => {
    const first = services();
    await handleAccountRequest({ type: 'createVault', passphrase: PASSPHRASE }, first.accounts);
    await connect(first);
    const restarted = services();
    let view = await handleAccountRequest({ type: 'getConnections' }, restarted.accounts);
    expect(view.vault).toBe('unlocked');
    expect(view.connections.map((c) => c.connection.id)).toEqual(['binanceusdm-main']);
    await handleAccountRequest({ type: 'lockVault' }, restarted.accounts);
    view = await handleAccountRequest({ type: 'getConnections' }, services().accounts);
    expect(view.vault).toBe('locked');
    expect(view.connections[0]?.freshness).toBe('stale');
    await handleAccountRequest(
      { type: 'unlockVault', passphrase: PASSPHRASE },
      services().accounts,
    );
    view = await handleAccountRequest({ type: 'getConnections' }, services().accounts);
    expect(view.vault).toBe('unlocked');
    expect(view.connections[0]?.freshness).toBe('fresh');
  });

  it('locks the vault once the trader has been idle for the set time', async () => {
    const background = services();
    await handleAccountRequest(
      { type: 'createVault', passphrase: PASSPHRASE },
      background.accounts,
    );
    await handleAccountRequest(
      { type: 'saveSettings', refreshMinutes: 1, idleLockMinutes: 5 },
      background.accounts,
    );
    clock += 4 * 60_000;
    await background.scheduledRefresh();
    expect(
      (await handleAccountRequest({ type: 'getConnections' }, background.accounts)).vault,
    ).toBe('unlocked');
    clock += 5 * 60_000;
    await background.scheduledRefresh();
    expect(await background.accounts.vault.state()).toBe('locked');
  });

  it('drops whatever holds keys in memory when the vault locks, idles out or a key is disconnected', async () => {
    const background = services();
    await handleAccountRequest(
      { type: 'createVault', passphrase: PASSPHRASE },
      background.accounts,
    );
    await connect(background);
    const before = vaultLockedCalls;
    await handleAccountRequest({ type: 'lockVault' }, background.accounts);
    expect(vaultLockedCalls).toBe(before + 1);
    await handleAccountRequest(
      { type: 'unlockVault', passphrase: PASSPHRASE },
      background.accounts,
    );
    await handleAccountRequest(
      { type: 'saveSettings', refreshMinutes: 1, idleLockMinutes: 5 },
      background.accounts,
    );
    clock += 6 * 60_000;
    await background.lockIfIdle();
    expect(vaultLockedCalls).toBe(before + 2);
    await handleAccountRequest(
      { type: 'unlockVault', passphrase: PASSPHRASE },
      background.accounts,
    );
    await handleAccountRequest(
      { type: 'disconnectVenue', connectionId: 'binanceusdm-main' },
      background.accounts,
    );
    expect(vaultLockedCalls).toBe(before + 3);
  });

  it('keeps no key, secret or passphrase in persistent storage', async () => {
    const background = services();
    await handleAccountRequest(
      { type: 'createVault', passphrase: PASSPHRASE },
      background.accounts,
    );
    await connect(background);
    const dump = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(dump).toContain('binanceusdm-main');
    for (const secret of [KEYS.readOnly, SECRET, PASSPHRASE]) expect(dump).not.toContain(secret);
  });
});

describe('imported portfolio beside connected accounts', () => {
  it('imports a valid file, refuses a broken one by name, and exports both together', async () => {
    const background = services();
    await expect(
      handleAccountRequest(
        { type: 'importPortfolio', file: { version: 2, accounts: [] } },
        background.accounts,
      ),
    ).rejects.toThrow(/The portfolio file was not imported\. [^]*version: must be 1, got 2/);
    const file = {
      version: 1,
      asOf: '2026-11-24T11:00:00Z',
      baseCurrency: 'USD',
      accounts: [
        {
          id: 'manual-okx',
          venue: 'okx',
          marginMode: 'cross',
          positionMode: 'oneway',
          balances: [{ asset: 'USDT', total: '1000' }],
          positions: [],
        },
      ],
    };
    const view = await handleAccountRequest({ type: 'importPortfolio', file }, background.accounts);
    expect(view.importedAccounts).toBe(1);
    await handleAccountRequest(
      { type: 'createVault', passphrase: PASSPHRASE },
      background.accounts,
    );
    await connect(background);
    const exported = await handleAccountRequest({ type: 'exportPortfolio' }, background.accounts);
    const ids = (exported.file as { accounts: { id: string }[] }).accounts.map((a) => a.id);
    expect(ids[0]).toBe('manual-okx');
    expect(ids.slice(1).every((id) => id.startsWith('binanceusdm-main'))).toBe(true);
    expect((await background.risk.portfolioRisk()).source).toBe('imported+connected');
  });

  it('refuses a file over a cap of portfolio-limits.ts before storing anything', async () => {
    const background = services();
    const { accounts: mostAccounts, fileCharacters } = PORTFOLIO_LIMITS;
    const account = DEMO_PORTFOLIO.accounts[0];
    // Valid in every field: only the caps refuse these.
    const tooMany = {
      ...DEMO_PORTFOLIO,
      accounts: Array.from({ length: mostAccounts + 1 }, (_, index) => ({
        ...account,
        id: `account-${index}`,
      })),
    };
    const tooLong = {
      ...DEMO_PORTFOLIO,
      accounts: [{ ...account, id: 'x'.repeat(fileCharacters) }],
    };
    await expect(
      handleAccountRequest({ type: 'importPortfolio', file: tooMany }, background.accounts),
    ).rejects.toThrow(
      `The portfolio file was not imported. The portfolio file has a problem:\n  - accounts: the portfolio has ${mostAccounts + 1} accounts; at most ${mostAccounts} are read`,
    );
    await expect(
      handleAccountRequest({ type: 'importPortfolio', file: tooLong }, background.accounts),
    ).rejects.toThrow(
      new RegExp(
        `^The portfolio file was not imported\\. [^]*portfolio: the file is [\\d,]+ characters long; at most ${fileCharacters.toLocaleString('en-US')} are read$`,
      ),
    );
    expect(await fakeBrowser.storage.local.get('portfolio')).toEqual({});
    const view = await handleAccountRequest({ type: 'getConnections' }, background.accounts);
    expect(view.importedAccounts).toBe(0);
  });
});

/** Issue 13, findings 9 and 10: what a stopped worker leaves, permissions and passphrases. */
describe('hardening', () => {
  it('removes at start a key that a worker stopped before listing its connection left', async () => {
    const first = services();
    await handleAccountRequest({ type: 'createVault', passphrase: PASSPHRASE }, first.accounts);
    await connect(first);
    // The stop: the connect recorded the key as pending and stored it; its connection was
    // never listed.
    await fakeBrowser.storage.local.set({ pendingKeyChanges: ['bybit-main'] });
    await addSecret(
      {
        id: 'bybit-main',
        venue: 'bybit',
        label: 'Main',
        createdAt: new Date(clock).toISOString(),
      },
      { apiKey: KEYS.wrong, secret: SECRET },
    );
    expect((await listConnections()).map((c) => c.id)).toEqual(['binanceusdm-main', 'bybit-main']);
    const restarted = services();
    expect(await restarted.removeOrphanKeys()).toEqual(['bybit-main']);
    expect((await listConnections()).map((c) => c.id)).toEqual(['binanceusdm-main']);
    const view = await handleAccountRequest({ type: 'getConnections' }, restarted.accounts);
    expect(view.connections.map((c) => c.connection.id)).toEqual(['binanceusdm-main']);
    expect(await fakeBrowser.storage.local.get('pendingKeyChanges')).toEqual({
      pendingKeyChanges: [],
    });
  });

  it('removes no key at start when the connection list reads empty (review finding b)', async () => {
    const first = services();
    await handleAccountRequest({ type: 'createVault', passphrase: PASSPHRASE }, first.accounts);
    await connect(first);
    // The list read empty (a failed or migrated read); no change was under way.
    await fakeBrowser.storage.local.remove('connections');
    expect(await services().removeOrphanKeys()).toEqual([]);
    expect((await listConnections()).map((c) => c.id)).toEqual(['binanceusdm-main']);
  });

  it('backs off after wrong passphrases, across a worker restart, saying when to retry', async () => {
    const first = services();
    await handleAccountRequest({ type: 'createVault', passphrase: PASSPHRASE }, first.accounts);
    await handleAccountRequest({ type: 'lockVault' }, first.accounts);
    const unlockWith = (passphrase: string, background = first) =>
      handleAccountRequest({ type: 'unlockVault', passphrase }, background.accounts);
    await expect(unlockWith('wrong passphrase 1')).rejects.toThrow('wrong passphrase');
    await expect(unlockWith('wrong passphrase 2')).rejects.toThrow('wrong passphrase');
    await expect(unlockWith('wrong passphrase 3')).rejects.toThrow(
      /^The passphrase was wrong 3 times in a row: the vault takes the next try in 30 seconds, at /,
    );
    // Even the right passphrase waits, in a restarted worker too.
    const restarted = services();
    await expect(unlockWith(PASSPHRASE, restarted)).rejects.toThrow(
      'the vault takes the next try in 30 seconds',
    );
    expect(await restarted.accounts.vault.state()).toBe('locked');
    clock += UNLOCK_FIRST_WAIT_MS;
    expect((await unlockWith(PASSPHRASE, restarted)).vault).toBe('unlocked');
  });

  it("gives back a venue's host permissions when its last connection goes", async () => {
    // Granted: the hosts of the two venues connected below; live market data off.
    grantedHosts = new Set([...VENUE_API_HOSTS.binanceusdm, ...VENUE_API_HOSTS.hyperliquid]);
    const background = services();
    await handleAccountRequest(
      { type: 'createVault', passphrase: PASSPHRASE },
      background.accounts,
    );
    await connect(background);
    await handleAccountRequest(
      {
        type: 'connectVenue',
        venue: 'hyperliquid',
        label: '',
        credentials: { kind: 'address', address: HYPERLIQUID_ADDRESS_WITH_POSITIONS },
      },
      background.accounts,
    );
    await handleAccountRequest(
      { type: 'disconnectVenue', connectionId: 'binanceusdm-main' },
      background.accounts,
    );
    expect(released).toEqual(VENUE_API_HOSTS.binanceusdm);
    // With live market data on, the hosts it reads stay.
    MARKET_DATA_HOSTS.forEach((host) => grantedHosts?.add(host));
    released = [];
    await handleAccountRequest(
      { type: 'disconnectVenue', connectionId: 'hyperliquid' },
      background.accounts,
    );
    expect(released).toEqual(
      VENUE_API_HOSTS.hyperliquid.filter((host) => !MARKET_DATA_HOSTS.includes(host)),
    );
  });

  it('gives back the hosts of the key connections a vault deletion removes', async () => {
    grantedHosts = new Set(VENUE_API_HOSTS.binanceusdm);
    const background = services();
    await handleAccountRequest(
      { type: 'createVault', passphrase: PASSPHRASE },
      background.accounts,
    );
    await connect(background);
    await handleAccountRequest({ type: 'deleteVault' }, background.accounts);
    expect(released).toEqual(VENUE_API_HOSTS.binanceusdm);
  });
});
