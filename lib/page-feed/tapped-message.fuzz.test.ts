import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_RUNS, hostileScalar, timed } from '../../test/fuzz/json-mutation';
import { MAX_TAPPED_TEXT, PageFeedVenue } from './page-feed-sites';
import { DERIBIT_TRACKED_METHODS, parseTappedMessage } from './tapped-message';

/**
 * Fuzzing the reader's check of what the MAIN-world tap posts (issue 13, "Fuzzing"): arbitrary
 * values (any type, null prototypes, boxed values, maps, typed arrays) and near-valid messages
 * (a well-formed message of either venue with a field replaced, removed, or an extra key added).
 * parseTappedMessage never throws, takes no longer than MAX_CASE_MS, and passes exactly the
 * well-formed messages for the page's venue, as an independent reading of the
 * {@link TappedMessage} shapes below has them (a Hyperliquid user lower-cased).
 */
const SHORT_TEXT = /^[A-Za-z0-9_:.-]{1,40}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const SITES = [PageFeedVenue.deribit, PageFeedVenue.hyperliquid] as const;

/** The message parseTappedMessage should give back for `value` on `site`, or undefined. */
function expected(value: unknown, site: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const record = value as Record<string, unknown>;
  const has = (...keys: string[]) =>
    Object.keys(record).length === keys.length &&
    keys.every((key) => Object.prototype.hasOwnProperty.call(record, key));
  const { text } = record;
  if (record.site !== site || typeof text !== 'string' || text.length > MAX_TAPPED_TEXT)
    return undefined;
  const shortOrNull = (field: unknown) =>
    field === null || (typeof field === 'string' && SHORT_TEXT.test(field));
  if (site === 'deribit') {
    if (record.kind === 'notification' && has('site', 'kind', 'text')) return { ...record };
    if (
      record.kind === 'response' &&
      has('site', 'kind', 'method', 'currency', 'instrumentKind', 'text') &&
      (DERIBIT_TRACKED_METHODS as readonly unknown[]).includes(record.method) &&
      shortOrNull(record.currency) &&
      shortOrNull(record.instrumentKind)
    )
      return { ...record };
    return undefined;
  }
  if (record.kind === 'socket' && has('site', 'kind', 'text')) return { ...record };
  if (
    record.kind === 'info' &&
    has('site', 'kind', 'user', 'dex', 'text') &&
    typeof record.user === 'string' &&
    ADDRESS.test(record.user) &&
    typeof record.dex === 'string' &&
    (record.dex === '' || SHORT_TEXT.test(record.dex))
  )
    return { ...record, user: record.user.toLowerCase() };
  return undefined;
}

const shortText = fc.oneof(
  fc.constant(null),
  fc.constantFrom('BTC', 'ETH', 'option', '', 'x'.repeat(40), 'x'.repeat(41), 'a b', 'BTC\n'),
  fc.stringMatching(SHORT_TEXT),
  fc.string({ maxLength: 45 }),
);
const text = fc.oneof(
  { weight: 5, arbitrary: fc.string({ maxLength: 60 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('x'.repeat(MAX_TAPPED_TEXT), 'x'.repeat(MAX_TAPPED_TEXT + 1)),
  },
);
const address = fc.oneof(
  fc.stringMatching(ADDRESS),
  fc.constantFrom('0x' + 'a'.repeat(39), '0x' + 'g'.repeat(40), '0X' + 'a'.repeat(40), 'alice'),
  fc.string({ maxLength: 44 }),
);

/** Well-formed messages of both venues (checked on either site). */
const wellFormed: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ site: fc.constant('deribit'), kind: fc.constant('notification'), text }),
  fc.record({
    site: fc.constant('deribit'),
    kind: fc.constant('response'),
    method: fc.oneof(
      fc.constantFrom(...DERIBIT_TRACKED_METHODS),
      fc.constantFrom('private/buy', 'toString', ''),
    ),
    currency: shortText,
    instrumentKind: shortText,
    text,
  }),
  fc.record({ site: fc.constant('hyperliquid'), kind: fc.constant('socket'), text }),
  fc.record({
    site: fc.constant('hyperliquid'),
    kind: fc.constant('info'),
    user: address,
    dex: fc.oneof(fc.constant(''), shortText),
    text,
  }),
);

const KEYS = ['site', 'kind', 'text', 'method', 'currency', 'instrumentKind', 'user', 'dex'];
const fieldValue = fc.oneof(
  hostileScalar,
  fc.constantFrom('deribit', 'hyperliquid', 'notification', 'response', 'socket', 'info'),
  fc.constantFrom(...DERIBIT_TRACKED_METHODS),
  fc.anything(),
);

type Change =
  | { kind: 'replace' | 'add'; key: string; value: unknown }
  | { kind: 'remove'; key: string }
  | { kind: 'prototype'; nullPrototype: boolean };
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('replace' as const, 'add' as const),
    key: fc.oneof(
      fc.constantFrom(...KEYS),
      fc.constantFrom('__proto__', 'constructor', 'extra'),
      fc.string({ maxLength: 8 }),
    ),
    value: fieldValue,
  }),
  fc.record({ kind: fc.constant('remove' as const), key: fc.constantFrom(...KEYS) }),
  fc.record({ kind: fc.constant('prototype' as const), nullPrototype: fc.boolean() }),
);

function applyChanges(valid: Record<string, unknown>, changes: readonly Change[]): object {
  let value: object = { ...valid };
  for (const step of changes) {
    if (step.kind === 'prototype')
      value = Object.assign(
        step.nullPrototype ? Object.create(null) : Object.create({ site: valid.site }),
        value,
      ) as object;
    else if (step.kind === 'remove') Reflect.deleteProperty(value, step.key);
    else
      Object.defineProperty(value, step.key, {
        value: step.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return value;
}

let passed = 0;

function check(value: unknown, site: PageFeedVenue): void {
  const parsed = timed(() => parseTappedMessage(value, site), 'parseTappedMessage');
  expect(parsed).toEqual(expected(value, site));
  if (parsed !== undefined) passed += 1;
}

const arbitraryValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withObjectString: true,
    withNullPrototype: true,
    withBigInt: true,
    withDate: true,
    withTypedArray: true,
    withSparseArray: true,
  }),
  hostileScalar,
  fc.dictionary(fc.constantFrom(...KEYS), fieldValue, { maxKeys: 6 }),
);

describe('parseTappedMessage under fuzzing', () => {
  it('never throws on arbitrary values and passes none that is not a tapped message', () => {
    fc.assert(fc.property(arbitraryValue, fc.constantFrom(...SITES), check), {
      seed: 1321,
      numRuns: FUZZ_RUNS,
    });
  }, 60_000);

  it('passes exactly the well-formed messages for the page’s venue, near-valid ones refused', () => {
    fc.assert(
      fc.property(
        wellFormed,
        fc.array(change, { maxLength: 3 }),
        fc.constantFrom(...SITES),
        (valid, changes, site) => check(applyChanges(valid, changes), site),
      ),
      { seed: 1322, numRuns: FUZZ_RUNS },
    );
    // The oracle is not vacuous: many of the cases are well-formed and pass.
    expect(passed).toBeGreaterThan(FUZZ_RUNS / 20);
  }, 60_000);
});
