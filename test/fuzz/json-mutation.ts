import fc from 'fast-check';

/**
 * Fuzzing helpers shared by the `*.fuzz.test.ts` files: hostile JSON-ish values, near-valid
 * mutations of a valid fixture (one field at a random path replaced, removed, doubled into a deep
 * nest, or an extra key added), a walk that finds non-finite numbers in a result, and the time
 * limit that stands for "never hangs".
 */

/** Seeds: fixed, so a failure replays; one per property. */
export const FUZZ_RUNS = 10_000;

/** A case slower than this counts as a hang (synchronous code cannot be interrupted). */
export const MAX_CASE_MS = 250;

/** Values a venue or a page might send where a number, text or list is expected. */
export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    true,
    false,
    0,
    -0,
    -1,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    5e-324,
    '',
    ' ',
    ',',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e400000000',
    '1e-20000000',
    '-1e9000000000000001',
    '1e9000000000000001',
    '0x10',
    '0b11',
    '1_0',
    '１２',
    '-0',
    '00012',
    '1.',
    '.5',
    '+1',
    '9'.repeat(400),
    `0.${'0'.repeat(400)}1`,
    '__proto__',
    'constructor',
    'x'.repeat(5_000),
    [],
    {},
    { __proto__: null },
  ),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 30 }),
  fc.double().map(String),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
);

/** Nested arrays and objects `depth` deep around `inner`. */
export function deepNest(inner: unknown, depth: number, asArray: boolean): unknown {
  let value = inner;
  for (let i = 0; i < depth; i += 1) value = asArray ? [value] : { a: value };
  return value;
}

/** Arbitrary JSON-ish values: JSON itself plus the hostile scalars at any depth. */
export const jsonish: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 2, arbitrary: hostileScalar },
  {
    weight: 2,
    arbitrary: fc
      .letrec((tie) => ({
        node: fc.oneof(
          { depthSize: 'small', withCrossShrink: true },
          hostileScalar,
          fc.array(tie('node'), { maxLength: 4 }),
          fc.dictionary(fc.string({ maxLength: 12 }), tie('node'), { maxKeys: 4 }),
        ),
      }))
      .node.map((value) => value),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(hostileScalar, fc.integer({ min: 50, max: 1_000 }), fc.boolean())
      .map(([inner, depth, asArray]) => deepNest(inner, depth, asArray)),
  },
);

type Path = readonly (string | number)[];

/** Every path to a value inside `value` (the root is []), objects and arrays alike. */
export function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, index) => pathsOf(item, [...prefix, index], out));
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...prefix, key], out);
  return out;
}

/** How many paths {@link pathsOf} lists for `value`: its nodes, the root included. */
function nodeCount(value: unknown): number {
  let count = 1;
  if (Array.isArray(value)) value.forEach((item) => (count += nodeCount(item)));
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) count += nodeCount(item);
  return count;
}

/**
 * `pathsOf(value)[pick % pathsOf(value).length]` without listing every path: a deep nest of
 * 1,000 levels has 1,000 paths of up to 1,000 keys each, which made one mutation cost
 * milliseconds.
 */
export function pathAt(value: unknown, pick: number): Path {
  let remaining = pick % nodeCount(value);
  const path: (string | number)[] = [];
  const visit = (node: unknown): boolean => {
    if (remaining === 0) return true;
    remaining -= 1;
    const children: [string | number, unknown][] = [];
    if (Array.isArray(node)) node.forEach((item, index) => children.push([index, item]));
    else if (typeof node === 'object' && node !== null) children.push(...Object.entries(node));
    for (const [key, item] of children) {
      path.push(key);
      if (visit(item)) return true;
      path.pop();
    }
    return false;
  };
  visit(value);
  return path;
}

export type Mutation =
  | { readonly kind: 'replace'; readonly pick: number; readonly value: unknown }
  | { readonly kind: 'remove'; readonly pick: number }
  | {
      readonly kind: 'extraKey';
      readonly pick: number;
      readonly key: string;
      readonly value: unknown;
    }
  | {
      readonly kind: 'nest';
      readonly pick: number;
      readonly depth: number;
      readonly asArray: boolean;
    };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: jsonish }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('extraKey' as const),
      pick: fc.nat(),
      key: fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom('__proto__', 'constructor', 'type'),
      ),
      value: jsonish,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('nest' as const),
      pick: fc.nat(),
      depth: fc.integer({ min: 1, max: 1_000 }),
      asArray: fc.boolean(),
    }),
  },
);

/**
 * A deep copy of `valid` with one mutation applied (1 to `count` of them, in order), and the
 * paths that were touched (a refusal should name one of them).
 */
export function mutate(
  valid: unknown,
  mutations: readonly Mutation[],
): { value: unknown; touched: Path[] } {
  let value: unknown = structuredClone(valid);
  const touched: Path[] = [];
  for (const change of mutations) {
    const path = pathAt(value, change.pick);
    touched.push(path);
    value = applyAt(value, path, change);
  }
  return { value, touched };
}

function applyAt(root: unknown, path: Path, original: Mutation): unknown {
  // The generated values are fast-check's (it shrinks them): never put them in the message itself.
  const change: Mutation =
    original.kind === 'replace' || original.kind === 'extraKey'
      ? { ...original, value: structuredClone(original.value) }
      : original;
  if (path.length === 0) {
    if (change.kind === 'replace') return change.value;
    if (change.kind === 'nest') return deepNest(root, change.depth, change.asArray);
    if (change.kind === 'extraKey' && isRecord(root)) {
      Object.defineProperty(root, change.key, {
        value: change.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return root;
    }
    return root;
  }
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root) as
    Record<string | number, unknown> | unknown[];
  const key = path[path.length - 1] as string | number;
  const here = (parent as Record<string | number, unknown>)[key];
  switch (change.kind) {
    case 'replace':
      (parent as Record<string | number, unknown>)[key] = change.value;
      break;
    case 'remove':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else Reflect.deleteProperty(parent, key);
      break;
    case 'nest':
      (parent as Record<string | number, unknown>)[key] = deepNest(
        here,
        change.depth,
        change.asArray,
      );
      break;
    case 'extraKey':
      if (isRecord(here))
        Object.defineProperty(here, change.key, {
          value: change.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else if (isRecord(parent))
        Object.defineProperty(parent, change.key, {
          value: change.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      break;
  }
  return root;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The path of the first non-finite number (or `NaN`/`Infinity` text) inside `value`, if any. */
export function nonFinite(value: unknown, at = '$', seen = new Set<unknown>()): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${at} = ${value}`;
  if (typeof value === 'string')
    return /^[-+]?(NaN|Infinity)$/.test(value) ? `${at} = "${value}"` : undefined;
  if (typeof value !== 'object' || value === null || seen.has(value)) return undefined;
  seen.add(value);
  if (value instanceof Map) return nonFinite([...value.entries()], at, seen);
  for (const [key, item] of Object.entries(value)) {
    const found = nonFinite(item, `${at}.${key}`, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Runs `body` and fails if it took longer than {@link MAX_CASE_MS}. */
export function timed<T>(body: () => T, what: string): T {
  const start = performance.now();
  const result = body();
  const elapsed = performance.now() - start;
  if (elapsed > MAX_CASE_MS)
    throw new Error(`${what} took ${elapsed.toFixed(0)} ms (limit ${MAX_CASE_MS} ms)`);
  return result;
}

/** A valid message's body and how to wrap a (mutated) body's JSON text into the message again. */
export interface MessageFixture<M> {
  readonly body: unknown;
  readonly message: (text: string) => M;
}

/**
 * Near-valid messages: one of `fixtures` with one to three mutations of its body, and whether the
 * feed has seen the page's load before it (both page feeds' fuzz tests).
 */
export function nearValidMessages<M>(
  fixtures: readonly MessageFixture<M>[],
): fc.Arbitrary<{ readonly message: M; readonly withLoad: boolean }> {
  return fc
    .tuple(
      fc.nat({ max: fixtures.length - 1 }),
      fc.array(mutation, { minLength: 1, maxLength: 3 }),
      fc.boolean(),
    )
    .map(([index, mutations, withLoad]) => {
      const fixture = fixtures[index] as MessageFixture<M>;
      const { value } = mutate(fixture.body, mutations);
      return { message: fixture.message(JSON.stringify(value) ?? 'undefined'), withLoad };
    });
}
