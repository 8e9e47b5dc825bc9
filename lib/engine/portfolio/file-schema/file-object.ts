import * as v from 'valibot';
import { describe } from './field-schemas';

/**
 * The portfolio file's containers as valibot schemas: objects with exactly the fields they name,
 * arrays, and maps keyed by asset. A missing field gets the field's own message ("must be a
 * positive decimal …, got nothing"); a field the object does not have is a problem that names it
 * and lists the fields it does have (a misspelt field would otherwise be skipped silently).
 */

/** `expected` of an unknown-field issue, so the problems can list those first (portfolio-problems.ts). */
export const UNKNOWN_FIELD = 'a known field';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How an object names a field it does not have, e.g. "is not a position field; use symbol, …". */
export interface UnknownFieldWords {
  /** "a position field", "an account figure". */
  readonly what: string;
  /** The word before the last field listed: "or" (default) or "and". */
  readonly lastJoin?: 'or' | 'and';
}

function listFields(fields: readonly string[], lastJoin: 'or' | 'and'): string {
  if (fields.length < 2) return fields.join('');
  return `${fields.slice(0, -1).join(', ')} ${lastJoin} ${fields.at(-1) ?? ''}`;
}

/**
 * An object with the given fields and no others. Its input and output types are exactly the
 * entries' (no index signature); at run time a loose object keeps unknown fields in the output so
 * that the check after it can name them.
 */
export function fileObject<const TEntries extends v.ObjectEntries>(
  entries: TEntries,
  unknown: UnknownFieldWords,
) {
  const known = Object.keys(entries);
  const unknownMessage = `is not ${unknown.what}; use ${listFields(known, unknown.lastJoin ?? 'or')}`;
  return v.pipe(
    v.custom<v.InferInput<v.ObjectSchema<TEntries, undefined>>>(
      isPlainObject,
      (issue) => `must be an object, got ${describe(issue.input)}`,
    ),
    // Typed as the exact object: a file whose objects carry unknown fields never parses.
    v.looseObject(entries, (issue) =>
      missingFieldMessage(entries, issue),
    ) as unknown as v.ObjectSchema<TEntries, undefined>,
    v.rawCheck(({ dataset, addIssue }) => {
      if (!isPlainObject(dataset.value)) return;
      const object = dataset.value;
      for (const key of Object.keys(object)) {
        if (Object.hasOwn(entries, key)) continue;
        const near = known.find((field) => field.toLowerCase() === key.toLowerCase());
        addIssue({
          message:
            near === undefined ? unknownMessage : `is not ${unknown.what}; did you mean ${near}?`,
          expected: UNKNOWN_FIELD,
          path: [{ type: 'object', origin: 'value', input: object, key, value: object[key] }],
        });
      }
    }),
  );
}

/** A missing field reads as the field given as nothing: its own message, "…, got nothing". */
function missingFieldMessage(entries: v.ObjectEntries, issue: v.BaseIssue<unknown>): string {
  const key = issue.path?.at(-1)?.key;
  const schema = typeof key === 'string' ? entries[key] : undefined;
  const message = schema ? v.safeParse(schema, undefined).issues?.[0]?.message : undefined;
  return message ?? 'is required';
}

/** An array whose items each follow `item`. */
export function fileArray<const TItem extends v.GenericSchema>(item: TItem) {
  return v.array(item, (issue) => `must be an array, got ${describe(issue.input)}`);
}

/** A cap on an array (portfolio-limits.ts): what is counted, the most allowed, the refusal. */
export interface FileArrayLimit {
  /** The items themselves (`items.length`) or something inside them (every account's positions). */
  readonly count: (items: readonly unknown[]) => number;
  readonly most: number;
  /** The refusal for `count` items, e.g. "the account has 201 positions; at most 200 are read". */
  readonly refusal: (count: number) => string;
}

/**
 * An array whose items each follow `item`, refused as a whole, before any item is read, when it
 * is over one of `limits`: a file far over a cap costs a count, not a validation of every item.
 */
export function limitedFileArray<const TItem extends v.GenericSchema>(
  item: TItem,
  limits: readonly FileArrayLimit[],
) {
  const array = fileArray(item);
  return v.pipe(
    v.custom<v.InferInput<typeof array>>(
      Array.isArray,
      (issue) => `must be an array, got ${describe(issue.input)}`,
    ),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!Array.isArray(dataset.value)) return;
      const items: readonly unknown[] = dataset.value;
      for (const limit of limits) {
        const count = limit.count(items);
        if (count > limit.most) addIssue({ message: limit.refusal(count) });
      }
    }),
    // A refusal above stops the pipe here (valibot runs no schema after an issue).
    array,
  );
}

/**
 * A map from a key (an asset, a pair) to values that each follow `value`, e.g. `market.prices`.
 * Keys that fail `key` are named in quotes (`market correlations "BTC-ETH": …`).
 */
export function fileRecord<
  const TKey extends v.GenericSchema<string, string | number | symbol>,
  const TValue extends v.GenericSchema,
>(key: TKey, value: TValue) {
  return v.pipe(
    v.custom<Record<v.InferInput<TKey> & string, v.InferInput<TValue>>>(
      isPlainObject,
      (issue) => `must be an object, got ${describe(issue.input)}`,
    ),
    v.record(key, value),
  );
}
