import * as v from 'valibot';
import { objectOf, pathTo, passed } from './cross-checks';
import { figureField, isoTimeField, textField } from './field-schemas';
import { fileArray, fileObject } from './file-object';

/**
 * An account's optional `multiAssetsMargin` (an extension of DESIGN.md §4): the account is in
 * Binance USDⓈ-M Multi-Assets mode — one cross margin balance across its margin assets — and
 * this is each asset's entry in Binance's asset index, as `GET /fapi/v1/assetIndex` publishes it
 * (https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Multi-Assets-Mode-Asset-Index),
 * read with the account:
 *
 *   "multiAssetsMargin": { "source": "GET /fapi/v1/assetIndex", "asOf": "2026-11-24T12:00:00Z",
 *     "assetIndex": [{ "asset": "BTC", "index": "62010", "bidBuffer": "0.05", "askBuffer": "0.05" }, …] }
 *
 * `index` is the asset's USD index (Binance values the account with its own index, not a market
 * price); buffers are fractions: bidBuffer in [0, 1) (a positive balance counts at index × (1 −
 * bidBuffer)), askBuffer ≥ 0. One entry per asset.
 */
export const multiAssetsIndexSchema = fileObject(
  {
    asset: textField(),
    index: figureField('positive'),
    bidBuffer: v.pipe(
      figureField('nonNegative'),
      v.check((buffer) => buffer.lt(1), 'must be below 1 (a fraction of the index price)'),
    ),
    askBuffer: figureField('nonNegative'),
  },
  { what: 'an asset index field', lastJoin: 'and' },
);

const multiAssetsMarginFields = fileObject(
  {
    /** The endpoint or page the asset index came from. */
    source: textField(),
    /** When they were read (ISO-8601 time or date). */
    asOf: isoTimeField(),
    assetIndex: fileArray(multiAssetsIndexSchema),
  },
  { what: 'a multiAssetsMargin field' },
);

type MultiAssetsMarginFields = v.InferOutput<typeof multiAssetsMarginFields>;

/** The asset index of an account in Multi-Assets mode, at most one entry per asset. */
export const multiAssetsMarginSchema = v.pipe(
  multiAssetsMarginFields,
  v.rawCheck(({ dataset, addIssue }) => {
    const margin = objectOf<MultiAssetsMarginFields>(dataset);
    if (!margin || !Array.isArray(margin.assetIndex)) return;
    const seen = new Set<string>();
    margin.assetIndex.forEach((entry, position) => {
      if (!passed(dataset, ['assetIndex', position, 'asset'])) return;
      if (seen.has(entry.asset))
        addIssue({
          message: `gives ${entry.asset} twice; one entry per asset`,
          path: pathTo(margin, ['assetIndex', position, 'asset']),
        });
      seen.add(entry.asset);
    });
  }),
);
