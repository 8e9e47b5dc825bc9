/**
 * Drops keys whose value is undefined, so optional properties stay absent rather than present
 * and undefined (`exactOptionalPropertyTypes`). Cost: one pass over the keys.
 */
export function withoutUndefined<T extends Record<string, unknown>>(
  object: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(object)) if (object[key] !== undefined) kept[key] = object[key];
  return kept as { [K in keyof T]?: Exclude<T[K], undefined> };
}
