/**
 * Receiver-side check that a message has no field beyond `allowed`: the first unexpected one is
 * named (its name cut to 40 characters; never its value, which may be hostile or secret).
 */
export function onlyKeys(
  record: Record<string, unknown>,
  allowed: readonly string[],
): { error: string } | undefined {
  const extra = Object.keys(record).filter((key) => !allowed.includes(key));
  return extra.length === 0
    ? undefined
    : {
        error: `${String(record.type)}: unexpected field ${JSON.stringify(extra[0]).slice(0, 40)}`,
      };
}
