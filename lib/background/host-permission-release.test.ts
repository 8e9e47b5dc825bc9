import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { HYPERLIQUID_ADDRESS_WITH_POSITIONS } from '../../test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-clearinghouse';
import { hyperliquidApi } from '../../test/fake-exchange/api/hyperliquid-api';
import { MARKET_DATA_API } from '../../test/fake-exchange/api/market-data-api';
import { startFakeApi, type RunningFakeApi } from '../../test/fake-exchange/api/fake-api';
import { pointExchangeAt } from '../../test/fake-exchange/api/point-exchange-at';
import { RESIDUAL_HISTORY } from '../engine';
import { createExchange } from '../venues/api/create-exchange';
import { VENUE_ADAPTERS } from '../venues/api/venue-adapters';
import { MARKET_DATA_HOSTS, VENUE_API_HOSTS } from '../venues/api/venue-hosts';
import { createBackgroundServices } from './background-services';

/**
 * Issue 13, review finding a: giving back a venue's host permissions after its last connection
 * went, against the browser's permissions as a set of granted match patterns. The release runs
 * in turn with connects, so a connect asked for while a disconnect runs keeps the hosts it was
 * just granted; and live market data granted in part keeps its hosts.
 */
const ADDRESS = { kind: 'address', address: HYPERLIQUID_ADDRESS_WITH_POSITIONS } as const;
const HYPERLIQUID_HOSTS = VENUE_API_HOSTS.hyperliquid;

let api: RunningFakeApi;
let granted = new Set<string>();
beforeAll(async () => {
  api = await startFakeApi([MARKET_DATA_API, hyperliquidApi], { profiles: {} });
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  fakeBrowser.reset();
});

/** Hyperliquid's reads wait while `held` is set (a slow venue answer). */
let held: Promise<void> | undefined;
const slowHyperliquid = {
  ...VENUE_ADAPTERS.hyperliquid,
  fetchAccounts: async (...args: Parameters<typeof VENUE_ADAPTERS.hyperliquid.fetchAccounts>) => {
    await held;
    return VENUE_ADAPTERS.hyperliquid.fetchAccounts(...args);
  },
};

function services() {
  return createBackgroundServices({
    adapters: { ...VENUE_ADAPTERS, hyperliquid: slowHyperliquid },
    openExchange: (venue, credentials) =>
      pointExchangeAt(createExchange(venue, credentials, { enableRateLimit: false }), api.baseUrl),
    openPublic: (venue) =>
      pointExchangeAt(createExchange(venue, undefined, { enableRateLimit: false }), api.baseUrl),
    hasHostAccess: async (origins) =>
      origins.length > 0 && origins.every((origin) => granted.has(origin)),
    releaseHostAccess: async (origins) => {
      origins.forEach((origin) => granted.delete(origin));
    },
    onRefreshMinutesChanged: async () => {},
    now: () => Date.UTC(2026, 10, 24, 12),
    loadResidualHistory: async () => RESIDUAL_HISTORY,
    version: '0.1.0',
  });
}

describe('host permissions given back after a disconnect', () => {
  it('are not taken from a connect asked for while the disconnect ran', async () => {
    // Live market data off: only the Hyperliquid API hosts are granted.
    granted = new Set(HYPERLIQUID_HOSTS);
    const background = services();
    const { connections } = background.accounts;
    expect((await connections.connect('hyperliquid', 'first', ADDRESS)).ok).toBe(true);
    // A refresh's read of the connection is under way (the venue answers in 100 ms) when the
    // trader removes the connection (which waits for that read) and adds the address again.
    held = new Promise((resolve) => setTimeout(resolve, 100));
    const refreshing = connections.refresh({ force: true });
    const disconnecting = connections.disconnect('hyperliquid-first');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const connecting = connections.connect('hyperliquid', 'again', ADDRESS);
    const [, , connected] = await Promise.all([refreshing, disconnecting, connecting]);
    held = undefined;
    expect(connected.ok).toBe(true);
    expect((await background.accounts.store.connections()).map((c) => c.id)).toEqual([
      'hyperliquid-again',
    ]);
    expect([...granted]).toEqual(HYPERLIQUID_HOSTS);
  });

  it('refuse by name a connect that comes after they were given back', async () => {
    granted = new Set(HYPERLIQUID_HOSTS);
    const background = services();
    const { connections } = background.accounts;
    expect((await connections.connect('hyperliquid', 'first', ADDRESS)).ok).toBe(true);
    await connections.disconnect('hyperliquid-first');
    expect([...granted]).toEqual([]);
    // The connect was asked for before the release, but reaches the connection list after it.
    const connected = await connections.connect('hyperliquid', 'again', ADDRESS);
    expect(connected).toMatchObject({
      ok: false,
      problem: {
        kind: 'hostAccessDenied',
        message: expect.stringContaining(HYPERLIQUID_HOSTS.join(', ')),
      },
    });
    expect(await background.accounts.store.connections()).toEqual([]);
  });

  it('keep the live market data hosts granted when only some of them are', async () => {
    // Live market data granted, then Deribit's host taken back in the browser.
    const deribit = 'https://www.deribit.com/*';
    granted = new Set([...MARKET_DATA_HOSTS, ...HYPERLIQUID_HOSTS].filter((h) => h !== deribit));
    const before = [...granted];
    const background = services();
    const { connections } = background.accounts;
    expect((await connections.connect('hyperliquid', 'first', ADDRESS)).ok).toBe(true);
    await connections.disconnect('hyperliquid-first');
    // Hyperliquid's host serves live market data too: nothing is given back.
    expect(HYPERLIQUID_HOSTS.every((host) => MARKET_DATA_HOSTS.includes(host))).toBe(true);
    expect([...granted]).toEqual(before);
  });
});
