import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { binanceApi } from '../../test/fake-exchange/api/binance-api';
import {
  startFakeApi,
  type FakeFaultRule,
  type FakeProfile,
  type RunningFakeApi,
} from '../../test/fake-exchange/api/fake-api';
import { FAKE_FAULTS, FAULT_RETRY_AFTER_SECONDS } from '../../test/fake-exchange/api/fake-faults';
import { pointExchangeAt } from '../../test/fake-exchange/api/point-exchange-at';
import { RESIDUAL_HISTORY } from '../engine';
import { createExchange } from '../venues/api/create-exchange';
import { VENUE_ADAPTERS } from '../venues/api/venue-adapters';
import { MARKET_DATA_HOSTS } from '../venues/api/venue-hosts';
import { handleAccountRequest } from './account-requests';
import { createBackgroundServices } from './background-services';

/**
 * The venue-fault matrix (lib/connections/venue-faults.test.ts) seen from where the trader looks:
 * the background's services over WXT's fake browser storage and the real key vault, two Binance
 * USDⓈ-M keys, one of which the venue rate-limits with a Retry-After. What the popup's
 * connection list, the risk state and the overlay's page view say about each account, and which
 * of the alarm, the popup and the refresh button ask the venue again.
 */
const PASSPHRASE = 'correct horse battery staple';
const SECRET = 'S3cr3t-never-in-storage-0123456789abcdef';
const GOOD_KEY = 'mlFaultsGoodKey0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH';
const FAULTY_KEY = 'mlFaultsBadKey0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHI';
const START_MS = Date.UTC(2026, 10, 24, 12, 0, 0);

const profiles: Record<string, FakeProfile> = {};
const faults: Record<string, FakeFaultRule> = {};
let api: RunningFakeApi;
let clock = START_MS;

beforeAll(async () => {
  api = await startFakeApi([binanceApi], { profiles, faults });
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  fakeBrowser.reset();
  clock = START_MS;
  profiles[GOOD_KEY] = 'readOnly';
  profiles[FAULTY_KEY] = 'readOnly';
});

function services() {
  return createBackgroundServices({
    adapters: VENUE_ADAPTERS,
    openExchange: (venue, credentials) =>
      pointExchangeAt(createExchange(venue, credentials, { enableRateLimit: false }), api.baseUrl),
    openPublic: (venue) =>
      pointExchangeAt(createExchange(venue, undefined, { enableRateLimit: false }), api.baseUrl),
    // Live market data off: the accounts alone.
    hasHostAccess: async (origins) => origins.length > 0 && origins !== MARKET_DATA_HOSTS,
    onRefreshMinutesChanged: async () => {},
    now: () => clock,
    loadResidualHistory: async () => RESIDUAL_HISTORY,
    version: '0.1.0',
    alertNotifier: {
      showing: async () => [],
      show: async () => {},
      close: async () => {},
      open: async () => {},
    },
  });
}

/** Signed requests made with the faulty key (`X-MBX-APIKEY`), counted by the fake's rule. */
let faultyRequests = 0;
function rateLimitFaultyKey(): void {
  faults[FAULTY_KEY] = {
    fault: FAKE_FAULTS.rateLimitedRetryAfter,
    applies: () => {
      faultyRequests += 1;
      return true;
    },
  };
}

describe('a venue rate-limiting one of two accounts, as the trader sees it', () => {
  it('shows it stale with its age and the wait, keeps its positions, and asks again only when the venue allows', async () => {
    const background = services();
    const { accounts } = background;
    await handleAccountRequest({ type: 'createVault', passphrase: PASSPHRASE }, accounts);
    for (const [label, apiKey] of [
      ['Good', GOOD_KEY],
      ['Faulty', FAULTY_KEY],
    ] as const) {
      const result = await handleAccountRequest(
        {
          type: 'connectVenue',
          venue: 'binanceusdm',
          label,
          credentials: { kind: 'apiKey', apiKey, secret: SECRET },
        },
        accounts,
      );
      expect(result.ok).toBe(true);
    }
    const before = await background.risk.portfolioRisk();
    const accountsOf = (view: typeof before, connectionId: string) =>
      Object.entries(view.accountConnections)
        .filter(([, id]) => id === connectionId)
        .map(([accountId]) => accountId)
        .sort();
    const faultyAccounts = accountsOf(before, 'binanceusdm-faulty');
    expect(faultyAccounts.length).toBeGreaterThan(0);

    // The alarm one minute later: the venue answers the faulty key 429, Retry-After: 600.
    clock += 60_000;
    const failedAt = clock;
    rateLimitFaultyKey();
    await background.scheduledRefresh();
    expect(faultyRequests).toBeGreaterThan(0);
    faultyRequests = 0;

    // The popup's connection list names the problem and the wait, with the data's age.
    const view = await handleAccountRequest({ type: 'getConnections' }, accounts);
    const byId = (id: string) => view.connections.find((entry) => entry.connection.id === id);
    expect(byId('binanceusdm-faulty')).toMatchObject({
      freshness: 'stale',
      dataAgeSeconds: 60,
      lastSuccessAt: new Date(START_MS).toISOString(),
      staleReason:
        'Last read failed: Binance USDⓈ-M futures is rate-limiting requests. It asked to wait 10 minutes before the next request.',
      problem: { kind: 'rateLimited', retryAfterMs: FAULT_RETRY_AFTER_SECONDS * 1000 },
    });
    expect(byId('binanceusdm-good')).toMatchObject({
      freshness: 'fresh',
      dataAgeSeconds: 0,
      problem: null,
    });

    // The risk state still holds the faulty account's positions; the overlay marks them stale.
    const risk = await background.risk.portfolioRisk();
    expect(accountsOf(risk, 'binanceusdm-faulty')).toEqual(faultyAccounts);
    const page = await background.risk.pageRisk({
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      underlying: 'BTC',
    });
    const faultyRows = page.accounts.filter((row) => faultyAccounts.includes(row.accountId));
    expect(faultyRows.length).toBeGreaterThan(0);
    for (const row of faultyRows)
      expect(row).toMatchObject({
        freshness: 'stale',
        dataAgeSeconds: 60,
        staleReason: expect.stringContaining('Binance USDⓈ-M futures is rate-limiting requests.'),
      });
    for (const row of page.accounts.filter((entry) => !faultyAccounts.includes(entry.accountId)))
      expect(row).toMatchObject({ freshness: 'fresh', dataAgeSeconds: 0 });

    // Within the venue's wait neither the alarm, nor the popup, nor the refresh button asks it.
    clock = failedAt + 5 * 60_000;
    await background.scheduledRefresh();
    await handleAccountRequest({ type: 'refreshAccounts', force: false }, accounts);
    await handleAccountRequest({ type: 'refreshAccounts', force: true }, accounts);
    expect(faultyRequests).toBe(0);
    const during = await handleAccountRequest({ type: 'getConnections' }, accounts);
    expect(
      during.connections.find((entry) => entry.connection.id === 'binanceusdm-good'),
    ).toMatchObject({ freshness: 'fresh', dataAgeSeconds: 0 });

    // Once it has passed, the next alarm reads it (the venue answers again).
    Reflect.deleteProperty(faults, FAULTY_KEY);
    clock = failedAt + FAULT_RETRY_AFTER_SECONDS * 1000;
    await background.scheduledRefresh();
    const after = await handleAccountRequest({ type: 'getConnections' }, accounts);
    expect(
      after.connections.find((entry) => entry.connection.id === 'binanceusdm-faulty'),
    ).toMatchObject({ freshness: 'fresh', dataAgeSeconds: 0, problem: null });
  });
});
