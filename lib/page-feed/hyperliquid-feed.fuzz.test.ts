import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HYPERLIQUID_PAGE_ADDRESS,
  HYPERLIQUID_PAGE_STATE,
  hyperliquidActiveAssetDataPush,
  hyperliquidClearinghousePush,
  hyperliquidPush,
  hyperliquidWebData2Push,
  hyperliquidWebData3Push,
} from '../../test/fake-exchange/page-feed/page-feed-messages';
import {
  FUZZ_RUNS,
  jsonish,
  nearValidMessages,
  nonFinite,
  timed,
  type MessageFixture,
} from '../../test/fuzz/json-mutation';
import { createHyperliquidFeed } from './hyperliquid-feed';
import type { PageFeed } from './page-feed-snapshot';
import type { TappedMessage } from './tapped-message';

/**
 * Fuzzing the Hyperliquid page feed (issue 13, "Fuzzing"), as deribit-feed.fuzz.test.ts fuzzes
 * Deribit's: arbitrary JSON-ish page traffic, and near-valid messages (a documented push or
 * `POST /info` answer from page-feed-messages.ts with one to three fields replaced, removed,
 * nested deep or given an extra key). Whatever arrives: `receive` never throws and answers
 * `{ ok: true }` or a refusal naming venue, endpoint and field (a PayloadReader message, never a
 * stray TypeError or DecimalError text); no case takes longer than MAX_CASE_MS; the snapshots
 * never throw, hold no non-finite number, and their `pending` notes are the module's own or named
 * refusals.
 */
const ADDRESS = HYPERLIQUID_PAGE_ADDRESS;

/** `hyperliquid page <endpoint>: <field> <problem>` (the endpoint may hold a channel's `:`). */
const NAMED_REFUSAL = /^hyperliquid page [\s\S]+?: \S[\s\S]* \S/;
/** What snapshotOf notes itself, besides named refusals. */
const OWN_PENDING = [
  /^dex "[\s\S]*": positions on HIP-3 dexes are not read yet$/,
  /^the main dex clearinghouseState has not been seen yet$/,
  NAMED_REFUSAL,
];

type Fixture = MessageFixture<TappedMessage>;

const socket = (text: string): TappedMessage => ({ site: 'hyperliquid', kind: 'socket', text });
const info =
  (user: string, dex: string) =>
  (text: string): TappedMessage => ({ site: 'hyperliquid', kind: 'info', user, dex, text });

const FIXTURES: readonly Fixture[] = [
  { body: JSON.parse(hyperliquidWebData3Push()), message: socket },
  { body: JSON.parse(hyperliquidWebData2Push()), message: socket },
  { body: JSON.parse(hyperliquidClearinghousePush()), message: socket },
  {
    body: JSON.parse(hyperliquidClearinghousePush(HYPERLIQUID_PAGE_STATE, ADDRESS, 'xyz')),
    message: socket,
  },
  {
    body: JSON.parse(
      hyperliquidPush('allDexsClearinghouseState', {
        user: ADDRESS,
        clearinghouseStates: [
          ['', HYPERLIQUID_PAGE_STATE],
          ['xyz', HYPERLIQUID_PAGE_STATE],
        ],
      }),
    ),
    message: socket,
  },
  { body: JSON.parse(hyperliquidActiveAssetDataPush('101000.5')), message: socket },
  { body: structuredClone(HYPERLIQUID_PAGE_STATE), message: info(ADDRESS, '') },
];

/** The page's load: its own address named, then its state answered. */
const LOAD: readonly TappedMessage[] = [
  socket(hyperliquidWebData3Push()),
  info(ADDRESS, '')(JSON.stringify(HYPERLIQUID_PAGE_STATE)),
];

let taken = 0;

function check(feed: PageFeed, message: TappedMessage): void {
  const receipt = timed(() => feed.receive(message), 'receive');
  if (receipt.ok) taken += 1;
  if (!receipt.ok) expect(receipt.problem).toMatch(NAMED_REFUSAL);
  const snapshots = timed(() => feed.snapshots(), 'snapshots');
  expect(nonFinite(snapshots)).toBeUndefined();
  for (const snapshot of snapshots)
    for (const note of snapshot.pending)
      expect(
        OWN_PENDING.some((pattern) => pattern.test(note)),
        note,
      ).toBe(true);
}

function loaded(withLoad: boolean): PageFeed {
  const feed = createHyperliquidFeed();
  if (withLoad) for (const message of LOAD) expect(feed.receive(message)).toEqual({ ok: true });
  return feed;
}

const CHANNELS = [
  'clearinghouseState',
  'allDexsClearinghouseState',
  'webData2',
  'webData3',
  'activeAssetData',
] as const;

/** Traffic with no resemblance to Hyperliquid's, or only an envelope's. */
const arbitraryMessage: fc.Arbitrary<TappedMessage> = fc.oneof(
  fc
    .oneof(
      fc.string({ maxLength: 200 }),
      jsonish.map((value) => JSON.stringify(value) ?? 'undefined'),
      fc
        .tuple(fc.oneof(fc.constantFrom(...CHANNELS), fc.string({ maxLength: 60 })), jsonish)
        .map(([channel, data]) => hyperliquidPush(channel, data)),
      fc
        .tuple(
          fc.constantFrom(...CHANNELS),
          fc.dictionary(
            fc.constantFrom(
              'user',
              'dex',
              'coin',
              'markPx',
              'clearinghouseState',
              'clearinghouseStates',
              'userState',
              'meta',
              'assetCtxs',
            ),
            fc.oneof(fc.constant(ADDRESS), jsonish),
          ),
        )
        .map(([channel, data]) => hyperliquidPush(channel, data)),
    )
    .map(socket),
  fc
    .tuple(
      fc.oneof(
        fc.constant(ADDRESS),
        fc.stringMatching(/^0x[0-9a-fA-F]{40}$/),
        fc.string({ maxLength: 50 }),
      ),
      fc.oneof(fc.constantFrom('', 'xyz'), fc.stringMatching(/^[A-Za-z0-9_:.-]{1,40}$/)),
      jsonish.map((value) => JSON.stringify(value) ?? 'undefined'),
    )
    .map(([user, dex, text]) => info(user, dex)(text)),
);

describe('Hyperliquid page feed under fuzzing', () => {
  it('takes or refuses arbitrary traffic by name, never throws, never non-finite', () => {
    fc.assert(
      fc.property(arbitraryMessage, fc.boolean(), (message, withLoad) => {
        check(loaded(withLoad), message);
      }),
      { seed: 1311, numRuns: FUZZ_RUNS },
    );
  }, 60_000);

  it('takes or refuses near-valid messages by name, never throws, never non-finite', () => {
    fc.assert(
      fc.property(nearValidMessages(FIXTURES), ({ message, withLoad }) => {
        check(loaded(withLoad), message);
      }),
      { seed: 1312, numRuns: FUZZ_RUNS },
    );
    // Not vacuous: many near-valid messages are still taken (and reach the snapshot).
    expect(taken).toBeGreaterThan(FUZZ_RUNS / 10);
  }, 60_000);
});
