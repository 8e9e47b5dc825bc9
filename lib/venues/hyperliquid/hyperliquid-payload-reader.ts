import { BadResponse } from 'ccxt-src/base/errors.js';
import Decimal from 'decimal.js';

/**
 * Reads fields out of a Hyperliquid info answer, naming the request, the place and the field of
 * anything that is not what the info endpoint documents
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint).
 *
 * Hyperliquid sends money and sizes as decimal strings: they are checked with decimal.js and kept
 * as sent. Leverage figures are JSON numbers (`leverage.value`, `maxLeverage`); numeric strings
 * are accepted for them too, as older answers and ccxt's examples carry them. Problems are
 * thrown as ccxt's `BadResponse`, reported as a malformed response.
 */
export class HyperliquidPayloadReader {
  constructor(private readonly request: string) {}

  fail(where: string, problem: string): never {
    throw new BadResponse(`hyperliquid POST /info ${this.request}: ${where}: ${problem}`);
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

  /** A decimal-string field, returned as sent along with its value. */
  decimal(
    record: Record<string, unknown>,
    field: string,
    where: string,
  ): { readonly text: string; readonly value: Decimal } {
    const text = record[field];
    if (typeof text === 'string' && /^-?\d+(\.\d+)?$/.test(text))
      return { text, value: new Decimal(text) };
    return this.fail(
      `${where} ${field}`,
      `expected a decimal number in a string, got ${describe(text)}`,
    );
  }

  /** A whole positive number (leverage), sent as a JSON number or a numeric string. */
  leverage(record: Record<string, unknown>, field: string, where: string): number {
    const raw = record[field];
    const value = typeof raw === 'string' && /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
      this.fail(`${where} ${field}`, `expected a positive number, got ${describe(raw)}`);
    return value;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
