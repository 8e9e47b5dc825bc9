import type { PortfolioFileTierTable } from '../venues/api/venue-api-types';

/**
 * The portfolio file with the venues' public tier tables (lib/background/
 * public-tier-tables-service.ts) added for every venue and contract it has no table of its own
 * for: the file's own tables (an import, a connected account's adapter) stay first, and a public
 * table only fills a gap, where the engine would otherwise fall back to an embedded dated table
 * or refuse the position. A file that is not an object, or whose `tierTables` is not a list, is
 * returned as it is: the engine names its problem.
 */
export function withPublicTierTables(
  file: unknown,
  tables: readonly PortfolioFileTierTable[],
): unknown {
  if (tables.length === 0 || typeof file !== 'object' || file === null || Array.isArray(file))
    return file;
  const own: unknown = (file as { tierTables?: unknown }).tierTables;
  if (own !== undefined && !Array.isArray(own)) return file;
  const ownTables: readonly unknown[] = own ?? [];
  const present = new Set(ownTables.map(tableKey));
  const added = tables.filter((table) => !present.has(tableKey(table)));
  if (added.length === 0) return file;
  return { ...file, tierTables: [...ownTables, ...added] };
}

function tableKey(table: unknown): string | undefined {
  if (typeof table !== 'object' || table === null) return undefined;
  const { venue, symbol } = table as { venue?: unknown; symbol?: unknown };
  return typeof venue === 'string' && typeof symbol === 'string' ? `${venue} ${symbol}` : undefined;
}
