import Decimal from 'decimal.js';

/**
 * Strict reading of venues' public market-data payloads. A payload that does not have the
 * documented shape raises {@link MalformedPayload}, naming the endpoint and the field (e.g.
 * `GET /fapi/v1/premiumIndex [3].indexPrice`) and what was found; nothing is skipped silently.
 * Money is read with decimal.js from the venue's own text (strings on Binance; JSON numbers on
 * Deribit, read through their shortest decimal rendering). Messages never carry request URLs.
 */
export class MalformedPayload extends Error {
  readonly endpoint: string;
  readonly field: string;

  constructor(endpoint: string, field: string, problem: string) {
    super(`${endpoint} ${field}: ${problem}`);
    this.name = 'MalformedPayload';
    this.endpoint = endpoint;
    this.field = field;
  }
}

/** A short, safe rendering of an unexpected value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

const DECIMAL_STRING = /^-?\d+(\.\d+)?$/;

/** A decimal string as the venue sent it (Binance sends prices and rates as strings). */
export function readDecimalString(
  endpoint: string,
  field: string,
  value: unknown,
  sign: 'any' | 'positive' = 'any',
): Decimal {
  if (typeof value !== 'string' || !DECIMAL_STRING.test(value))
    throw new MalformedPayload(
      endpoint,
      field,
      `expected a decimal string, got ${describeValue(value)}`,
    );
  const decimal = new Decimal(value);
  if (sign === 'positive' && !(decimal.isPositive() && !decimal.isZero()))
    throw new MalformedPayload(endpoint, field, `expected a positive number, got "${value}"`);
  return decimal;
}

/** A JSON number as the venue sent it (Deribit sends numbers), read into a Decimal. */
export function readNumber(
  endpoint: string,
  field: string,
  value: unknown,
  sign: 'any' | 'positive' = 'any',
): Decimal {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new MalformedPayload(endpoint, field, `expected a number, got ${describeValue(value)}`);
  if (sign === 'positive' && !(value > 0))
    throw new MalformedPayload(endpoint, field, `expected a positive number, got ${value}`);
  return new Decimal(value);
}

/** A millisecond timestamp (an integer). */
export function readTimestamp(endpoint: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new MalformedPayload(
      endpoint,
      field,
      `expected a millisecond timestamp, got ${describeValue(value)}`,
    );
  return value;
}

export function readString(endpoint: string, field: string, value: unknown): string {
  if (typeof value !== 'string' || value === '')
    throw new MalformedPayload(endpoint, field, `expected a string, got ${describeValue(value)}`);
  return value;
}

export function readArray(endpoint: string, field: string, value: unknown): readonly unknown[] {
  if (!Array.isArray(value))
    throw new MalformedPayload(endpoint, field, `expected an array, got ${describeValue(value)}`);
  return value;
}

export function readObject(
  endpoint: string,
  field: string,
  value: unknown,
): Readonly<Record<string, unknown>> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new MalformedPayload(endpoint, field, `expected an object, got ${describeValue(value)}`);
  return value as Record<string, unknown>;
}
