import * as v from 'valibot';
import { objectOf, pathTo, passed } from './cross-checks';
import { figureField, isoTimeField, textField } from './field-schemas';
import { fileArray, fileObject } from './file-object';

/**
 * An account's optional `collateralIndex` (an extension of DESIGN.md §4): the USD index prices
 * the venue values the account's collateral coins with, read with the account — Bybit's unified
 * account across coins ("USD Index Price", "Understanding Collateral Value Ratios in Unified
 * Trading Account", https://www.bybit.com/en/help-center/article/Assets-Collateral-Value-Ratio-List-UTA):
 *
 *   "collateralIndex": { "source": "Bybit GET /v5/market/tickers", "asOf": "2026-11-24T12:00:00Z",
 *     "prices": [{ "asset": "BTC", "index": "92009.2" }, { "asset": "USDT", "index": "1.0001" }] }
 *
 * `index` is USD per coin. One entry per asset. Where present, the account's collateral is
 * valued at these and not at `market.prices` (which still price the coins as exposures).
 */
export const collateralIndexPriceSchema = fileObject(
  { asset: textField(), index: figureField('positive') },
  { what: 'a collateral index field', lastJoin: 'and' },
);

const collateralIndexFields = fileObject(
  {
    /** The endpoint or page the prices came from. */
    source: textField(),
    /** When they were read (ISO-8601 time or date). */
    asOf: isoTimeField(),
    prices: fileArray(collateralIndexPriceSchema),
  },
  { what: 'a collateralIndex field' },
);

type CollateralIndexFields = v.InferOutput<typeof collateralIndexFields>;

/** The collateral index of an account, at most one entry per asset. */
export const collateralIndexSchema = v.pipe(
  collateralIndexFields,
  v.rawCheck(({ dataset, addIssue }) => {
    const index = objectOf<CollateralIndexFields>(dataset);
    if (!index || !Array.isArray(index.prices)) return;
    const seen = new Set<string>();
    index.prices.forEach((entry, position) => {
      if (!passed(dataset, ['prices', position, 'asset'])) return;
      if (seen.has(entry.asset))
        addIssue({
          message: `gives ${entry.asset} twice; one entry per asset`,
          path: pathTo(index, ['prices', position, 'asset']),
        });
      seen.add(entry.asset);
    });
  }),
);
