import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { binanceApi } from '../../test/fake-exchange/api/binance-api';
import { bitgetFakeApi } from '../../test/fake-exchange/api/bitget-api';
import { bybitFakeApi } from '../../test/fake-exchange/api/bybit-api';
import { deribitApi } from '../../test/fake-exchange/api/deribit-api';
import {
  startFakeApi,
  type FakeFaultRule,
  type FakeProfile,
  type FakeVenueApi,
  type RunningFakeApi,
} from '../../test/fake-exchange/api/fake-api';
import {
  afterRequests,
  always,
  FAKE_FAULTS,
  FAULT_RETRY_AFTER_SECONDS,
  onRequests,
} from '../../test/fake-exchange/api/fake-faults';
import { gateFakeApi } from '../../test/fake-exchange/api/gate-api';
import { hyperliquidApi } from '../../test/fake-exchange/api/hyperliquid-api';
import { okxFakeApi } from '../../test/fake-exchange/api/okx-api';
import { pointExchangeAt } from '../../test/fake-exchange/api/point-exchange-at';
import { cachedExchanges } from '../background/exchange-cache';
import { DEMO_PORTFOLIO } from '../engine';
import { createBybitAdapter } from '../venues/bybit/bybit-adapter';
import { ProblemKind } from '../venues/api/connection-problem';
import { createExchange } from '../venues/api/create-exchange';
import { VENUE_ADAPTERS } from '../venues/api/venue-adapters';
import type { Credentials, VenueId } from '../venues/api/venue-api-types';
import { VENUE_IDS } from '../venues/venue-descriptors';
import { assemblePortfolio } from './assemble-portfolio';
import {
  createConnectionService,
  type ConnectionStore,
  type SecretSource,
} from './connection-service';
import type { ConnectionStatus, ConnectionView, VenueConnection } from './connection-types';
import { connectionViews } from './connection-views';
import { BACKOFF_BASE_MS } from './refresh-backoff';

/**
 * The venue-fault matrix (issue 13): for every venue the fake exchange serves and every fault a
 * read can meet, two connected accounts on the venue, one of which meets the fault on the
 * background's refresh path (connection service, backoff, freshness, the popup's connection
 * view), with ccxt talking HTTP to the local fake API through the extension's exchange options
 * and its exchange cache. Each case checks that
 * 1. the faulty account ends in a visible state naming the problem in words;
 * 2. its last good positions stay, marked stale with their age, never stamped with a new time;
 * 3. it is not read again before its backoff (or the venue's Retry-After) has passed, and is
 *    fresh again at the first read after it;
 * 4. the other account is read normally all along;
 * 5. the refresh ends within a bound set by the request timeout, however the venue fails.
 *
 * Exchanges are made as the extension makes them (createExchange, 10 s request timeout), but for
 * the faulty account's, whose ccxt `timeout` is shortened for the refresh that meets the fault.
 */
const REQUEST_TIMEOUT_MS = 250;
/**
 * The refresh meeting a fault ends within this: a hung request ends at REQUEST_TIMEOUT_MS; the
 * rest is room for a loaded CI machine. A hang without a bound fails the test's own timeout.
 */
const REFRESH_BOUND_MS = 3_000;
const REFRESH_MINUTES = 1;
const START_MS = Date.UTC(2026, 10, 24, 12, 0, 0);

/** Every venue the extension connects (a new one must join the fake exchange to pass). */
const VENUES = VENUE_IDS;
type Venue = VenueId;

/**
 * The fake venue, its position list without `symbols`. The fake's Bybit and OKX accounts hold a
 * USDC perpetual (Bybit BTCPERP) and an inverse swap (OKX BTC-USD-SWAP) that the connection
 * service refuses at connect time for want of a tier table (an unsupported account, not a
 * fault); the matrix needs accounts that connect, so it reads them without those two.
 */
function withoutPositions(
  fake: FakeVenueApi,
  path: string,
  listOf: (body: Record<string, unknown>) => unknown[],
  symbols: readonly string[],
): FakeVenueApi {
  return {
    ...fake,
    respond(request, state) {
      const answer = fake.respond(request, state);
      if (request.path !== path || answer?.status !== 200 || typeof answer.body !== 'object')
        return answer;
      const body = structuredClone(answer.body) as Record<string, unknown>;
      const rows = listOf(body) as { symbol?: string; instId?: string }[];
      const kept = rows.filter((row) => !symbols.includes(row.symbol ?? row.instId ?? ''));
      rows.splice(0, rows.length, ...kept);
      return { ...answer, body };
    },
  };
}

const FAKE_VENUES: readonly FakeVenueApi[] = [
  binanceApi,
  withoutPositions(
    bybitFakeApi,
    '/v5/position/list',
    (body) => (body.result as { list: unknown[] }).list,
    ['BTCPERP'],
  ),
  withoutPositions(okxFakeApi, '/api/v5/account/positions', (body) => body.data as unknown[], [
    'BTC-USD-SWAP',
  ]),
  // Before Deribit's, which answers every other `/api/v2/` path (bitget-api.ts).
  bitgetFakeApi,
  deribitApi,
  hyperliquidApi,
  gateFakeApi,
];

/** What the trader should be told: the problem's kind and words its message must hold. */
interface Expected {
  readonly kind: ProblemKind;
  readonly says: string;
}

interface FaultCase {
  readonly name: string;
  /**
   * Only for venues read with an API key: an address (Hyperliquid) is read without a key or a
   * signed timestamp, so a key or clock fault cannot happen there.
   */
  readonly keyOnly?: true;
  /** Sets the fault on the faulty account's credential. */
  readonly install: (credential: string, venue: Venue) => InstalledFault;
  readonly expected: (venue: Venue) => Expected;
  /** The venue's Retry-After, when it sends one (seconds). */
  readonly retryAfterSeconds?: number;
}

const profiles: Record<string, FakeProfile> = {};
const faults: Record<string, FakeFaultRule> = {};
/** Requests made with each credential (API key or lower-case address). */
const requestsBy: Record<string, number> = {};
interface InstalledFault {
  readonly undo: () => void;
  /**
   * How many requests met a transport fault (a case whose fault never fired proves nothing);
   * undefined for a venue's own refusal (its problem kind shows it was met).
   */
  readonly hits?: () => number;
}

function withFault(rule: FakeFaultRule) {
  return (credential: string): InstalledFault => {
    let hits = 0;
    faults[credential] = {
      fault: rule.fault,
      applies: (request) => {
        const applies = rule.applies?.(request) ?? true;
        if (applies) hits += 1;
        return applies;
      },
    };
    return { undo: () => Reflect.deleteProperty(faults, credential), hits: () => hits };
  };
}

/** The venue's own refusal (an error profile), or no profile at all: an unknown key. */
function withProfile(profile: FakeProfile | undefined) {
  return (credential: string): InstalledFault => {
    const before = profiles[credential];
    if (profile === undefined) Reflect.deleteProperty(profiles, credential);
    else profiles[credential] = profile;
    return {
      undo: () => {
        if (before !== undefined) profiles[credential] = before;
      },
    };
  };
}

const network = (): Expected => ({ kind: ProblemKind.network, says: 'could not be reached' });
const venueDown = (): Expected => ({ kind: ProblemKind.venueDown, says: 'is unavailable' });
const rateLimited = (): Expected => ({
  kind: ProblemKind.rateLimited,
  says: 'is rate-limiting requests',
});
const unreadable = (): Expected => ({
  kind: ProblemKind.malformedResponse,
  says: 'sent a response Margin Lens could not read',
});

const FAULT_CASES: readonly FaultCase[] = [
  {
    name: 'timeout (no answer)',
    install: withFault(always(FAKE_FAULTS.timeout)),
    expected: network,
  },
  {
    name: 'connection reset mid-answer',
    install: withFault(always(FAKE_FAULTS.connectionReset)),
    expected: network,
  },
  {
    name: 'answer stalls mid-body',
    install: withFault(always(FAKE_FAULTS.stalledBody)),
    expected: network,
  },
  {
    name: 'HTTP 429 with Retry-After',
    install: withFault(always(FAKE_FAULTS.rateLimitedRetryAfter)),
    expected: rateLimited,
    retryAfterSeconds: FAULT_RETRY_AFTER_SECONDS,
  },
  {
    name: 'HTTP 429 without Retry-After',
    install: withFault(always(FAKE_FAULTS.rateLimitedBare)),
    expected: rateLimited,
  },
  {
    name: "the venue's own rate-limit error",
    install: withProfile('rateLimited'),
    expected: rateLimited,
  },
  {
    name: 'HTTP 500',
    install: withFault(always(FAKE_FAULTS.internalServerError)),
    expected: venueDown,
  },
  {
    name: 'HTTP 503',
    install: withFault(always(FAKE_FAULTS.serviceUnavailable)),
    expected: venueDown,
  },
  {
    name: 'HTTP 504 from a gateway',
    install: withFault(always(FAKE_FAULTS.gatewayTimeout)),
    expected: venueDown,
  },
  {
    name: 'HTML error page, status 502',
    install: withFault(always(FAKE_FAULTS.htmlBadGateway)),
    expected: venueDown,
  },
  {
    name: 'HTML error page, status 200',
    install: withFault(always(FAKE_FAULTS.htmlWithStatus200)),
    expected: (venue) => ({
      kind: ProblemKind.malformedResponse,
      says: `could not read. ${venue} answered HTTP 200 with an HTML page instead of its API's JSON`,
    }),
  },
  {
    name: 'truncated JSON body',
    install: withFault(always(FAKE_FAULTS.truncatedJson)),
    expected: unreadable,
  },
  {
    // Every venue's read makes several requests with the account's credential (Hyperliquid:
    // userAbstraction, then clearinghouseState); on Bybit the failing one is a list's second page.
    name: 'a later request of the read fails (second page on Bybit)',
    install: (credential, venue) =>
      withFault(
        venue === 'bybit'
          ? // GET /v5/position/list with a cursor: the second page of a list.
            onRequests(
              (request) => (request.query.get('cursor') ?? '') !== '',
              FAKE_FAULTS.serviceUnavailable,
            )
          : afterRequests(1, FAKE_FAULTS.serviceUnavailable),
      )(credential),
    expected: venueDown,
  },
  {
    name: 'invalid API key',
    install: withProfile(undefined),
    keyOnly: true,
    expected: () => ({ kind: ProblemKind.wrongKey, says: 'rejected the API key' }),
  },
  {
    name: 'expired API key',
    install: withProfile('expired'),
    keyOnly: true,
    // Bybit alone has a code for an expired key (33004); Binance (-2015), OKX (50119 "API key
    // doesn't exist"), Deribit (13009) and Gate (INVALID_KEY) answer as for a wrong key
    // (venue-error-codes.ts).
    expected: (venue) =>
      venue === 'bybit'
        ? { kind: ProblemKind.expiredKey, says: 'says the API key has expired' }
        : { kind: ProblemKind.wrongKey, says: 'rejected the API key' },
  },
  {
    name: 'clock skew',
    install: withProfile('clockSkew'),
    keyOnly: true,
    expected: () => ({ kind: ProblemKind.clockSkew, says: "this computer's clock is off" }),
  },
];

let api: RunningFakeApi;
let clock = START_MS;

beforeAll(async () => {
  const counter: FakeVenueApi = {
    venue: 'request counter',
    respond(request) {
      for (const venue of FAKE_VENUES) {
        const credential = venue.credentialOf?.(request);
        if (credential !== undefined) requestsBy[credential] = (requestsBy[credential] ?? 0) + 1;
      }
      return undefined;
    },
  };
  api = await startFakeApi([counter, ...FAKE_VENUES], { profiles, faults });
});
afterAll(async () => {
  await api.close();
});

/** The extension's exchange options and cache, pointed at the fake API. */
const exchanges = cachedExchanges(
  (venue, credentials) =>
    pointExchangeAt(createExchange(venue, credentials, { enableRateLimit: false }), api.baseUrl),
  () => clock,
);

/** Shortens the request timeout (ccxt's `timeout`, ms) of the exchange `credentials` read with. */
function shortenTimeout(venue: Venue, credentials: Credentials): void {
  (exchanges.open(venue, credentials) as { timeout: number }).timeout = REQUEST_TIMEOUT_MS;
}

const ADAPTERS = {
  ...VENUE_ADAPTERS,
  // One position per page, so that Bybit's position lists have a second page to fail.
  bybit: createBybitAdapter({ positionPageSize: 1 }),
};

function credentialsOf(venue: Venue, which: 'good' | 'faulty'): Credentials {
  if (ADAPTERS[venue].credentialKind === 'address')
    return {
      kind: 'address',
      address:
        which === 'good'
          ? '0x5e9ee1089755c3435139848e47e6635505d5a13a'
          : '0x00000000000000000000000000000000000fa017',
    };
  return {
    kind: 'apiKey',
    apiKey: `faults-${venue}-${which}`,
    secret: 'fault-matrix-secret',
    ...(ADAPTERS[venue].needsPassword && { password: 'fault-matrix-passphrase' }),
  };
}

const credentialId = (credentials: Credentials) =>
  credentials.kind === 'address' ? credentials.address.toLowerCase() : credentials.apiKey;

function memoryStore(): ConnectionStore {
  let list: readonly VenueConnection[] = [];
  let table: Readonly<Record<string, ConnectionStatus>> = {};
  return {
    connections: async () => list,
    saveConnections: async (connections) => {
      list = connections;
    },
    statuses: async () => table,
    saveStatuses: async (statuses) => {
      table = statuses;
    },
  };
}

function memorySecrets(): SecretSource {
  const keys = new Map<string, Credentials>();
  return {
    credentialsFor: async (id) => keys.get(id),
    isUnlocked: async () => true,
    store: async (connection, credentials) => {
      keys.set(connection.id, credentials);
    },
    remove: async (id) => {
      keys.delete(id);
    },
    ids: async () => [...keys.keys()],
  };
}

/** The profile both accounts of `venue` read with when nothing is wrong. */
function healthy(venue: Venue): void {
  for (const which of ['good', 'faulty'] as const)
    profiles[credentialId(credentialsOf(venue, which))] =
      venue === 'bybit' ? 'paginated' : 'readOnly';
}

/** Two accounts on `venue`, both connected (read once) at the current clock. */
async function twoAccounts(venue: Venue) {
  const store = memoryStore();
  const service = createConnectionService({
    store,
    secrets: memorySecrets(),
    adapters: ADAPTERS,
    openExchange: exchanges.open,
    forgetExchange: exchanges.forget,
    now: () => clock,
  });
  const good = credentialsOf(venue, 'good');
  const faulty = credentialsOf(venue, 'faulty');
  healthy(venue);
  const connected = [];
  for (const [label, credentials] of [
    ['Good', good],
    ['Faulty', faulty],
  ] as const) {
    const result = await service.connect(venue, label, credentials);
    if (!result.ok) throw new Error(`connect ${venue} ${label}: ${result.problem.message}`);
    connected.push(result.connection);
  }
  const [goodConnection, faultyConnection] = connected as [VenueConnection, VenueConnection];
  const views = async () => {
    const list = connectionViews(
      await store.connections(),
      await store.statuses(),
      clock,
      REFRESH_MINUTES,
      false,
    );
    const view = (id: string) => list.find((entry) => entry.connection.id === id) as ConnectionView;
    return { good: view(goodConnection.id), faulty: view(faultyConnection.id) };
  };
  return {
    service,
    store,
    views,
    good: { connection: goodConnection, credential: credentialId(good) },
    faulty: {
      connection: faultyConnection,
      credential: credentialId(faulty),
      credentials: faulty,
    },
  };
}

/** Each venue's two accounts, connected once and shared by its cases (each ends both fresh). */
const connectedAccounts = new Map<Venue, ReturnType<typeof twoAccounts>>();
function accountsOn(venue: Venue): ReturnType<typeof twoAccounts> {
  const made = connectedAccounts.get(venue) ?? twoAccounts(venue);
  connectedAccounts.set(venue, made);
  return made;
}

/** Runs `refresh` and returns how long it took (ms of real time). */
async function timed(refresh: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await refresh();
  return performance.now() - started;
}

describe.each(VENUES)('venue faults on %s', (venue) => {
  const cases = FAULT_CASES.filter(
    (fault) => fault.keyOnly !== true || ADAPTERS[venue].credentialKind === 'apiKey',
  );

  it.each(cases)(
    '$name: named, stale with its age, backed off, the other account unaffected',
    // Several refreshes in turn: room for a loaded CI machine (a hang is bounded by the test).
    { timeout: 30_000 },
    async (fault) => {
      // A case that fails part-way leaves its venue's accounts in an unknown state: the next case
      // connects a fresh pair rather than inherit it.
      onTestFailed(() => {
        connectedAccounts.delete(venue);
      });
      for (const credential of Object.keys(faults)) Reflect.deleteProperty(faults, credential);
      healthy(venue);
      const { service, store, views, good, faulty } = await accountsOn(venue);
      let before = await views();
      // A case ends with both accounts read at the clock; one that failed part-way may not have.
      if (before.faulty.dataAgeSeconds !== 0 || before.good.dataAgeSeconds !== 0) {
        await service.refresh({ force: true });
        before = await views();
      }
      const connectedAt = new Date(clock).toISOString();
      expect(before.faulty).toMatchObject({ freshness: 'fresh', dataAgeSeconds: 0 });
      expect(before.faulty.positionCount).toBeGreaterThan(0);

      // The scheduled refresh one minute later meets the fault on one account only.
      clock += 60_000;
      const failedAt = clock;
      const installed = fault.install(faulty.credential, venue);
      shortenTimeout(venue, faulty.credentials);
      const elapsed = await timed(() => service.refresh());
      installed.undo();
      if (installed.hits !== undefined) expect(installed.hits()).toBeGreaterThan(0);
      expect(elapsed).toBeLessThan(REFRESH_BOUND_MS);

      // 1. A visible state naming the problem, and 2. the old positions kept, stale, aged.
      const expected = fault.expected(venue);
      const after = await views();
      expect(after.faulty.problem).toMatchObject({ kind: expected.kind, venue });
      expect(after.faulty.problem?.message).toContain(expected.says);
      expect(after.faulty).toMatchObject({
        freshness: 'stale',
        staleReason: `Last read failed: ${after.faulty.problem?.message}`,
        dataAgeSeconds: 60,
        lastSuccessAt: connectedAt,
        positionCount: before.faulty.positionCount,
        accountIds: before.faulty.accountIds,
      });
      // The portfolio the report is computed from still holds them, dated by their read.
      const statuses = await store.statuses();
      const assembled = assemblePortfolio(
        null,
        await store.connections(),
        statuses,
        DEMO_PORTFOLIO,
      );
      const faultyAccounts = Object.entries(assembled.accountConnections).filter(
        ([, connectionId]) => connectionId === faulty.connection.id,
      );
      expect(faultyAccounts.map(([id]) => id)).toEqual(before.faulty.accountIds);
      for (const price of assembled.venueIndexPrices.filter(
        (entry) => entry.connectionId === faulty.connection.id,
      ))
        expect(price.readAt).toBe(connectedAt);
      // 4. The other account was read now.
      expect(after.good).toMatchObject({
        freshness: 'fresh',
        dataAgeSeconds: 0,
        problem: null,
        lastSuccessAt: new Date(failedAt).toISOString(),
        positionCount: before.good.positionCount,
      });

      // 3. Backoff: not read again before it passes (the venue is healthy again meanwhile).
      const problem = after.faulty.problem;
      if (problem === null) throw new Error('expected a problem');
      const retryAt = statuses[faulty.connection.id]?.retryNotBefore ?? null;
      const faultyReads = () => requestsBy[faulty.credential] ?? 0;
      const goodReads = () => requestsBy[good.credential] ?? 0;
      if (problem.retryable) {
        const wait = Math.max(BACKOFF_BASE_MS, (fault.retryAfterSeconds ?? 0) * 1000);
        expect(retryAt).toBe(new Date(failedAt + wait).toISOString());
        if (fault.retryAfterSeconds !== undefined) {
          // Not even the trader's refresh asks before the venue's wait has passed.
          clock = failedAt + 60_000;
          const faultyBefore = faultyReads();
          await service.refresh({ force: true, byTrader: true });
          expect(faultyReads()).toBe(faultyBefore);
        }
        clock = failedAt + wait - 1000;
        const [faultyBefore, goodBefore] = [faultyReads(), goodReads()];
        await service.refresh();
        expect(faultyReads()).toBe(faultyBefore);
        expect(goodReads()).toBeGreaterThan(goodBefore);
        expect((await views()).faulty).toMatchObject({
          freshness: 'stale',
          dataAgeSeconds: Math.round((clock - Date.parse(connectedAt)) / 1000),
        });
        clock = failedAt + wait;
        await service.refresh();
      } else {
        // Only the trader can fix it: the alarm never retries, the trader's look does.
        expect(retryAt).toBeNull();
        clock = failedAt + 60 * 60_000;
        const faultyBefore = faultyReads();
        await service.refresh();
        expect(faultyReads()).toBe(faultyBefore);
        await service.refresh({ byTrader: true });
      }
      expect((await views()).faulty).toMatchObject({
        freshness: 'fresh',
        dataAgeSeconds: 0,
        problem: null,
        positionCount: before.faulty.positionCount,
      });
      expect((await views()).good.freshness).toBe('fresh');
    },
  );
});
