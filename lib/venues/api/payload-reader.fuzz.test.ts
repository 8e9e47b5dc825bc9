import { BadResponse } from 'ccxt-src/base/errors.js';
import Decimal from 'decimal.js';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DecimalSign, decimalField } from '../../engine/portfolio/file-schema/field-schemas';
import { PORTFOLIO_LIMITS } from '../../engine/portfolio/portfolio-limits';
import { PayloadReader, type SignRule } from './payload-reader';

/**
 * Property tests of the venue number readers (review findings 4 and 6, issue 13), 10,000 cases
 * each with seed 42: whatever a venue sends, a reader returns a finite number within the size
 * bounds or throws a BadResponse naming venue, endpoint and field, nothing else; and
 * `decimal` accepts exactly the decimal strings the portfolio file's reader accepts (the engine
 * trims spaces first, the venue reader refuses them) that have at most 40 digits and an exponent
 * within ±30, and every finite JSON number, at most the file's largest figure (1e18) in size.
 */
const RUNS = { numRuns: 10_000, seed: 42 } as const;
const reader = new PayloadReader('okx', 'GET /api/v5/account/balance');
const FIELD = 'data[0].details[0] "USDT" cashBal';
const PREFIX = `okx GET /api/v5/account/balance: ${FIELD} `;

/** Texts near the grammar: prefixes, separators, words and exponents a venue could send. */
const nearDecimal = fc
  .tuple(
    fc.constantFrom('', '', '-', '+', ' ', '0x', '0X', '0b', '0o', '--', '.', '\u00a0'),
    fc.stringMatching(/^[0-9]{0,45}$/),
    fc.constantFrom('', '', '.', '_', ',', '.5', '_0'),
    fc.stringMatching(/^[0-9]{0,6}$/),
    fc.constantFrom(
      '',
      '',
      'e',
      'E',
      'e+',
      'e-',
      'e30',
      'e-30',
      'e31',
      'e-20000000',
      'e400000000',
      '%',
      ' ',
      'n',
      'Infinity',
    ),
    fc.stringMatching(/^[0-9]{0,3}$/),
  )
  .map((parts) => parts.join(''));

const venueValue = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.stringMatching(/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?$/),
  nearDecimal,
  nearDecimal,
  fc.stringMatching(/^-?[0-9]{30,50}(?:\.[0-9]{0,12})?$/),
  fc.constantFrom(
    'Infinity',
    '-Infinity',
    'NaN',
    '1e-20000000',
    '1e400000000',
    '0x10',
    '0b11',
    '1_0',
  ),
  fc.double(),
  fc.integer(),
  fc.bigInt(),
  fc.constantFrom(null, undefined, true, false),
  fc.anything({ maxDepth: 1 }),
);
const signRule = fc.constantFrom<SignRule>('any', 'positive', 'nonNegative');

/** What the property expects of a text, computed apart from the reader. */
function withinSize(text: string): boolean {
  const match = /^[+-]?([\d.]*)(?:[eE]([+-]?\d+))?$/.exec(text);
  if (match === null) return false;
  const digits = (match[1] ?? '').replace('.', '').length;
  return digits <= 40 && Math.abs(Number(match[2] ?? '0')) <= 30;
}
const engineReads = (text: string, sign: SignRule) =>
  v.safeParse(decimalField(DecimalSign[sign]), text).success;
/** At most the portfolio file's largest figure in size (portfolio-limits.ts). */
const withinLargest = (text: string) => new Decimal(text).abs().lte(PORTFOLIO_LIMITS.largestFigure);

/** Runs `read`; the result when it returns, `refused` when it throws the typed error. */
function outcome<T>(read: () => T): { value: T } | 'refused' {
  try {
    return { value: read() };
  } catch (error) {
    expect(error).toBeInstanceOf(BadResponse);
    const message = (error as Error).message;
    expect(message.startsWith(PREFIX)).toBe(true);
    expect(message).not.toContain('{');
    return 'refused';
  }
}

/** A decimal the engine can use: finite, and its plain form short. */
function expectUsable(text: string): void {
  const parsed = new Decimal(text);
  expect(parsed.isFinite()).toBe(true);
  expect(parsed.toFixed().length).toBeLessThanOrEqual(400);
}

describe('venue number readers under fuzzing (10,000 cases each, seed 42)', () => {
  it('decimal accepts exactly the bounded engine grammar and every finite JSON number', () => {
    fc.assert(
      fc.property(venueValue, signRule, (value, sign) => {
        const result = outcome(() => reader.decimal(value, FIELD, sign));
        let expected: boolean;
        // A JSON number below 1e-18 is floating-point dust, read as 0 (payload-reader.ts).
        const read = typeof value === 'number' && Math.abs(value) < 1e-18 ? 0 : value;
        if (typeof value === 'number') {
          expected =
            Number.isFinite(value) &&
            engineReads(String(read), sign) &&
            withinLargest(String(read));
        } else if (typeof value === 'string') {
          expected =
            value === value.trim() &&
            withinSize(value) &&
            engineReads(value, sign) &&
            withinLargest(value);
        } else expected = false;
        expect(result !== 'refused').toBe(expected);
        if (result !== 'refused') {
          expect(result.value).toBe(typeof value === 'number' ? String(read) : value);
          expectUsable(result.value);
          if (typeof value === 'string')
            expect(new Decimal(result.value).toFixed().length).toBeLessThanOrEqual(72);
        }
      }),
      RUNS,
    );
  });

  it('optionalDecimal: "" and a missing field are not given, anything else as decimal', () => {
    fc.assert(
      fc.property(venueValue, (value) => {
        const optional = outcome(() => reader.optionalDecimal(value, FIELD));
        if (value === undefined || value === '') expect(optional).toEqual({ value: undefined });
        else expect(optional).toEqual(outcome(() => reader.decimal(value, FIELD)));
      }),
      RUNS,
    );
  });

  it('decimalString and numericDecimal accept only bounded plain decimals, a subset of the grammar', () => {
    fc.assert(
      fc.property(venueValue, (value) => {
        const plain = outcome(() => reader.decimalString(value, FIELD));
        if (plain !== 'refused') {
          expect(typeof value).toBe('string');
          expect(/^-?\d+(?:\.\d+)?$/.test(plain.value)).toBe(true);
          expect(
            withinSize(plain.value) &&
              engineReads(plain.value, 'any') &&
              withinLargest(plain.value),
          ).toBe(true);
          expectUsable(plain.value);
        }
        const numeric = outcome(() => reader.numericDecimal(value, FIELD));
        if (numeric !== 'refused') {
          expect(typeof value === 'number' || plain !== 'refused').toBe(true);
          expect(/^-?\d+(?:\.\d+)?$/.test(numeric.value)).toBe(true);
          expect(withinLargest(numeric.value)).toBe(true);
          expectUsable(numeric.value);
        }
      }),
      RUNS,
    );
  });

  it('jsonNumber and integer never return a non-finite number', () => {
    fc.assert(
      fc.property(venueValue, (value) => {
        const json = outcome(() => reader.jsonNumber(value, FIELD));
        if (json !== 'refused') {
          expect(typeof value).toBe('number');
          expect(json.value.isFinite()).toBe(true);
          expect(json.value.abs().lte(PORTFOLIO_LIMITS.largestFigure)).toBe(true);
        }
        const whole = outcome(() => reader.integer(value, FIELD));
        if (whole !== 'refused') expect(Number.isSafeInteger(whole.value)).toBe(true);
      }),
      RUNS,
    );
  });
});
