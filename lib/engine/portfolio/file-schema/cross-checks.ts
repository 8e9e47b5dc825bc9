import type * as v from 'valibot';
import { UNKNOWN_FIELD } from './file-object';

/**
 * Helpers for checks across fields (valibot `rawCheck`), which run even when some fields of the
 * object failed, so that one pass reports every problem: a check reads only the fields that
 * passed their own schemas, exactly as a field-by-field reader would.
 */

/** A path below the checked object: field names and array indices. */
export type FieldPath = readonly (string | number)[];

/**
 * Whether the field at `path` (relative to the checked object) and everything under it passed:
 * no issue sits at it, under it, or at one of its parents. A field the file should not have
 * (file-object.ts) leaves the fields beside it valid.
 */
export function passed(dataset: v.OutputDataset<unknown, v.BaseIssue<unknown>>, path: FieldPath) {
  if (!dataset.issues) return true;
  return !dataset.issues.some((issue) => {
    if (issue.expected === UNKNOWN_FIELD) return false;
    const issuePath = issue.path ?? [];
    const common = Math.min(issuePath.length, path.length);
    for (let index = 0; index < common; index++)
      if (issuePath[index]?.key !== path[index]) return false;
    return true;
  });
}

/**
 * The checked object's fields as its schema's output, or undefined when it is not an object at
 * all (its own problem is then reported and there is nothing to check across).
 */
export function objectOf<T extends object>(
  dataset: v.OutputDataset<unknown, v.BaseIssue<unknown>>,
): Partial<T> | undefined {
  return isRecord(dataset.value) ? (dataset.value as Partial<T>) : undefined;
}

/**
 * The path items of a problem at `path` below `root` (the checked object's output), for
 * `addIssue({ path })`: object fields and array items, with their values, so that the problem's
 * place reads like any other (`positions[1] "ETH/USDT:USDT" symbol`). With `entry`, the place
 * ends at a named entry of the collection at `path` (`positions "BTC/USDT:USDT"`: the legs of one
 * symbol), written in quotes like a map key.
 */
export function pathTo(
  root: unknown,
  path: FieldPath,
  entry?: string,
): [v.IssuePathItem, ...v.IssuePathItem[]] {
  const items: v.IssuePathItem[] = [];
  let input: unknown = root;
  for (const key of path) {
    if (typeof key === 'number' && Array.isArray(input)) {
      const value: unknown = input[key];
      items.push({ type: 'array', origin: 'value', input, key, value });
      input = value;
    } else {
      const record = isRecord(input) ? input : {};
      const value = record[String(key)];
      items.push({ type: 'object', origin: 'value', input: record, key: String(key), value });
      input = value;
    }
  }
  if (entry !== undefined)
    items.push({ type: 'object', origin: 'key', input: {}, key: entry, value: input });
  const [first, ...rest] = items;
  if (!first) throw new RangeError('pathTo requires a path or an entry');
  return [first, ...rest];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
