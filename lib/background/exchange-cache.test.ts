import {
  AuthenticationError,
  ExchangeNotAvailable,
  InvalidNonce,
  NetworkError,
  PermissionDenied,
  RateLimitExceeded,
  RequestTimeout,
} from 'ccxt-src/base/errors.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { binanceApi } from '../../test/fake-exchange/api/binance-api';
import { deribitApi } from '../../test/fake-exchange/api/deribit-api';
import { startFakeApi, type RunningFakeApi } from '../../test/fake-exchange/api/fake-api';
import { pointExchangeAt } from '../../test/fake-exchange/api/point-exchange-at';
import { createConnectionService } from '../connections/connection-service';
import { sessionExchangeState, type ExchangeStateStore } from '../storage/exchange-state-items';
import type { ConnectionStatus, VenueConnection } from '../connections/connection-types';
import { createExchange } from '../venues/api/create-exchange';
import type {
  CcxtExchange,
  KeyPermissionCheck,
  VenueAccountsSnapshot,
  VenueAdapter,
  VenueId,
} from '../venues/api/venue-api-types';
import { cachedExchanges } from './exchange-cache';

describe('cachedExchanges', () => {
  it('reuses one instance per venue and credentials, and renews it after the maximum age', () => {
    let clock = 0;
    let opened = 0;
    const cache = cachedExchanges(
      (venue, credentials) => {
        opened += 1;
        return createExchange(venue, credentials, { enableRateLimit: false });
      },
      () => clock,
      1_000,
    );
    const open = cache.open.bind(cache);
    const key = { kind: 'apiKey' as const, apiKey: 'a', secret: 's' };
    const first = open('bybit', key);
    expect(open('bybit', { ...key })).toBe(first);
    expect(open('bybit', { ...key, apiKey: 'b' })).not.toBe(first);
    expect(open('okx', undefined)).not.toBe(first);
    expect(opened).toBe(3);
    clock = 1_000;
    const renewed = open('bybit', key);
    expect(renewed).not.toBe(first);
    expect(opened).toBe(4);
    cache.forget('bybit', key);
    expect(open('bybit', key)).not.toBe(renewed);
    cache.clear();
    expect(open('okx', undefined)).toBeDefined();
    expect(opened).toBe(6);
  });
});

/**
 * Review finding 8: a connect that fails, in any way, leaves no ccxt instance holding its key in
 * the worker's cache. The connection service runs over the real cache (wired as the background
 * wires it) with an adapter that fails each way a venue, the network or the vault can.
 */
describe('a failed connect', () => {
  const credentials = { kind: 'apiKey' as const, apiKey: 'failed-key', secret: 'failed-secret' };

  /** How the connect fails: in the permission check, the account read, or the vault. */
  interface Failure {
    readonly permissions?: () => Promise<KeyPermissionCheck>;
    readonly accounts?: () => Promise<VenueAccountsSnapshot>;
    readonly storeKey?: () => Promise<void>;
  }

  const READ_ONLY: KeyPermissionCheck = {
    readOnly: true,
    capabilities: [],
    checkedWith: 'GET /v5/user/query-api',
  };
  const account = (
    positions: VenueAccountsSnapshot['accounts'][number]['positions'],
  ): VenueAccountsSnapshot => ({
    accounts: [
      {
        id: 'bybit-main',
        venue: 'bybit',
        marginMode: 'cross',
        balances: [{ asset: 'USDT', total: '1000' }],
        positions,
      },
    ],
    tierTables: [],
  });
  const throwing = (error: Error) => () => Promise.reject(error);

  async function connectThrough(failure: Failure) {
    const cache = cachedExchanges(
      (venue, keys) => createExchange(venue, keys, { enableRateLimit: false }),
      () => 0,
    );
    const used: CcxtExchange[] = [];
    const adapter: VenueAdapter = {
      venue: 'bybit',
      credentialKind: 'apiKey',
      needsPassword: false,
      hostPermissions: [],
      checkKeyPermissions: async (exchange) => {
        used.push(exchange);
        return (failure.permissions ?? (async () => READ_ONLY))();
      },
      fetchAccounts: async (exchange) => {
        used.push(exchange);
        return (failure.accounts ?? (async () => account([])))();
      },
    };
    let connections: VenueConnection[] = [];
    let statuses: Readonly<Record<string, ConnectionStatus>> = {};
    const service = createConnectionService({
      store: {
        connections: async () => connections,
        saveConnections: async (next) => {
          connections = [...next];
        },
        statuses: async () => statuses,
        saveStatuses: async (next) => {
          statuses = next;
        },
      },
      secrets: {
        credentialsFor: async () => undefined,
        isUnlocked: async () => true,
        store: failure.storeKey ?? (async () => {}),
        remove: async () => {},
        ids: async () => [],
      },
      adapters: { bybit: adapter } as unknown as Record<VenueId, VenueAdapter>,
      openExchange: (venue, keys) => cache.open(venue, keys),
      forgetExchange: (venue, keys) => cache.forget(venue, keys),
      now: () => Date.UTC(2026, 10, 24, 12),
    });
    const outcome = await service
      .connect('bybit', 'main', credentials)
      .then((result) => (result.ok ? 'connected' : result.problem.kind))
      .catch((error: unknown) => `threw ${(error as Error).message}`);
    // The cache still holds the instance the connect used when opening it again returns it.
    const kept = used.length > 0 && cache.open('bybit', { ...credentials }) === used[0];
    return { outcome, kept };
  }

  it('that succeeds keeps its instance (the check below can see one)', async () => {
    expect(await connectThrough({})).toEqual({ outcome: 'connected', kept: true });
  });

  it.each<[string, Failure, string]>([
    [
      'a trade-capable key',
      { permissions: async () => ({ ...READ_ONLY, readOnly: false, capabilities: ['trade'] }) },
      'tradeCapableKey',
    ],
    [
      'permission denied',
      { permissions: throwing(new PermissionDenied('bybit permission denied')) },
      'permissionDenied',
    ],
    ['a wrong key', { accounts: throwing(new AuthenticationError('bybit')) }, 'wrongKey'],
    ['a rate limit', { accounts: throwing(new RateLimitExceeded('bybit')) }, 'rateLimited'],
    ['a network error', { accounts: throwing(new NetworkError('bybit')) }, 'network'],
    ['a timeout', { accounts: throwing(new RequestTimeout('bybit')) }, 'network'],
    ['a nonce error', { accounts: throwing(new InvalidNonce('bybit')) }, 'clockSkew'],
    ['the venue down', { accounts: throwing(new ExchangeNotAvailable('bybit')) }, 'venueDown'],
    ['any other error', { accounts: throwing(new Error('socket hang up')) }, 'unknown'],
    [
      'an account the engine refuses',
      {
        accounts: async () =>
          account([
            {
              symbol: 'BTC/USDT:USDT',
              side: 'long',
              contracts: 'many',
              entryPrice: '1',
              markPrice: '1',
            },
          ]),
      },
      'unsupportedAccount',
    ],
    [
      'the vault failing to store the key',
      { storeKey: throwing(new Error('storage quota')) },
      'threw storage quota',
    ],
  ])('keeps no instance holding its key: %s', async (_, failure, outcome) => {
    expect(await connectThrough(failure)).toEqual({ outcome, kept: false });
  });
});

/**
 * Issue 13, finding 9: the worker sleeps between one-minute alarms, so most refreshes start in a
 * new worker. A restart is a second cache (new ccxt instances) over the same session storage,
 * against the fake venue APIs.
 */
describe('a restarted worker', () => {
  let api: RunningFakeApi;
  let clock = Date.UTC(2026, 10, 24, 12);
  beforeAll(async () => {
    api = await startFakeApi([binanceApi, deribitApi], { profiles: {} });
  });
  afterAll(async () => {
    await api.close();
  });
  beforeEach(() => {
    fakeBrowser.reset();
    clock = Date.UTC(2026, 10, 24, 12);
  });

  const worker = (store: ExchangeStateStore = sessionExchangeState, enableRateLimit = false) =>
    cachedExchanges(
      (venue, credentials) =>
        pointExchangeAt(createExchange(venue, credentials, { enableRateLimit }), api.baseUrl),
      // The rate limiter runs on the real clock: so does this worker when it is on.
      enableRateLimit ? () => Date.now() : () => clock,
      60 * 60 * 1000,
      store,
    );
  const count = (path: string) => api.requests.filter((line) => line.endsWith(path)).length;

  it('takes the markets the last worker loaded, for an hour, instead of reloading them', async () => {
    const first = worker().open('binanceusdm', undefined);
    await first.loadMarkets();
    const loads = count('/fapi/v1/exchangeInfo');
    expect(loads).toBeGreaterThan(0);

    clock += 59 * 60 * 1000;
    const restarted = worker().open('binanceusdm', undefined);
    await restarted.loadMarkets();
    expect(count('/fapi/v1/exchangeInfo')).toBe(loads);
    expect(Object.keys(restarted.markets ?? {}).sort()).toEqual(
      Object.keys(first.markets ?? {}).sort(),
    );
    expect(restarted.market('BTC/USDT:USDT')).toEqual(first.market('BTC/USDT:USDT'));

    // An hour on, a new instrument may be listed: the list is read again.
    clock += 60 * 1000;
    await worker().open('binanceusdm', undefined).loadMarkets();
    expect(count('/fapi/v1/exchangeInfo')).toBe(loads + 1);
  });

  it('takes the currencies ccxt loads with the markets too (Deribit)', async () => {
    const first = worker().open('deribit', undefined);
    await first.loadMarkets();
    const before = api.requests.length;
    const restarted = worker().open('deribit', undefined);
    await restarted.loadMarkets();
    expect(api.requests.slice(before)).toEqual([]);
    expect(restarted.currencies).toEqual(first.currencies);
    expect(Object.keys(restarted.markets_by_id as object).length).toBeGreaterThan(0);
  });

  it('reloads after a failed read dropped the stored list', async () => {
    const cache = worker();
    await cache.open('binanceusdm', undefined).loadMarkets();
    cache.forget('binanceusdm', undefined);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const loads = count('/fapi/v1/exchangeInfo');
    await worker().open('binanceusdm', undefined).loadMarkets();
    expect(count('/fapi/v1/exchangeInfo')).toBe(loads + 1);
  });

  it("starts the new instance's rate limiter where the stopped worker's left it", async () => {
    // A slow limiter (one request per 400 ms) so that the wait is measurable.
    const slow = (exchange: CcxtExchange) => {
      (
        exchange as unknown as { throttler: { config: { refillRate: number } } }
      ).throttler.config.refillRate = 1 / 400;
      return exchange;
    };
    const first = slow(worker(sessionExchangeState, true).open('deribit', undefined));
    await first.publicGetGetTime();
    await first.publicGetGetTime();
    const restarted = slow(worker(sessionExchangeState, true).open('deribit', undefined));
    const startedAt = Date.now();
    await restarted.publicGetGetTime();
    // The stopped instance was a request into debt: the first request now waits for it.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(250);
  });

  it('stores packed markets, and reads a damaged entry as nothing stored', async () => {
    await worker().open('binanceusdm', undefined).loadMarkets();
    const entry = (await fakeBrowser.storage.session.get('venueMarkets.binanceusdm'))[
      'venueMarkets.binanceusdm'
    ] as { savedAt: number; packed: string };
    expect(entry.savedAt).toBe(clock);
    expect(entry.packed).toMatch(/^[A-Za-z0-9+/]+=*$/);
    await fakeBrowser.storage.session.set({
      'venueMarkets.binanceusdm': { savedAt: clock, packed: 'not gzip' },
    });
    expect(await sessionExchangeState.readMarkets('binanceusdm')).toBeUndefined();
    const loads = count('/fapi/v1/exchangeInfo');
    await worker().open('binanceusdm', undefined).loadMarkets();
    expect(count('/fapi/v1/exchangeInfo')).toBe(loads + 1);
  });
});
