import { BadResponse } from 'ccxt-src/base/errors.js';
import Decimal from 'decimal.js';

/**
 * Reads fields out of one Binance response, strictly: a field that is missing or of the wrong
 * type throws ccxt's `BadResponse` naming the venue, the endpoint and the field
 * (`binanceusdm GET /fapi/v3/positionRisk: [0] "BTCUSDT" positionAmt must be a decimal string,
 * got nothing`), which classifyConnectionError reports as a malformed response. Nothing is
 * defaulted or skipped.
 *
 * Money stays a decimal string exactly as the venue sent it; decimal.js only checks it. Binance
 * sends money as strings, but its bracket tables as JSON numbers: those are written back as plain
 * decimal strings (`0.0065` → "0.0065"; JavaScript's shortest round-trip form of the parsed
 * number, which is the JSON text for every bracket value Binance publishes).
 *
 * Messages never quote objects (a `{` would be taken for a venue error body by venueErrorCode)
 * and never contain request URLs or keys.
 */
export type SignRule = 'any' | 'positive' | 'nonNegative';

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

export class PayloadReader {
  constructor(
    readonly venue: string,
    readonly endpoint: string,
  ) {}

  /** Throws the BadResponse for `field`. */
  fail(field: string, problem: string): never {
    throw new BadResponse(`${this.venue} ${this.endpoint}: ${field} ${problem}`);
  }

  object(value: unknown, field: string): Record<string, unknown> {
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
    return this.fail(field, `must be an object, got ${describe(value)}`);
  }

  array(value: unknown, field: string): readonly unknown[] {
    if (Array.isArray(value)) return value;
    return this.fail(field, `must be a list, got ${describe(value)}`);
  }

  string(value: unknown, field: string): string {
    if (typeof value === 'string' && value !== '') return value;
    return this.fail(field, `must be a non-empty string, got ${describe(value)}`);
  }

  boolean(value: unknown, field: string): boolean {
    if (typeof value === 'boolean') return value;
    return this.fail(field, `must be true or false, got ${describe(value)}`);
  }

  /** A decimal sent as a string (Binance's money fields), returned exactly as sent. */
  decimal(value: unknown, field: string, sign: SignRule = 'any'): string {
    if (typeof value !== 'string' || !DECIMAL.test(value))
      return this.fail(field, `must be a decimal string, got ${describe(value)}`);
    this.checkSign(new Decimal(value), field, sign, value);
    return value;
  }

  /** A decimal sent as a JSON number (or a numeric string), returned as a plain decimal string. */
  numericDecimal(value: unknown, field: string, sign: SignRule = 'any'): string {
    let parsed: Decimal | undefined;
    if (typeof value === 'number' && Number.isFinite(value)) parsed = new Decimal(String(value));
    else if (typeof value === 'string' && DECIMAL.test(value)) parsed = new Decimal(value);
    if (parsed === undefined) return this.fail(field, `must be a number, got ${describe(value)}`);
    this.checkSign(parsed, field, sign, parsed.toFixed());
    return parsed.toFixed();
  }

  /** A whole number sent as a JSON number or a numeric string (leverage). */
  integer(value: unknown, field: string, min: number): number {
    const parsed =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && /^\d+$/.test(value)
          ? Number(value)
          : Number.NaN;
    if (Number.isInteger(parsed) && parsed >= min) return parsed;
    return this.fail(field, `must be a whole number ≥ ${min}, got ${describe(value)}`);
  }

  private checkSign(parsed: Decimal, field: string, sign: SignRule, text: string): void {
    if (sign === 'positive' && !parsed.gt(0)) this.fail(field, `must be positive, got "${text}"`);
    if (sign === 'nonNegative' && parsed.lt(0)) this.fail(field, `must be ≥ 0, got "${text}"`);
  }
}

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
