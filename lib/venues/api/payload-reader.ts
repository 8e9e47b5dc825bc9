import { BadResponse } from 'ccxt-src/base/errors.js';
import Decimal from 'decimal.js';

/**
 * Reads one venue response field by field and fails loudly: every problem is a ccxt
 * `BadResponse` (so classifyConnectionError calls it a malformed response) whose message names
 * the venue, the endpoint and the field, e.g.
 * `bybit GET /v5/position/list: list[2] "BTCUSDT" avgPrice: "abc" is not a decimal number`.
 *
 * Money stays a decimal string exactly as the venue sent it: a value is checked with decimal.js
 * and returned as given, never through a float. Messages quote the offending value (venue data,
 * never a key or a signature: adapters pass response bodies only).
 */
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

  object(value: unknown, where: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      this.fail(where, `must be an object, got ${describe(value)}`);
    return value as Record<string, unknown>;
  }

  array(value: unknown, where: string): unknown[] {
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
  decimal(value: unknown, where: string, sign: 'any' | 'positive' | 'nonNegative' = 'any'): string {
    const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
    if (typeof text !== 'string' || text === '')
      this.fail(where, `must be a decimal number, got ${describe(value)}`);
    let parsed: Decimal;
    try {
      parsed = new Decimal(text);
    } catch {
      this.fail(where, `${describe(value)} is not a decimal number`);
    }
    if (!parsed.isFinite()) this.fail(where, `${describe(value)} is not a finite number`);
    if (sign === 'positive' && !parsed.gt(0))
      this.fail(where, `must be positive, got ${describe(value)}`);
    if (sign === 'nonNegative' && parsed.isNeg())
      this.fail(where, `must not be negative, got ${describe(value)}`);
    return text;
  }

  /** Like {@link decimal}, but `""` (and an absent field) mean "not given" and return undefined. */
  optionalDecimal(
    value: unknown,
    where: string,
    sign: 'any' | 'positive' | 'nonNegative' = 'any',
  ): string | undefined {
    if (value === undefined || value === '') return undefined;
    return this.decimal(value, where, sign);
  }

  /** A whole number written as a JSON number or a string of digits. */
  integer(value: unknown, where: string): number {
    const text = typeof value === 'number' ? String(value) : value;
    if (typeof text !== 'string' || !/^-?\d+$/.test(text))
      this.fail(where, `must be a whole number, got ${describe(value)}`);
    return Number(text);
  }
}

/** A short, safe rendering of a value for an error message. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
