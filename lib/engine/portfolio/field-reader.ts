import Decimal from 'decimal.js';

/**
 * Reads typed fields out of untrusted JSON, recording a problem (with the field's location)
 * instead of throwing, so that one pass reports every problem in a file.
 */
export class FieldReader {
  readonly problems: string[] = [];

  report(where: string, message: string): void {
    this.problems.push(`${where}: ${message}`);
  }

  object(value: unknown, where: string): Record<string, unknown> | undefined {
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
    this.report(where, `must be an object, got ${describe(value)}`);
    return undefined;
  }

  array(value: unknown, where: string): unknown[] | undefined {
    if (Array.isArray(value)) return value;
    this.report(where, `must be an array, got ${describe(value)}`);
    return undefined;
  }

  string(value: unknown, where: string): string | undefined {
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.report(where, `must be a non-empty string, got ${describe(value)}`);
    return undefined;
  }

  oneOf<T extends string>(value: unknown, allowed: readonly T[], where: string): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
      return value as T;
    this.report(
      where,
      `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, got ${describe(value)}`,
    );
    return undefined;
  }

  /** A finite number within [min, max]; integers only when `integer` is set. */
  number(
    value: unknown,
    where: string,
    range: { min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean } = {},
  ): number | undefined {
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (!range.integer || Number.isInteger(value)) &&
      (range.min === undefined || (range.exclusiveMin ? value > range.min : value >= range.min)) &&
      (range.max === undefined || value <= range.max);
    if (ok) return value;
    const bounds = [
      range.integer ? 'an integer' : 'a number',
      range.min !== undefined ? `${range.exclusiveMin ? '>' : '≥'} ${range.min}` : '',
      range.max !== undefined ? `≤ ${range.max}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    this.report(where, `must be ${bounds}, got ${describe(value)}`);
    return undefined;
  }

  /**
   * A decimal amount given as a string (preferred: exact) or a JSON number. `positive` rejects
   * zero and negatives; `nonNegative` rejects negatives.
   */
  decimal(
    value: unknown,
    where: string,
    sign: 'any' | 'positive' | 'nonNegative' = 'any',
  ): Decimal | undefined {
    let parsed: Decimal | undefined;
    if (typeof value === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.trim())) {
      parsed = new Decimal(value.trim());
    } else if (typeof value === 'number' && Number.isFinite(value)) {
      parsed = new Decimal(String(value));
    }
    const signOk =
      parsed !== undefined &&
      (sign === 'any' || (sign === 'positive' ? parsed.gt(0) : parsed.gte(0)));
    if (parsed !== undefined && signOk) return parsed;
    const expected =
      sign === 'positive'
        ? 'a positive decimal'
        : sign === 'nonNegative'
          ? 'a decimal ≥ 0'
          : 'a decimal';
    this.report(where, `must be ${expected} (a string such as "1.5"), got ${describe(value)}`);
    return undefined;
  }
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
