import Decimal from 'decimal.js';
import * as v from 'valibot';
import { DECIMAL_STRING } from '../../math/decimal-string';
import { decimalStringSizeProblem } from '../../math/decimal-string-size';
import { PORTFOLIO_LIMITS } from '../portfolio-limits';

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

/**
 * A decimal as the file writes it: a string of the shared decimal grammar
 * (math/decimal-string.ts, after trimming) or a finite JSON number, as text; undefined for
 * anything else. A JSON number is read through its shortest decimal form, never through binary
 * arithmetic.
 */
function decimalText(value: string | number): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  const text = value.trim();
  return DECIMAL_STRING.test(text) ? text : undefined;
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

const LARGEST = new Decimal(PORTFOLIO_LIMITS.largestFigure);
const SMALLEST_POSITIVE = new Decimal(PORTFOLIO_LIMITS.smallestPositiveFigure);

/**
 * Why a decimal text is outside a portfolio figure's bounds, or undefined: the shared size bound
 * (math/decimal-string-size.ts: at most 40 digits, an exponent within ±30) on the text, then the
 * file's range on the value (portfolio-limits.ts): at most `largestFigure` in size, and for a
 * field that must be positive (prices, sizes: the engine divides by them) at least
 * `smallestPositiveFigure`.
 */
function boundsProblem(text: string, value: Decimal, sign: DecimalSign): string | undefined {
  const size = decimalStringSizeProblem(text);
  if (size !== undefined) return `it ${size}`;
  if (value.abs().gt(LARGEST))
    return `it is larger than ${PORTFOLIO_LIMITS.largestFigure.toExponential()} in size, the largest figure a portfolio file holds`;
  if (sign === DecimalSign.positive && value.lt(SMALLEST_POSITIVE))
    return `it is below ${PORTFOLIO_LIMITS.smallestPositiveFigure.toExponential()}, the smallest positive figure a portfolio file holds`;
  return undefined;
}

function decimalSchema(sign: DecimalSign, bounded: boolean) {
  const message = (input: unknown) =>
    `must be ${SIGN_WORDS[sign]} (a string such as "1.5"), got ${describe(input)}`;
  return v.pipe(
    v.custom<string>(
      (input) => typeof input === 'string' || typeof input === 'number',
      (issue) => message(issue.input),
    ),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const text = decimalText(dataset.value);
      const parsed = text === undefined ? undefined : new Decimal(text);
      if (text === undefined || parsed === undefined || !SIGN_OK[sign](parsed)) {
        addIssue({ message: message(dataset.value) });
        return NEVER;
      }
      const problem = bounded ? boundsProblem(text, parsed, sign) : undefined;
      if (problem === undefined) return parsed;
      addIssue({ message: `${message(dataset.value)}: ${problem}` });
      return NEVER;
    }),
  );
}

/**
 * A decimal of the shared grammar, read with decimal.js into a `Decimal`, with no bound on its
 * size: the text form the venue readers agree with (lib/venues/api/payload-reader.ts, whose
 * fuzz test compares the two). The file's fields are {@link figureField}s. `positive` refuses
 * zero and negatives; `nonNegative` refuses negatives.
 */
export function decimalField(sign: DecimalSign = DecimalSign.any) {
  return decimalSchema(sign, false);
}

/**
 * A portfolio figure: a {@link decimalField} within the shared size bound and the file's range
 * (portfolio-limits.ts `largestFigure`, and `smallestPositiveFigure` for a positive field), so
 * that no figure the engine derives from the file can overflow to ±Infinity or NaN. Cost: one
 * pass over the text.
 *
 * The file's type says string: writers (the venue adapters, exports) write money as decimal
 * strings, exact as the venue sent them (DESIGN.md §3). A JSON number is read too, through its
 * shortest decimal form, so that a hand-written `"contracts": 0.5` is not refused; the input type
 * does not advertise it.
 */
export function figureField(sign: DecimalSign = DecimalSign.any) {
  return decimalSchema(sign, true);
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
