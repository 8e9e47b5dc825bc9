import * as v from 'valibot';
import { collateralRowProblems, type CollateralRow } from '../../margin/collateral-table';
import { venueUsesCollateralTables } from '../../margin/venue-rules';
import { objectOf, pathTo, passed } from './cross-checks';
import { figureField, isoTimeField, textField } from './field-schemas';
import { fileArray, fileObject } from './file-object';
import { venueField } from './venue-field';

/**
 * The portfolio file's top-level `collateralTables` (an extension of DESIGN.md §4): the venues'
 * collateral rates, one table per venue and asset,
 *
 *   { "venue": "binanceusdm", "asset": "BTC", "source": "...", "asOf": "2026-11-24",
 *     "tiers": [{ "floor": "0", "cap": "100000000", "collateralRate": "1" },
 *               { "floor": "100000000", "cap": null, "collateralRate": "0.975" }] }
 *
 * floor and cap in the venue's basis — USD value of the asset for Binance, coins for Bybit
 * (`GET /v5/spot-margin-trade/collateral` minQty/maxQty) — as decimal strings, `cap` null for the
 * last, unbounded tier; rates as fractions (collateral-table.ts).
 */

export const collateralTierSchema = fileObject(
  {
    floor: figureField('nonNegative'),
    cap: v.nullable(figureField('positive')),
    collateralRate: figureField('nonNegative'),
  },
  { what: 'a collateral tier field', lastJoin: 'and' },
);

/** A row as collateral-table.ts reads it: decimal strings as decimal.js writes them. */
export function collateralRowOf(tier: v.InferOutput<typeof collateralTierSchema>): CollateralRow {
  return {
    floor: tier.floor.toString(),
    cap: tier.cap === null ? null : tier.cap.toString(),
    collateralRate: tier.collateralRate.toString(),
  };
}

const collateralTableFields = fileObject(
  {
    venue: venueField(),
    asset: textField(),
    /** The endpoint, page or announcement the rates came from. */
    source: textField(),
    /** When they were read or published (ISO-8601 time or date). */
    asOf: isoTimeField(),
    tiers: v.pipe(
      fileArray(collateralTierSchema),
      v.check((tiers) => tiers.length > 0, 'must hold at least one tier'),
    ),
  },
  { what: 'a collateral table field' },
);

type CollateralTableFields = v.InferOutput<typeof collateralTableFields>;

/** A table for a venue whose rules read collateral rates, with rows that agree. */
export const collateralTableSchema = v.pipe(
  collateralTableFields,
  v.rawCheck(({ dataset, addIssue }) => {
    const table = objectOf<CollateralTableFields>(dataset);
    if (!table) return;
    if (passed(dataset, ['venue']) && table.venue !== undefined) {
      if (!venueUsesCollateralTables(table.venue))
        addIssue({
          message: `${table.venue} margin takes no collateral rates (only Binance portfolio margin, Bybit's unified account and OKX's multi-currency margin do); remove the table`,
          path: pathTo(table, ['venue']),
        });
    }
    if (!passed(dataset, ['tiers']) || !table.tiers || table.tiers.length === 0) return;
    for (const problem of collateralRowProblems(table.tiers.map(collateralRowOf)))
      addIssue({
        message: problem.message,
        path: pathTo(table, ['tiers', problem.index, problem.field]),
      });
  }),
);

/** At most one table per venue and asset. */
export const collateralTablesSchema = v.pipe(
  fileArray(collateralTableSchema),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!Array.isArray(dataset.value)) return;
    const tables = dataset.value as Partial<CollateralTableFields>[];
    const seen = new Set<string>();
    tables.forEach((table, index) => {
      if (!passed(dataset, [index, 'venue']) || !passed(dataset, [index, 'asset'])) return;
      if (table.venue === undefined || table.asset === undefined) return;
      const key = `${table.venue} ${table.asset}`;
      if (seen.has(key))
        addIssue({
          message: `is the second table for ${key}; give one table per venue and asset`,
          path: pathTo(tables, [index]),
        });
      seen.add(key);
    });
  }),
);
