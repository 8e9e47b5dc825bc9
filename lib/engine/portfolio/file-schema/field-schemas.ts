import Decimal from 'decimal.js';
import * as v from 'valibot';

/**
 * The portfolio file's leaf fields as valibot schemas (DESIGN.md §4). Each message says what was
 * expected and what came (`must be a positive decimal (a string such as "1.5"), got "twelve"`);
 * the place (account, position, field) is put in front of it from the issue's path
 * (portfolio-problems.ts).
 */

/** A value as a message shows it: short, never the whole of a large value. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Which decimals a field takes: any, > 0, or ≥ 0. */
export const DecimalSign = {
  any: 'any',
  positive: 'positive',
  nonNegative: 'nonNegative',
} as const;
export type DecimalSign = (typeof DecimalSign)[keyof typeof DecimalSign];

// The decimal grammar (after trimming): optional sign, digits with an optional point (or a point
// and digits), optional exponent. "1", "1.", ".5", "-2.5e-3" pass; "", "1,5", "0x10", "Infinity",
// "5%" do not.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function readDecimal(value: string | number): Decimal | undefined {
  if (typeof value === 'string') {
    const text = value.trim();
    return DECIMAL.test(text) ? new Decimal(text) : undefined;
  }
  // A JSON number is read through its shortest decimal form, never through binary arithmetic.
  return Number.isFinite(value) ? new Decimal(String(value)) : undefined;
}

const SIGN_OK: Readonly<Record<DecimalSign, (value: Decimal) => boolean>> = {
  any: () => true,
  positive: (value) => value.gt(0),
  nonNegative: (value) => value.gte(0),
};

const SIGN_WORDS: Readonly<Record<DecimalSign, string>> = {
  any: 'a decimal',
  positive: 'a positive decimal',
  nonNegative: 'a decimal ≥ 0',
};

/**
 * A decimal amount, read with decimal.js into a `Decimal`. `positive` refuses zero and
 * negatives; `nonNegative` refuses negatives.
 *
 * The file's type says string: writers (the venue adapters, exports) write money as decimal
 * strings, exact as the venue sent them (DESIGN.md §3). A JSON number is read too, through its
 * shortest decimal form, so that a hand-written `"contracts": 0.5` is not refused; the input type
 * does not advertise it.
 */
export function decimalField(sign: DecimalSign = DecimalSign.any) {
  const message = (input: unknown) =>
    `must be ${SIGN_WORDS[sign]} (a string such as "1.5"), got ${describe(input)}`;
  return v.pipe(
    v.custom<string>(
      (input) => typeof input === 'string' || typeof input === 'number',
      (issue) => message(issue.input),
    ),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const parsed = readDecimal(dataset.value);
      if (parsed !== undefined && SIGN_OK[sign](parsed)) return parsed;
      addIssue({ message: message(dataset.value) });
      return NEVER;
    }),
  );
}

/** Bounds of a number field; `exclusiveMin` makes `min` itself refused. */
export interface NumberRange {
  readonly min?: number;
  readonly max?: number;
  readonly exclusiveMin?: boolean;
  readonly integer?: boolean;
}

/** A finite JSON number within the range (an integer when `integer` is set). */
export function numberField(range: NumberRange = {}) {
  const bounds = [
    range.integer ? 'an integer' : 'a number',
    range.min !== undefined ? `${range.exclusiveMin ? '>' : '≥'} ${range.min}` : '',
    range.max !== undefined ? `≤ ${range.max}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return v.custom<number>(
    (input) =>
      typeof input === 'number' &&
      Number.isFinite(input) &&
      (!range.integer || Number.isInteger(input)) &&
      (range.min === undefined || (range.exclusiveMin ? input > range.min : input >= range.min)) &&
      (range.max === undefined || input <= range.max),
    (issue) => `must be ${bounds}, got ${describe(issue.input)}`,
  );
}

/** A string with something in it other than spaces. */
export function textField() {
  return v.custom<string>(
    (input) => typeof input === 'string' && input.trim() !== '',
    (issue) => `must be a non-empty string, got ${describe(issue.input)}`,
  );
}

/** A time as `Date.parse` reads it (ISO-8601: "2026-11-24T12:00:00Z" or "2026-11-24"). */
export function isoTimeField() {
  return v.pipe(
    textField(),
    v.check(
      (text) => !Number.isNaN(Date.parse(text)),
      (issue) => `must be an ISO-8601 time, got "${String(issue.input)}"`,
    ),
  );
}

/** One of a fixed set of strings. */
export function choiceField<const TOptions extends readonly [string, ...string[]]>(
  options: TOptions,
) {
  const listed = options.map((option) => `"${option}"`).join(', ');
  return v.picklist(options, (issue) => `must be one of ${listed}, got ${describe(issue.input)}`);
}
