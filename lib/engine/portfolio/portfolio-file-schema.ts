import * as v from 'valibot';
import {
  accountSchema,
  accountsSchema,
  balanceSchema,
  venueReportedAccountSchema,
} from './file-schema/account-schema';
import {
  collateralTableSchema,
  collateralTablesSchema,
  collateralTierSchema,
} from './file-schema/collateral-table-schema';
import { objectOf, passed, pathTo } from './file-schema/cross-checks';
import { describe, isoTimeField } from './file-schema/field-schemas';
import { fileObject } from './file-schema/file-object';
import { marketSchema } from './file-schema/market-schema';
import { modelSchema } from './file-schema/model-schema';
import { positionSchema, venueReportedPositionSchema } from './file-schema/position-schema';
import { tierSchema, tierTableSchema, tierTablesSchema } from './file-schema/tier-table-schema';
import { validatedPortfolioOf } from './validated-portfolio-of';

/**
 * The portfolio file (DESIGN.md §4, version 1), defined once: this schema validates a file and
 * its input type is the file's type, which the venue adapters write (lib/venues/api) and the
 * command line and the extension read. Its output is the {@link ValidatedPortfolio} the engine
 * computes on (validated-portfolio-of.ts).
 *
 * Sections, one file each under file-schema/: accounts with their balances and positions
 * (account-schema.ts, position-schema.ts), `market` and `model` (optional), and two extensions of
 * DESIGN.md §4: `tierTables` (the venues' tier tables by symbol) and `collateralTables` (the
 * venues' collateral rates by asset). Money is a decimal string, read with decimal.js; a field
 * the file should not have is a problem, like a wrong one.
 */
const portfolioFileEntries = {
  version: v.literal(1, (issue) => `must be 1, got ${JSON.stringify(issue.input) ?? 'nothing'}`),
  /** ISO-8601 time the positions were observed. */
  asOf: isoTimeField(),
  baseCurrency: v.optional(
    v.literal(
      'USD',
      (issue) => `must be "USD" (the only base currency so far), got ${describe(issue.input)}`,
    ),
  ),
  accounts: accountsSchema,
  market: v.optional(marketSchema),
  model: v.optional(modelSchema),
  tierTables: v.optional(tierTablesSchema),
  collateralTables: v.optional(collateralTablesSchema),
};

const portfolioFileObject = fileObject(portfolioFileEntries, { what: 'a portfolio file field' });

type PortfolioFileFields = v.InferOutput<typeof portfolioFileObject>;

export const portfolioFileSchema = v.pipe(
  portfolioFileObject,
  // A tier table for some accounts names accounts of the file on its venue (tier-table-schema.ts).
  v.rawCheck(({ dataset, addIssue }) => {
    const file = objectOf<PortfolioFileFields>(dataset);
    if (!file?.tierTables || !file.accounts || !passed(dataset, ['accounts'])) return;
    const venueOf = new Map(file.accounts.map((account) => [account.id, account.venue]));
    file.tierTables.forEach((table, index) => {
      if (!passed(dataset, ['tierTables', index])) return;
      table.accounts?.forEach((id, item) => {
        if (venueOf.get(id) !== table.venue)
          addIssue({
            message: `names account "${id}", which is not an account on ${table.venue} in this file`,
            path: pathTo(file, ['tierTables', index, 'accounts', item]),
          });
      });
    });
  }),
  v.transform((file) => validatedPortfolioOf(file)),
);

/**
 * The file's types, as a writer fills them in: the schemas' input types, read-only. Money fields
 * are decimal strings (field-schemas.ts `figureField`).
 */
type FileType<TSchema extends v.GenericSchema> = ReadonlyDeep<v.InferInput<TSchema>>;

type ReadonlyDeep<T> = T extends readonly (infer Item)[]
  ? readonly ReadonlyDeep<Item>[]
  : T extends object
    ? { readonly [K in keyof T]: ReadonlyDeep<T[K]> }
    : T;

export type PortfolioFile = FileType<typeof portfolioFileSchema>;
export type PortfolioFileAccount = FileType<typeof accountSchema>;
export type PortfolioFileBalance = FileType<typeof balanceSchema>;
export type PortfolioFileVenueReportedAccount = FileType<typeof venueReportedAccountSchema>;
export type PortfolioFilePosition = FileType<typeof positionSchema>;
export type PortfolioFileVenueReportedPosition = FileType<typeof venueReportedPositionSchema>;
export type PortfolioFileMarket = FileType<typeof marketSchema>;
export type PortfolioFileModel = FileType<typeof modelSchema>;
/** A venue's tier table for one symbol, as the file's top-level `tierTables` carries it. */
export type PortfolioFileTierTable = FileType<typeof tierTableSchema>;
/** A tier row: decimal strings, `cap` null for no bound, max leverage a number. */
export type PortfolioFileTier = FileType<typeof tierSchema>;
export type PortfolioFileCollateralTable = FileType<typeof collateralTableSchema>;
export type PortfolioFileCollateralTier = FileType<typeof collateralTierSchema>;
export type { PortfolioVenueId } from './file-schema/venue-field';
