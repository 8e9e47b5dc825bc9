import {
  collateralRowProblems,
  collateralTiers,
  type CollateralRow,
  type CollateralTable,
} from '../margin/collateral-table';
import { supportedVenueIds, venueUsesCollateralTables } from '../margin/venue-rules';
import type { FieldReader } from './field-reader';

/**
 * The portfolio file's top-level `collateralTables` (an extension of DESIGN.md §4): the venues'
 * collateral rates, one table per venue and asset,
 *
 *   { "venue": "binanceusdm", "asset": "BTC", "source": "...", "asOf": "2026-11-24",
 *     "tiers": [{ "floor": "0", "cap": "100000000", "collateralRate": "1" },
 *               { "floor": "100000000", "cap": null, "collateralRate": "0.975" }] }
 *
 * floor and cap in USD value of the asset (decimal strings, `cap` null for the last, unbounded
 * tier), rates as fractions (collateral-table.ts). Every problem is recorded on the reader with
 * its place (`collateralTables[0] "BTC" tiers[1] floor: …`); nothing is dropped silently.
 */
export function parseCollateralTables(reader: FieldReader, raw: unknown): CollateralTable[] {
  const tables: CollateralTable[] = [];
  const seen = new Set<string>();
  (reader.array(raw, 'collateralTables') ?? []).forEach((rawTable, index) => {
    const table = parseCollateralTable(reader, rawTable, index);
    if (!table) return;
    const key = `${table.venue} ${table.asset}`;
    if (seen.has(key)) {
      reader.report(
        `collateralTables[${index}] "${table.asset}"`,
        `is the second table for ${table.venue} ${table.asset}; give one table per venue and asset`,
      );
      return;
    }
    seen.add(key);
    tables.push(table);
  });
  return tables;
}

function parseCollateralTable(
  reader: FieldReader,
  raw: unknown,
  index: number,
): CollateralTable | undefined {
  const object = reader.object(raw, `collateralTables[${index}]`);
  if (!object) return undefined;
  const where =
    typeof object.asset === 'string'
      ? `collateralTables[${index}] "${object.asset}"`
      : `collateralTables[${index}]`;
  const venue = reader.oneOf(object.venue, supportedVenueIds(), `${where} venue`);
  if (venue !== undefined && !venueUsesCollateralTables(venue))
    reader.report(
      `${where} venue`,
      `${venue} margin takes no collateral rates (only portfolio-margin rules do); remove the table`,
    );
  const asset = reader.string(object.asset, `${where} asset`);
  const source = reader.string(object.source, `${where} source`);
  const asOf = reader.string(object.asOf, `${where} asOf`);
  if (asOf !== undefined && Number.isNaN(Date.parse(asOf)))
    reader.report(`${where} asOf`, `must be an ISO-8601 time, got "${asOf}"`);
  const rawTiers = reader.array(object.tiers, `${where} tiers`);
  if (rawTiers?.length === 0) reader.report(`${where} tiers`, 'must hold at least one tier');
  const rows: CollateralRow[] = [];
  let complete = true;
  (rawTiers ?? []).forEach((rawTier, tierIndex) => {
    const row = parseRow(reader, rawTier, `${where} tiers[${tierIndex}]`);
    if (row) rows.push(row);
    else complete = false;
  });
  const problems = complete ? collateralRowProblems(rows) : [];
  for (const problem of problems)
    reader.report(`${where} tiers[${problem.index}] ${problem.field}`, problem.message);
  if (
    venue === undefined ||
    !venueUsesCollateralTables(venue) ||
    asset === undefined ||
    source === undefined ||
    asOf === undefined ||
    Number.isNaN(Date.parse(asOf)) ||
    !complete ||
    rows.length === 0 ||
    problems.length > 0
  )
    return undefined;
  return { venue, asset, source, asOf, tiers: collateralTiers(rows) };
}

function parseRow(reader: FieldReader, raw: unknown, where: string): CollateralRow | undefined {
  const object = reader.object(raw, where);
  if (!object) return undefined;
  const floor = reader.decimal(object.floor, `${where} floor`, 'nonNegative');
  const cap = object.cap === null ? null : reader.decimal(object.cap, `${where} cap`, 'positive');
  const rate = reader.decimal(object.collateralRate, `${where} collateralRate`, 'nonNegative');
  for (const key of Object.keys(object)) {
    if (!['floor', 'cap', 'collateralRate'].includes(key))
      reader.report(
        `${where} ${key}`,
        'is not a collateral tier field; use floor, cap and collateralRate',
      );
  }
  if (floor === undefined || cap === undefined || rate === undefined) return undefined;
  return {
    floor: floor.toString(),
    cap: cap === null ? null : cap.toString(),
    collateralRate: rate.toString(),
  };
}
