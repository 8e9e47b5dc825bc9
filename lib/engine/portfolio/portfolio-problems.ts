import type * as v from 'valibot';
import { UNKNOWN_FIELD } from './file-schema/file-object';

/**
 * The problems of a portfolio file as people read them: each issue of the file's schema becomes
 * `<place>: <message>`, the place written from the issue's path as the file names things —
 * `accounts[0] "binance-main" positions[1] "ETH/USDT:USDT" contracts`, `market prices BTC`,
 * `tierTables[2] "SOL/USDT:USDT" tiers[0] maxLeverage`, `portfolio` for the file itself. Items of
 * `accounts`, `positions`, `tierTables` and `collateralTables` are named by their id, symbol or
 * asset when they have one; map keys that are wrong themselves are quoted
 * (`market correlations "BTC-ETH"`).
 *
 * Order: by section of the file and item within it (`accounts[0]` before `accounts[1]`); within
 * an item, the fields it should not have first (a misspelt field often explains a missing one),
 * then by place, fields in the schema's order and array items by index; problems of a
 * collection as a whole (one symbol twice) after those of its items.
 */
export function portfolioProblems(
  issues: readonly v.BaseIssue<unknown>[],
  schema: v.GenericSchema,
): string[] {
  return issues
    .map((issue, index) => ({ issue, index, rank: rankOf(issue, schema) }))
    .sort((a, b) => compareRanks(a.rank, b.rank) || a.index - b.index)
    .map(({ issue }) => `${placeOf(issue)}: ${issue.message}`);
}

/** What an array's items are called by, where they have a name. */
const ITEM_NAMES: Readonly<Record<string, string>> = {
  accounts: 'id',
  positions: 'symbol',
  tierTables: 'symbol',
  collateralTables: 'asset',
};

function placeOf(issue: v.BaseIssue<unknown>): string {
  const parts: string[] = [];
  let parentKey = '';
  for (const item of issue.path ?? []) {
    if (item.type === 'array') {
      const name = nameOf(item.value, ITEM_NAMES[parentKey]);
      const label = name === undefined ? '' : ` "${name}"`;
      parts.push(`${parts.pop() ?? ''}[${String(item.key)}]${label}`);
      continue;
    }
    const key = String(item.key);
    // A map key that is wrong itself, or an entry named by its key, reads in quotes; a missing
    // field (the object's own issue about a key) reads as the field; a key that is empty or
    // starts or ends with a space is quoted wherever it is, so that every place can be seen.
    const quoted =
      (item.origin === 'key' && issue.kind !== 'schema') || key === '' || key.trim() !== key;
    parts.push(quoted ? `"${key}"` : key);
    parentKey = key;
  }
  return parts.length === 0 ? 'portfolio' : parts.join(' ');
}

/** Section, item, unknown-field flag (0 first), then the place below the item. */
function rankOf(issue: v.BaseIssue<unknown>, schema: v.GenericSchema): number[] {
  const places = placeRanks(issue.path ?? [], schema);
  const [section = -1, item = -1, ...below] = places;
  return [section, item, issue.expected === UNKNOWN_FIELD ? 0 : 1, ...below];
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/**
 * Each path item's rank among its siblings: an array item its index; a field its place among
 * the object's fields (-1 for a field the object does not have); a map entry 0 (kept in the
 * order found); a named entry of a collection (`positions "BTC/USDT:USDT"`) after its items.
 */
function placeRanks(path: readonly v.IssuePathItem[], root: v.GenericSchema): number[] {
  const ranks: number[] = [];
  let schema: unknown = root;
  for (const item of path) {
    const shape = structureOf(schema);
    if (item.type === 'array' && typeof item.key === 'number') {
      ranks.push(item.key);
      schema = shape?.item;
    } else if (shape?.item !== undefined) {
      ranks.push(Number.MAX_SAFE_INTEGER);
      schema = undefined;
    } else if (shape?.entries !== undefined) {
      const fields = Object.keys(shape.entries);
      ranks.push(fields.indexOf(String(item.key)));
      schema = shape.entries[String(item.key)];
    } else {
      ranks.push(0);
      schema = shape?.value;
    }
  }
  return ranks;
}

interface Structure {
  readonly entries?: Readonly<Record<string, unknown>>;
  readonly item?: unknown;
  readonly value?: unknown;
}

/** The object, array or map a schema describes, through pipes and optional or nullable wrappers. */
function structureOf(schema: unknown): Structure | undefined {
  if (!isRecord(schema)) return undefined;
  if (isRecord(schema.entries)) return { entries: schema.entries };
  if (schema.type === 'array') return { item: schema.item };
  if (schema.type === 'record') return { value: schema.value };
  if (schema.wrapped !== undefined) return structureOf(schema.wrapped);
  if (!Array.isArray(schema.pipe)) return undefined;
  for (const item of schema.pipe) {
    const structure = structureOf(item);
    if (structure) return structure;
  }
  return undefined;
}

/**
 * An item's name: its name field as the file gives it, or — for problems found across fields,
 * after the symbol was read — the symbol of the instrument read from it.
 */
function nameOf(item: unknown, field: string | undefined): string | undefined {
  if (field === undefined || !isRecord(item)) return undefined;
  const value = item[field];
  if (typeof value === 'string') return value;
  return isRecord(value) && typeof value.symbol === 'string' ? value.symbol : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
