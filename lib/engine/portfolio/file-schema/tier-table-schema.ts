import * as v from 'valibot';
import { tierRowProblems, type TierRow } from '../../margin/tiers';
import { venueSupportsInstrument, venueTierTableForm } from '../../margin/venue-rules';
import { objectOf, pathTo, passed } from './cross-checks';
import { figureField, isoTimeField, numberField, textField } from './field-schemas';
import { fileArray, fileObject } from './file-object';
import { symbolField } from './position-schema';
import { venueField } from './venue-field';

/**
 * The portfolio file's top-level `tierTables` (an extension of DESIGN.md §4): one venue table per
 * venue and symbol, `{ venue, symbol, source, asOf, accounts?, tiers: [{ floor, cap,
 * maintenanceMarginRate, maintenanceAmount?, maxLeverage }] }`, `cap` null for no bound; floor
 * and cap bound the notional in the settlement asset, or the size in base units for OKX
 * (tier-table.ts). Published maintenance amounts are checked against the recursion (tiers.ts).
 *
 * `accounts`: the ids of the accounts the table is for, when a venue set one account's tiers
 * apart (Binance adjusts brackets per user with `notionalCoef`: `GET /fapi/v1/leverageBracket`,
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Notional-and-Leverage-Brackets);
 * absent, every account on the venue. Such an account's table comes first (tier-table.ts).
 */

export const tierSchema = fileObject(
  {
    floor: figureField('nonNegative'),
    cap: v.nullable(figureField('positive')),
    maintenanceMarginRate: figureField('nonNegative'),
    maintenanceAmount: v.optional(figureField('nonNegative')),
    maxLeverage: numberField({ min: 1, max: 1000 }),
  },
  { what: 'a tier field' },
);

type TierFields = v.InferOutput<typeof tierSchema>;

/** A row as tiers.ts reads it: decimal strings as decimal.js writes them. */
export function tierRowOf(tier: TierFields): TierRow {
  return {
    floor: tier.floor.toString(),
    cap: tier.cap === null ? null : tier.cap.toString(),
    maintenanceMarginRate: tier.maintenanceMarginRate.toString(),
    maxLeverage: tier.maxLeverage,
    ...(tier.maintenanceAmount !== undefined && {
      maintenanceAmount: tier.maintenanceAmount.toString(),
    }),
  };
}

const tierTableFields = fileObject(
  {
    venue: venueField(),
    symbol: symbolField(),
    /** Where it came from, e.g. `GET /v5/market/risk-limit`. */
    source: textField(),
    /** ISO-8601 time it was read. */
    asOf: isoTimeField(),
    /** The accounts whose tiers these are (absent: every account on the venue). */
    accounts: v.optional(
      v.pipe(
        fileArray(textField()),
        v.check((ids) => ids.length > 0, 'must name at least one account, or be left out'),
      ),
    ),
    tiers: v.pipe(
      fileArray(tierSchema),
      v.check((tiers) => tiers.length > 0, 'must hold at least one tier'),
    ),
  },
  { what: 'a tier table field' },
);

type TierTableFields = v.InferOutput<typeof tierTableFields>;

/** A table whose venue has tier tables, whose symbol the venue trades, whose rows agree. */
export const tierTableSchema = v.pipe(
  tierTableFields,
  v.rawCheck(({ dataset, addIssue }) => {
    const table = objectOf<TierTableFields>(dataset);
    if (!table) return;
    const ok = (field: keyof TierTableFields) => passed(dataset, [field]);
    const venue = ok('venue') ? table.venue : undefined;
    const form = venue === undefined ? undefined : venueTierTableForm(venue);
    if (venue !== undefined && form === undefined)
      addIssue({
        message: `${venue} margin uses no tier tables (its rules take no tiers); remove the table`,
        path: pathTo(table, ['venue']),
      });
    const instrument = ok('symbol') ? table.symbol : undefined;
    if (venue !== undefined && instrument && !venueSupportsInstrument(venue, instrument))
      addIssue({
        message: `${instrument.kind} contracts settled in ${instrument.settle} are not supported on ${venue} yet`,
        path: pathTo(table, ['symbol']),
      });
    if (form === undefined || !ok('tiers') || !table.tiers || table.tiers.length === 0) return;
    for (const problem of tierRowProblems(table.tiers.map(tierRowOf), form.form))
      addIssue({
        message: problem.message,
        path: pathTo(table, ['tiers', problem.index, problem.field]),
      });
  }),
);

/**
 * At most one table per venue and symbol for the whole venue, and at most one for each account
 * named in `accounts` (the accounts' ids are checked against the file's accounts:
 * portfolio-file-schema.ts).
 */
export const tierTablesSchema = v.pipe(
  fileArray(tierTableSchema),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!Array.isArray(dataset.value)) return;
    const tables = dataset.value as Partial<TierTableFields>[];
    const seen = new Set<string>();
    tables.forEach((table, index) => {
      if (!passed(dataset, [index, 'venue']) || !passed(dataset, [index, 'symbol'])) return;
      if (table.venue === undefined || table.symbol === undefined) return;
      if (table.accounts !== undefined && !passed(dataset, [index, 'accounts'])) return;
      const key = `${table.venue} ${table.symbol.symbol}`;
      const scopes = table.accounts?.map((id) => ` for account "${id}"`) ?? [''];
      for (const scope of scopes) {
        if (seen.has(key + scope))
          addIssue({
            message: `is the second table for ${key}${scope}; give one table per venue and symbol${scope === '' ? ' (a table for some accounts only names them in "accounts")' : ' and account'}`,
            path: pathTo(tables, [index]),
          });
        seen.add(key + scope);
      }
    });
  }),
);
