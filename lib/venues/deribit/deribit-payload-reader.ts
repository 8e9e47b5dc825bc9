import { BadResponse } from 'ccxt-src/base/errors.js';
import Decimal from 'decimal.js';

/**
 * Reads fields out of a Deribit JSON-RPC payload, naming the endpoint, the place and the field of
 * anything that is not what Deribit's API reference documents
 * (https://docs.deribit.com/api-reference).
 *
 * Deribit sends money as JSON numbers, not strings. A number is turned into a Decimal from its
 * shortest round-trip form (what `String(number)` gives), which is the text Deribit sent for any
 * figure of up to 17 significant digits: its figures carry at most 9 decimals. Problems are thrown
 * as ccxt's `BadResponse`, which the connection layer reports as a malformed response.
 */
export class DeribitPayloadReader {
  constructor(private readonly endpoint: string) {}

  fail(where: string, problem: string): never {
    throw new BadResponse(`deribit ${this.endpoint}: ${where}: ${problem}`);
  }

  /** The `result` of a JSON-RPC response. */
  result(response: unknown): unknown {
    const envelope = this.object(response, 'response');
    if (!('result' in envelope)) this.fail('response', 'has no "result"');
    return envelope.result;
  }

  object(value: unknown, where: string): Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      this.fail(where, `expected an object, got ${describe(value)}`);
    return value as Record<string, unknown>;
  }

  array(value: unknown, where: string): readonly unknown[] {
    if (!Array.isArray(value)) this.fail(where, `expected a list, got ${describe(value)}`);
    return value;
  }

  string(record: Record<string, unknown>, field: string, where: string): string {
    const value = record[field];
    if (typeof value !== 'string' || value === '')
      this.fail(`${where} ${field}`, `expected a text, got ${describe(value)}`);
    return value;
  }

  /** A required number field. */
  decimal(record: Record<string, unknown>, field: string, where: string): Decimal {
    const value = record[field];
    if (typeof value !== 'number' || !Number.isFinite(value))
      this.fail(`${where} ${field}`, `expected a number, got ${describe(value)}`);
    return new Decimal(String(value));
  }

  /** A required number field that must be above zero (prices, sizes). */
  positive(record: Record<string, unknown>, field: string, where: string): Decimal {
    const value = this.decimal(record, field, where);
    if (!value.gt(0)) this.fail(`${where} ${field}`, `must be above zero, got ${value.toFixed()}`);
    return value;
  }

  /** A number field that Deribit adds only in some cases: undefined when absent or null. */
  optionalDecimal(
    record: Record<string, unknown>,
    field: string,
    where: string,
  ): Decimal | undefined {
    const value = record[field];
    if (value === undefined || value === null) return undefined;
    return this.decimal(record, field, where);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
