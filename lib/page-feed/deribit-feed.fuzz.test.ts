import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deribitAccountSummaryResult,
  deribitChangesNotification,
  deribitNotification,
  deribitOptionBook,
  deribitPortfolioNotification,
  deribitPositions,
  deribitResponse,
  deribitSummary,
} from '../../test/fake-exchange/page-feed/page-feed-messages';
import {
  FUZZ_RUNS,
  jsonish,
  nearValidMessages,
  nonFinite,
  timed,
  type MessageFixture,
} from '../../test/fuzz/json-mutation';
import { createDeribitFeed } from './deribit-feed';
import type { PageFeed } from './page-feed-snapshot';
import { DERIBIT_TRACKED_METHODS, type TappedMessage } from './tapped-message';

/**
 * Fuzzing the Deribit page feed (issue 13, "Fuzzing"): arbitrary JSON-ish page traffic, and
 * near-valid messages (a documented message from page-feed-messages.ts with one to three fields
 * replaced by a wrong type, a huge, negative or NaN-like string, removed, nested deep or given an
 * extra key). Whatever arrives: `receive` never throws and answers `{ ok: true }` or a refusal
 * naming venue, endpoint and field (a PayloadReader message, never a stray TypeError or
 * DecimalError text); no case takes longer than MAX_CASE_MS; the snapshots never throw, hold no
 * non-finite number, and (mark IVs above the file's bound are refused by name).
 */
type Response = Extract<TappedMessage, { kind: 'response' }>;

/** A refusal's shape: `deribit page <endpoint>: <field> <problem>`, or the wrong-site refusal. */
const NAMED_REFUSAL = /^deribit page [^:]+: \S.* \S/;

type Fixture = MessageFixture<TappedMessage>;

const notification = (text: string): TappedMessage => ({
  site: 'deribit',
  kind: 'notification',
  text,
});
const response =
  (method: Response['method'], currency: string | null, instrumentKind: string | null) =>
  (text: string): TappedMessage => ({
    site: 'deribit',
    kind: 'response',
    method,
    currency,
    instrumentKind,
    text,
  });

const FIXTURES: readonly Fixture[] = [
  { body: JSON.parse(deribitPortfolioNotification('BTC')), message: notification },
  {
    body: JSON.parse(deribitResponse(7, deribitAccountSummaryResult('BTC'))),
    message: response('private/get_account_summary', 'BTC', null),
  },
  {
    body: JSON.parse(
      deribitResponse(7, { id: 1234, summaries: [deribitSummary('BTC'), deribitSummary('ETH')] }),
    ),
    message: response('private/get_account_summaries', null, null),
  },
  {
    body: JSON.parse(deribitResponse(7, deribitPositions('BTC'))),
    message: response('private/get_positions', 'BTC', null),
  },
  {
    body: JSON.parse(deribitResponse(7, deribitOptionBook('BTC'))),
    message: response('public/get_book_summary_by_currency', 'BTC', 'option'),
  },
  {
    body: JSON.parse(deribitChangesNotification('future', 'BTC', deribitPositions('BTC'))),
    message: notification,
  },
  {
    body: JSON.parse(
      deribitNotification('ticker.BTC-27DEC24-100000-C.100ms', {
        instrument_name: 'BTC-27DEC24-100000-C',
        mark_iv: 55.5,
      }),
    ),
    message: notification,
  },
];

/** The page's load, as deribit-feed.test.ts has it. */
const LOAD: readonly TappedMessage[] = [0, 1, 3, 4].map((index) => {
  const fixture = FIXTURES[index] as Fixture;
  return fixture.message(JSON.stringify(fixture.body));
});

function check(feed: PageFeed, message: TappedMessage): void {
  const receipt = timed(() => feed.receive(message), 'receive');
  if (!receipt.ok) expect(receipt.problem).toMatch(NAMED_REFUSAL);
  const snapshots = timed(() => feed.snapshots(), 'snapshots');
  expect(nonFinite(snapshots)).toBeUndefined();
  // Not asserted yet: that every snapshot account passes parsePortfolio. The shared venue readers
  // (readDeribitPosition) take prices of 1e308 that the file schema refuses (more than 40
  // digits), so the background refuses that snapshot whole; issue 13, findings 4 and 6.
}

function loaded(withLoad: boolean): PageFeed {
  const feed = createDeribitFeed();
  if (withLoad) for (const message of LOAD) expect(feed.receive(message)).toEqual({ ok: true });
  return feed;
}

const shortText = fc.oneof(
  fc.constant(null),
  fc.constantFrom('BTC', 'ETH', 'any', 'USDC', 'future', 'option', 'spot', 'btc'),
  fc.stringMatching(/^[A-Za-z0-9_:.-]{1,40}$/),
);

/** Traffic with no resemblance to Deribit's, or only an envelope's. */
const arbitraryMessage: fc.Arbitrary<TappedMessage> = fc
  .tuple(
    fc.oneof(
      fc.string({ maxLength: 200 }),
      jsonish.map((value) => JSON.stringify(value) ?? 'undefined'),
      fc
        .tuple(
          fc.oneof(
            fc.constantFrom(
              'user.portfolio.btc',
              'user.portfolio.any',
              'user.changes.future.btc.raw',
              'user.changes.BTC-PERPETUAL.raw',
              'ticker.BTC-27DEC24-100000-C.100ms',
            ),
            fc.string({ maxLength: 40 }),
          ),
          jsonish,
        )
        .map(([channel, data]) => deribitNotification(channel, data)),
      jsonish.map((result) => deribitResponse(7, result)),
    ),
    fc.boolean(),
    fc.constantFrom(...DERIBIT_TRACKED_METHODS),
    shortText,
    shortText,
  )
  .map(([text, isNotification, method, currency, instrumentKind]) =>
    isNotification ? notification(text) : response(method, currency, instrumentKind)(text),
  );

describe('Deribit page feed under fuzzing', () => {
  it('takes or refuses arbitrary traffic by name, never throws, never non-finite', () => {
    fc.assert(
      fc.property(arbitraryMessage, fc.boolean(), (message, withLoad) => {
        check(loaded(withLoad), message);
      }),
      { seed: 1301, numRuns: FUZZ_RUNS },
    );
  }, 60_000);

  it('takes or refuses near-valid messages by name, never throws, never non-finite', () => {
    fc.assert(
      fc.property(nearValidMessages(FIXTURES), ({ message, withLoad }) => {
        check(loaded(withLoad), message);
      }),
      { seed: 1302, numRuns: FUZZ_RUNS },
    );
  }, 60_000);
});
