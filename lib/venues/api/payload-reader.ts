import { BadResponse } from 'ccxt-src/base/errors.js';
import Decimal from 'decimal.js';
import { DECIMAL_STRING } from '../../engine/math/decimal-string';
import {
  decimalStringSizeProblem,
  MAX_DECIMAL_DIGITS,
} from '../../engine/math/decimal-string-size';
import { PORTFOLIO_LIMITS } from '../../engine/portfolio/portfolio-limits';

/**
 * Reads one venue response field by field and fails loudly: every problem is a ccxt
 * `BadResponse` (so classifyConnectionError calls it a malformed response) whose message names
 * the venue, the endpoint and the field, e.g.
 * `bybit GET /v5/position/list: list[2] "BTCUSDT" avgPrice "abc" is not a decimal number`.
 * Nothing is defaulted or skipped. Every venue adapter and the public market-data readers use it.
 *
 * Money, as each venue's documentation types it:
 * - {@link decimal}: a decimal number as a JSON string of the engine's decimal grammar
 *   (lib/engine/math/decimal-string.ts: the portfolio file reads the same texts, so what a venue
 *   reader passes on the engine can read; "0x10", "1_0" or "Infinity" are refused here, as a
 *   malformed response naming the field), or a JSON number (Bybit, OKX); returned exactly as
 *   sent (a number as its shortest round-trip text);
 * - {@link decimalString}: a plain decimal string, digits with an optional `-` and fraction
 *   (Binance's money fields, Hyperliquid's prices and sizes), a stricter form within the same
 *   grammar; returned exactly as sent;
 * - {@link numericDecimal}: a JSON number or a plain decimal string, written back as a plain
 *   decimal string (`0.0065` → "0.0065", `1e-7` → "0.0000001"; Binance's bracket tables,
 *   Hyperliquid's leverage figures);
 * - {@link jsonNumber}: a JSON number only (Deribit), as a Decimal made from its shortest
 *   round-trip text (what `String(number)` gives), which is the text the venue sent for any
 *   figure of up to 17 significant digits.
 * No value passes through a float on its way to the caller except {@link integer} and
 * {@link timestamp}, which are whole numbers by definition.
 *
 * Size: a decimal sent as text is refused when it has more than 40 digits or an exponent beyond
 * ±30 (lib/engine/math/decimal-string-size.ts): "1e-20000000" is short, but its plain form has
 * 20 million digits. A JSON number's text has at most 17 significant digits and an exponent
 * within −324…308, and a non-finite one is refused. Every figure, text or number, is then at
 * most the portfolio file's largest figure in size (1e18, lib/engine/portfolio/portfolio-limits.ts
 * `largestFigure`): a venue answer the engine would refuse as a file is refused here, as a
 * malformed response naming the field, not passed on to fail the whole account later (issue 13,
 * review finding f). Unlike the portfolio file, venue text is not trimmed: a number with spaces
 * around it is malformed.
 *
 * Messages quote the offending value (venue data, never a key or a signature: adapters pass
 * response bodies only), cut at 40 characters, and never an object's text: a `{` in a message
 * would be taken for a venue's error body by venueErrorCode (connection-problem.ts), so objects
 * and lists are named, not quoted, and braces inside strings are shown as `?`.
 */
export type SignRule = 'any' | 'positive' | 'nonNegative';

/**
 * A plain decimal: optional minus, digits, optional fraction (no exponent, no `+`, no bare
 * point); every plain decimal is a decimal string of the engine's grammar.
 */
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

export class PayloadReader {
  constructor(
    /** ccxt exchange id, e.g. `bybit`. */
    readonly venue: string,
    /** The request that answered, e.g. `GET /v5/position/list`. */
    readonly endpoint: string,
  ) {}

  /** Throws a `BadResponse` naming the venue, endpoint and field. */
  fail(where: string, problem: string): never {
    throw new BadResponse(`${this.venue} ${this.endpoint}: ${where} ${problem}`);
  }

  /** The `result` of a JSON-RPC 2.0 response (Deribit). */
  jsonRpcResult(response: unknown): unknown {
    const envelope = this.object(response, 'response');
    if (!('result' in envelope)) this.fail('response', 'has no "result"');
    return envelope.result;
  }

  object(value: unknown, where: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      this.fail(where, `must be an object, got ${describe(value)}`);
    return value as Record<string, unknown>;
  }

  array(value: unknown, where: string): readonly unknown[] {
    if (!Array.isArray(value)) this.fail(where, `must be a list, got ${describe(value)}`);
    return value;
  }

  /** A string field that must be present (it may be empty). */
  string(value: unknown, where: string): string {
    if (typeof value !== 'string') this.fail(where, `must be a string, got ${describe(value)}`);
    return value;
  }

  /** A string field that must be present and not empty. */
  text(value: unknown, where: string): string {
    const text = this.string(value, where);
    if (text === '') this.fail(where, 'must not be empty');
    return text;
  }

  boolean(value: unknown, where: string): boolean {
    if (typeof value !== 'boolean')
      this.fail(where, `must be true or false, got ${describe(value)}`);
    return value;
  }

  /**
   * A string of the form `form` (a pattern anchored at both ends, without the `g` flag), which
   * `expected` names in words for the message (`must be <expected>, got "…"`).
   */
  matching(value: unknown, form: RegExp, expected: string, where: string): string {
    if (typeof value !== 'string' || !form.test(value))
      this.fail(where, `must be ${expected}, got ${describe(value)}`);
    return value;
  }

  /** One of `allowed`, sent as a string (or as a JSON number whose text is allowed). */
  oneOf<T extends string>(value: unknown, allowed: readonly T[], where: string): T {
    const text = typeof value === 'number' ? String(value) : value;
    if (typeof text !== 'string' || !allowed.includes(text as T))
      this.fail(
        where,
        `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, got ${describe(value)}`,
      );
    return text as T;
  }

  /**
   * A decimal number as the venue wrote it (a JSON string, or a JSON number where the venue's
   * documentation types the field as a number). Returns the venue's own digits.
   */
  decimal(value: unknown, where: string, sign: SignRule = 'any'): string {
    if (typeof value === 'number' && Number.isFinite(value)) {
      const text = String(withoutDust(value));
      this.checkRange(new Decimal(text), value, where, sign);
      return text;
    }
    if (typeof value !== 'string' || value === '')
      this.fail(where, `must be a decimal number, got ${describe(value)}`);
    if (!DECIMAL_STRING.test(value)) this.fail(where, `${describe(value)} is not a decimal number`);
    this.checkRange(this.boundedDecimal(value, where), value, where, sign);
    return value;
  }

  /** Like {@link decimal}, but `""` (and an absent field) mean "not given" and return undefined. */
  optionalDecimal(value: unknown, where: string, sign: SignRule = 'any'): string | undefined {
    if (value === undefined || value === '') return undefined;
    return this.decimal(value, where, sign);
  }

  /** A plain decimal sent as a string (`"-0.500"`), returned exactly as sent. */
  decimalString(value: unknown, where: string, sign: SignRule = 'any'): string {
    if (typeof value !== 'string' || !PLAIN_DECIMAL.test(value))
      this.fail(where, `must be a decimal string, got ${describe(value)}`);
    this.checkRange(this.boundedDecimal(value, where), value, where, sign);
    return value;
  }

  /** A decimal sent as a JSON number or a plain decimal string, as a plain decimal string. */
  numericDecimal(value: unknown, where: string, sign: SignRule = 'any'): string {
    let parsed: Decimal | undefined;
    if (typeof value === 'number' && Number.isFinite(value))
      parsed = new Decimal(String(withoutDust(value)));
    else if (typeof value === 'string' && PLAIN_DECIMAL.test(value))
      parsed = this.boundedDecimal(value, where);
    if (parsed === undefined) this.fail(where, `must be a number, got ${describe(value)}`);
    this.checkRange(parsed, value, where, sign);
    return parsed.toFixed();
  }

  /** A decimal sent as a JSON number (Deribit), read into a Decimal from its shortest text. */
  jsonNumber(value: unknown, where: string, sign: SignRule = 'any'): Decimal {
    if (typeof value !== 'number' || !Number.isFinite(value))
      this.fail(where, `must be a number, got ${describe(value)}`);
    const parsed = new Decimal(String(withoutDust(value)));
    this.checkRange(parsed, value, where, sign);
    return parsed;
  }

  /** Like {@link jsonNumber}, for a field the venue adds only in some cases (absent or null). */
  optionalJsonNumber(value: unknown, where: string, sign: SignRule = 'any'): Decimal | undefined {
    if (value === undefined || value === null) return undefined;
    return this.jsonNumber(value, where, sign);
  }

  /** A whole number written as a JSON number or a string of digits, at least `min` if given. */
  integer(value: unknown, where: string, min?: number): number {
    const parsed =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && /^-?\d+$/.test(value)
          ? Number(value)
          : Number.NaN;
    if (!Number.isSafeInteger(parsed) || (min !== undefined && parsed < min))
      this.fail(
        where,
        `must be a whole number${min === undefined ? '' : ` ≥ ${min}`}, got ${describe(value)}`,
      );
    return parsed;
  }

  /** A time in milliseconds since the epoch, sent as a JSON number. */
  timestamp(value: unknown, where: string): number {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
      this.fail(where, `must be a millisecond timestamp, got ${describe(value)}`);
    return value;
  }

  /**
   * A figure computed from fields read (a difference, a sum, a ratio) as a plain decimal string,
   * refused like a field read when it is beyond the largest figure a portfolio holds in size:
   * `where` names the fields and how they were combined (`assets "BTC" maintMargin /
   * marginBalance`). Bounded fields still combine into unbounded figures ("1e18" − "-1e18",
   * 1 / "1e-30"), which the portfolio file would refuse for the whole account later (issue 13).
   * A tiny figure whose plain form has more than the file's 40 digits (a ratio of 1e-35) is
   * rounded to 40 digits, not refused: it is 0 for any purpose.
   */
  computed(value: Decimal, where: string): string {
    if (!value.isFinite() || value.abs().gt(LARGEST_FIGURE))
      this.fail(
        where,
        `gives ${value.toExponential(4)}, larger than ${PORTFOLIO_LIMITS.largestFigure.toExponential()} in size, the largest figure a portfolio holds`,
      );
    const text = value.toFixed();
    if (text.replace(/[^0-9]/g, '').length <= MAX_DECIMAL_DIGITS) return text;
    const integerDigits = value.abs().trunc().toFixed().length;
    return value.toDecimalPlaces(MAX_DECIMAL_DIGITS - integerDigits).toFixed();
  }

  /** A decimal string read into a Decimal, refused (naming field and value) when too large. */
  private boundedDecimal(decimalString: string, where: string): Decimal {
    const tooLarge = decimalStringSizeProblem(decimalString);
    if (tooLarge !== undefined) this.fail(where, `${describe(decimalString)} ${tooLarge}`);
    return new Decimal(decimalString);
  }

  /** At most {@link LARGEST_FIGURE} in size, then of the sign the field must have. */
  private checkRange(parsed: Decimal, value: unknown, where: string, sign: SignRule): void {
    if (parsed.abs().gt(LARGEST_FIGURE))
      this.fail(
        where,
        `${describe(value)} is larger than ${PORTFOLIO_LIMITS.largestFigure.toExponential()} in size, the largest figure a portfolio holds`,
      );
    if (sign === 'positive' && !parsed.gt(0))
      this.fail(where, `must be positive, got ${describe(value)}`);
    if (sign === 'nonNegative' && parsed.lt(0))
      this.fail(where, `must not be negative, got ${describe(value)}`);
  }
}

/** A short rendering of a value for an error message that cannot pass for a JSON body. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(shown.replace(/[{}]/g, '?'));
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : typeof value;
}

const LARGEST_FIGURE = new Decimal(PORTFOLIO_LIMITS.largestFigure);

/**
 * Below this a venue's JSON number is binary floating-point dust (Deribit sends e.g. a
 * maintenance margin of 4.44e-28 for an emptied position): read as 0. Written out in plain
 * form it would be 40-odd digits, past the portfolio file's bound, and refuse the account.
 */
const DUST = 1e-18;

function withoutDust(value: number): number {
  return Math.abs(value) < DUST ? 0 : value;
}
