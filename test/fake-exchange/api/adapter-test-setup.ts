import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  classifyConnectionError,
  type ConnectionProblem,
} from '../../../lib/venues/api/connection-problem';
import { createExchange } from '../../../lib/venues/api/create-exchange';
import type { CcxtExchange, Credentials, VenueId } from '../../../lib/venues/api/venue-api-types';
import {
  FakeProfile,
  startFakeApi,
  type FakeApiState,
  type FakeVenueApi,
  type RunningFakeApi,
} from './fake-api';
import { pointExchangeAt } from './point-exchange-at';

/**
 * What every venue adapter test (and the market-data test) does around the fake API: start it
 * with a set of credential profiles for the file's tests, make ccxt exchanges pointed at it,
 * record the requests an action made, and catch a failure with its classification. The
 * venue-specific assertions stay in each test file.
 *
 * Exchanges are made with `createExchange` (the options the extension uses) and ccxt's rate
 * limiter off: the fake answers at once and the tests must not wait between requests.
 */
export interface FakeApiSetup {
  /** The fake API the file's tests share (started before them, closed after them). */
  readonly api: RunningFakeApi;
  /** A ccxt exchange for the file's venue, pointed at the shared fake API or at `baseUrl`. */
  exchange(credentials: Credentials | undefined, baseUrl?: string): CcxtExchange;
  /** Runs `run` and returns its result and the requests it made, as `METHOD path`. */
  recording<T>(
    run: () => Promise<T>,
    running?: RunningFakeApi,
  ): Promise<{ result: T; requests: string[] }>;
}

/** Starts one fake API for the calling test file (vitest `beforeAll`/`afterAll`). */
export function useFakeApi(
  venue: VenueId,
  venues: readonly FakeVenueApi[],
  state: FakeApiState,
): FakeApiSetup {
  let running: RunningFakeApi | undefined;
  beforeAll(async () => {
    running = await startFakeApi(venues, state);
  });
  afterAll(async () => {
    await running?.close();
  });
  const api = (): RunningFakeApi => {
    if (running === undefined) throw new Error('the fake API starts in beforeAll');
    return running;
  };
  return {
    get api() {
      return api();
    },
    exchange: (credentials, baseUrl) => exchangeAt(venue, credentials, baseUrl ?? api().baseUrl),
    recording: (run, on) => recordRequests(on ?? api(), run),
  };
}

/** A ccxt exchange for `venue` whose API URLs all lead to `baseUrl`. */
export function exchangeAt(
  venue: VenueId,
  credentials: Credentials | undefined,
  baseUrl: string,
): CcxtExchange {
  return pointExchangeAt(createExchange(venue, credentials, { enableRateLimit: false }), baseUrl);
}

/** A fake API of its own for one test (a variant of the venue), closed when `run` ends. */
export async function withFakeApi<T>(
  venues: readonly FakeVenueApi[],
  state: FakeApiState,
  run: (api: RunningFakeApi) => Promise<T>,
): Promise<T> {
  const api = await startFakeApi(venues, state);
  try {
    return await run(api);
  } finally {
    await api.close();
  }
}

/** Runs `run` and returns its result and the requests it made on `api`, as `METHOD path`. */
export async function recordRequests<T>(
  api: RunningFakeApi,
  run: () => Promise<T>,
): Promise<{ result: T; requests: string[] }> {
  const before = api.requests.length;
  const result = await run();
  return {
    result,
    requests: api.requests.slice(before).map((line) => line.replace(/ \S+ /, ' ')),
  };
}

/** A route answering one path before the venue's fake API, to vary one payload. */
export function overridingRoute(path: string, body: unknown, status = 200): FakeVenueApi {
  return {
    venue: `override ${path}`,
    respond: (request) => (request.path === path ? { status, body } : undefined),
  };
}

/** Credentials named `${prefix}${profile}`, one per fake profile, both ways. */
export function profileKeys(prefix: string): {
  readonly keys: Readonly<Record<FakeProfile, string>>;
  readonly profiles: Readonly<Record<string, FakeProfile>>;
} {
  const profiles = Object.values(FakeProfile);
  return {
    keys: Object.fromEntries(profiles.map((profile) => [profile, `${prefix}${profile}`])) as Record<
      FakeProfile,
      string
    >,
    profiles: Object.fromEntries(profiles.map((profile) => [`${prefix}${profile}`, profile])),
  };
}

/** What `action` threw; fails the test when it did not throw. */
export async function failureOf(action: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

/** The error `action` threw (an Error) and how the connection layer classifies it. */
export async function problemOf(
  venue: VenueId,
  action: Promise<unknown> | (() => unknown),
): Promise<{ error: Error; problem: ConnectionProblem }> {
  const error = await failureOf(action);
  if (!(error instanceof Error)) throw new Error(`expected an Error, got ${String(error)}`);
  return { error, problem: classifyConnectionError(venue, error) };
}

/**
 * The case every key adapter's test has: a position list with a malformed row fails the read as
 * a malformed response, in `message`'s words (the venue, the endpoint, the row and the field).
 */
export function itNamesAMalformedPositionList(
  venue: VenueId,
  read: () => Promise<unknown>,
  message: string,
): void {
  it('a malformed position list is a malformed response naming the endpoint, position and field', async () => {
    const { error, problem } = await problemOf(venue, read());
    expect(problem.kind).toBe('malformedResponse');
    expect(error.message).toBe(message);
  });
}

/** A venue whose keys have a passphrase: a key entered without it is refused before any request. */
export function itRefusesAKeyWithoutItsPassphrase(
  venue: VenueId,
  fake: FakeApiSetup,
  read: () => Promise<unknown>,
): void {
  it('a key without its passphrase is refused before anything is sent', async () => {
    const { result, requests } = await fake.recording(() => problemOf(venue, read()));
    expect(result.problem.kind).toBe('wrongKey');
    expect(requests).toEqual([]);
  });
}
