import { describe, expect, it } from 'vitest';
import type { VenueAccountsSnapshot, VenueAdapter, VenueId } from '../venues/api/venue-api-types';
import {
  createConnectionService,
  type ConnectionStore,
  type SecretSource,
} from './connection-service';
import type { ConnectionStatus, VenueConnection } from './connection-types';

/**
 * The service's ordering rules, with an adapter whose reads the test finishes by hand (the venue
 * adapters themselves are tested against the fake venue APIs in lib/venues).
 */
const ADDRESS = '0x5e9ee1089755c3435139848e47e6635505d5a13a';

function memoryStore(): ConnectionStore & {
  list: VenueConnection[];
  table: Record<string, ConnectionStatus>;
} {
  const store = {
    list: [] as VenueConnection[],
    table: {} as Record<string, ConnectionStatus>,
    connections: async () => store.list,
    saveConnections: async (connections: readonly VenueConnection[]) => {
      store.list = [...connections];
    },
    statuses: async () => store.table,
    saveStatuses: async (statuses: Readonly<Record<string, ConnectionStatus>>) => {
      store.table = { ...statuses };
    },
  };
  return store;
}

const noSecrets: SecretSource = {
  credentialsFor: async () => undefined,
  isUnlocked: async () => false,
  store: async () => {},
  remove: async () => {},
  ids: async () => [],
};

/** An address venue whose reads wait until the test releases them. */
function heldAdapter() {
  const pending: ((snapshot: VenueAccountsSnapshot) => void)[] = [];
  const adapter: VenueAdapter = {
    venue: 'hyperliquid',
    credentialKind: 'address',
    needsPassword: false,
    hostPermissions: [],
    fetchAccounts: (_exchange, accountId) =>
      new Promise((resolve) => {
        pending.push(() =>
          resolve({
            accounts: [
              {
                id: accountId,
                venue: 'hyperliquid',
                marginMode: 'cross',
                positionMode: 'oneway',
                balances: [{ asset: 'USDC', total: '100' }],
                positions: [],
              },
            ],
            tierTables: [],
          }),
        );
      }),
  };
  const release = () =>
    pending.splice(0).forEach((finish) => finish({ accounts: [], tierTables: [] }));
  return { adapter, release, waiting: () => pending.length };
}

function service(adapter: VenueAdapter, store: ReturnType<typeof memoryStore>) {
  return createConnectionService({
    store,
    secrets: noSecrets,
    adapters: { hyperliquid: adapter } as unknown as Record<VenueId, VenueAdapter>,
    openExchange: () => ({}) as never,
    now: () => Date.UTC(2026, 10, 24, 12),
  });
}

async function until(condition: () => boolean) {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 1));
}

describe('connection service ordering', () => {
  it('a read that ends after its connection was disconnected writes nothing back', async () => {
    const store = memoryStore();
    const held = heldAdapter();
    const connections = service(held.adapter, store);
    const connecting = connections.connect('hyperliquid', '', {
      kind: 'address',
      address: ADDRESS,
    });
    await until(() => held.waiting() === 1);
    held.release();
    expect((await connecting).ok).toBe(true);

    const refreshing = connections.refresh({ force: true });
    await until(() => held.waiting() === 1);
    const disconnecting = connections.disconnect('hyperliquid');
    await until(() => store.list.length === 0);
    held.release();
    await Promise.all([refreshing, disconnecting]);
    expect(store.list).toEqual([]);
    expect(store.table).toEqual({});
  });

  it('a read that began from a list taken before the disconnect writes nothing back', async () => {
    // The refresh reads the connection list, then waits on the status store; meanwhile the
    // connection is disconnected. Only the read's check of the current list stops its write.
    const store = memoryStore();
    store.list = [
      {
        id: 'hyperliquid',
        venue: 'hyperliquid',
        label: 'h',
        credentialKind: 'address',
        address: ADDRESS,
        createdAt: '2026-11-24T10:00:00.000Z',
      },
    ];
    let releaseStatuses: (() => void) | undefined;
    let first = true;
    const statuses = store.statuses;
    store.statuses = async () => {
      if (first) {
        first = false;
        await new Promise<void>((resolve) => (releaseStatuses = resolve));
      }
      return statuses();
    };
    const immediate: VenueAdapter = {
      ...heldAdapter().adapter,
      fetchAccounts: async (_exchange, accountId) => ({
        accounts: [
          {
            id: accountId,
            venue: 'hyperliquid',
            marginMode: 'cross',
            positionMode: 'oneway',
            balances: [{ asset: 'USDC', total: '100' }],
            positions: [],
          },
        ],
        tierTables: [],
      }),
    };
    const connections = service(immediate, store);
    const refreshing = connections.refresh({ force: true });
    await until(() => releaseStatuses !== undefined);
    await connections.disconnect('hyperliquid');
    releaseStatuses?.();
    await refreshing;
    expect(store.list).toEqual([]);
    expect(store.table).toEqual({});
  });

  it('drops every key connection and runs the vault deletion as one change', async () => {
    const store = memoryStore();
    store.list = [
      { id: 'bybit', venue: 'bybit', label: 'b', credentialKind: 'apiKey', createdAt: 'x' },
      {
        id: 'hyperliquid',
        venue: 'hyperliquid',
        label: 'h',
        credentialKind: 'address',
        address: ADDRESS,
        createdAt: 'x',
      },
    ];
    store.table = {
      bybit: {
        connectionId: 'bybit',
        snapshot: null,
        lastSuccessAt: null,
        lastAttemptAt: null,
        failures: 1,
        problem: null,
        retryNotBefore: null,
      },
    };
    let deleted = false;
    await service(heldAdapter().adapter, store).dropKeyConnections(async () => {
      deleted = true;
    });
    expect(deleted).toBe(true);
    expect(store.list.map((c) => c.id)).toEqual(['hyperliquid']);
    expect(store.table).toEqual({});
  });
});
