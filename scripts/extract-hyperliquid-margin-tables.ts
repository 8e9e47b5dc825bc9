/**
 * Writes the embedded Hyperliquid margin tables
 * (lib/engine/margin/hyperliquid-margin-tables-<date>.json) from a recorded answer of Hyperliquid's
 * public `POST /info {"type":"metaAndAssetCtxs"}` (`[meta, assetCtxs]`; `meta` is the answer of
 * `{"type":"meta"}`: `universe` with each asset's `name`, `maxLeverage`, `marginTableId`, and
 * `marginTables` as `[id, {description, marginTiers: [{lowerBound, maxLeverage}]}]`). The
 * recording used: the sample answer written out in the comment above `MetaAndAssetCtxs` in
 * `perp.go` of https://github.com/SwellNetwork/hyperliquid-go-sdk, taken as JSON by dropping the
 * comment's leading `// `:
 *
 *   git show <commit>:perp.go | awk '/MetaAndAssetCtxs sample response/{f=1;next}
 *     f && /^\/\//{sub(/^\/\/ ?/,""); print; next} f{exit}' > meta-and-asset-ctxs.json
 *   npx tsx scripts/extract-hyperliquid-margin-tables.ts meta-and-asset-ctxs.json <commit> <YYYY-MM-DD>
 *
 * <commit> is the commit the file was taken at and <YYYY-MM-DD> that commit's date (the answer
 * carries no time of its own). Only Hyperliquid's raw fields are kept, exactly as recorded.
 *
 * The assets: the 30 listed (not delisted) perpetuals of the first perp dex with the largest 24-hour
 * notional volume (`dayNtlVlm`) in the same answer — ranked by measured volume on that day.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const COUNT = 30;

function fail(message: string): never {
  throw new Error(`extract-hyperliquid-margin-tables: ${message}`);
}

interface UniverseEntry {
  readonly name: string;
  readonly maxLeverage: number;
  readonly marginTableId: number;
  readonly isDelisted?: boolean;
}

interface MarginTier {
  readonly lowerBound: string;
  readonly maxLeverage: number;
}

function universeEntry(raw: unknown, index: number): UniverseEntry {
  const entry = raw as Partial<UniverseEntry> | null;
  const where = `universe[${index}]`;
  if (typeof entry?.name !== 'string') fail(`${where} name: not a string`);
  if (!Number.isInteger(entry.maxLeverage) || (entry.maxLeverage ?? 0) <= 0)
    fail(`${where} maxLeverage: expected a positive whole number`);
  if (!Number.isInteger(entry.marginTableId))
    fail(`${where} marginTableId: expected a whole number`);
  return entry as UniverseEntry;
}

function marginTiers(raw: unknown, where: string): MarginTier[] {
  const table = raw as { marginTiers?: unknown } | null;
  if (!Array.isArray(table?.marginTiers) || table.marginTiers.length === 0)
    fail(`${where} marginTiers: expected a list of tiers`);
  return table.marginTiers.map((tier: unknown, index) => {
    const row = tier as Partial<MarginTier> | null;
    if (typeof row?.lowerBound !== 'string' || !/^\d+(\.\d+)?$/.test(row.lowerBound))
      fail(`${where} marginTiers[${index}] lowerBound: expected a decimal string`);
    if (!Number.isInteger(row.maxLeverage) || (row.maxLeverage ?? 0) <= 0)
      fail(`${where} marginTiers[${index}] maxLeverage: expected a positive whole number`);
    return { lowerBound: row.lowerBound, maxLeverage: row.maxLeverage as number };
  });
}

function main(): void {
  const [file, commit, date] = process.argv.slice(2);
  if (!file || !commit || !date) {
    fail(
      'usage: extract-hyperliquid-margin-tables.ts <meta-and-asset-ctxs.json> <commit> <YYYY-MM-DD>',
    );
  }
  if (!/^[0-9a-f]{40}$/.test(commit)) fail(`commit: expected 40 hex digits, got ${commit}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fail(`date: expected YYYY-MM-DD, got ${date}`);
  const answer = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(answer) || answer.length !== 2) fail('expected [meta, assetCtxs]');
  const [meta, contexts] = answer as [
    { universe?: unknown; marginTables?: unknown },
    { dayNtlVlm?: unknown }[],
  ];
  if (!Array.isArray(meta.universe) || !Array.isArray(meta.marginTables))
    fail('meta: expected universe and marginTables');
  if (!Array.isArray(contexts) || contexts.length !== meta.universe.length)
    fail('assetCtxs: expected one context per universe entry');
  const ranked = meta.universe
    .map((raw, index) => {
      const volume = contexts[index]?.dayNtlVlm;
      if (typeof volume !== 'string') fail(`assetCtxs[${index}] dayNtlVlm: not a string`);
      return { entry: universeEntry(raw, index), volume };
    })
    .filter(({ entry }) => entry.isDelisted !== true)
    .sort((a, b) => Number(b.volume) - Number(a.volume))
    .slice(0, COUNT);
  const tables = new Map<number, MarginTier[]>();
  for (const [index, pair] of meta.marginTables.entries()) {
    if (!Array.isArray(pair) || !Number.isInteger(pair[0]))
      fail(`marginTables[${index}]: expected [id, table]`);
    tables.set(pair[0] as number, marginTiers(pair[1], `marginTables[${index}]`));
  }
  const assets = Object.fromEntries(
    ranked.map(({ entry, volume }) => [
      entry.name,
      { maxLeverage: entry.maxLeverage, marginTableId: entry.marginTableId, dayNtlVlm: volume },
    ]),
  );
  const usedIds = [...new Set(ranked.map(({ entry }) => entry.marginTableId))]
    .filter((id) => id >= 50)
    .sort((a, b) => a - b);
  const marginTables = Object.fromEntries(
    usedIds.map((id) => [String(id), tables.get(id) ?? fail(`marginTableId ${id}: no such table`)]),
  );
  const output = {
    source: `Hyperliquid POST /info metaAndAssetCtxs (meta: universe, marginTables), as recorded in SwellNetwork/hyperliquid-go-sdk perp.go at ${commit} (${date})`,
    asOf: date,
    selection: `the ${COUNT} listed perpetuals of the first perp dex with the largest 24h notional volume (dayNtlVlm) in the same answer`,
    generatedBy: `npx tsx scripts/extract-hyperliquid-margin-tables.ts meta-and-asset-ctxs.json ${commit} ${date}`,
    assets,
    marginTables,
  };
  const out = path.join(
    import.meta.dirname,
    '..',
    'lib',
    'engine',
    'margin',
    `hyperliquid-margin-tables-${date}.json`,
  );
  writeFileSync(out, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`${out}: ${ranked.length} perpetuals, tables ${usedIds.join(', ')}`);
}

main();
