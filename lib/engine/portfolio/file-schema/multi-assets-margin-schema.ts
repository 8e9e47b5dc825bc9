import * as v from 'valibot';
import { objectOf, pathTo, passed } from './cross-checks';
import { figureField, isoTimeField, textField } from './field-schemas';
import { fileArray, fileObject } from './file-object';

/**
 * An account's optional `multiAssetsMargin` (an extension of DESIGN.md §4): the account is in
 * Binance USDⓈ-M Multi-Assets mode — one cross margin balance across its margin assets — and
 * these are the valuation buffers of each asset, as `GET /fapi/v1/assetIndex` publishes them
 * (https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Multi-Assets-Mode-Asset-Index):
 *
 *   "multiAssetsMargin": { "source": "GET /fapi/v1/assetIndex", "asOf": "2026-11-24T12:00:00Z",
 *     "buffers": [{ "asset": "BTC", "bidBuffer": "0.05", "askBuffer": "0.05" }, …] }
 *
 * Buffers are fractions: bidBuffer in [0, 1) (a positive balance counts at index × (1 −
 * bidBuffer)), askBuffer ≥ 0. The assets' USD index prices are the file's `market.prices`. One
 * entry per asset.
 */
export const assetIndexBufferSchema = fileObject(
  {
    asset: textField(),
    bidBuffer: v.pipe(
      figureField('nonNegative'),
      v.check((buffer) => buffer.lt(1), 'must be below 1 (a fraction of the index price)'),
    ),
    askBuffer: figureField('nonNegative'),
  },
  { what: 'an asset index buffer field', lastJoin: 'and' },
);

const multiAssetsMarginFields = fileObject(
  {
    /** The endpoint or page the buffers came from. */
    source: textField(),
    /** When they were read (ISO-8601 time or date). */
    asOf: isoTimeField(),
    buffers: fileArray(assetIndexBufferSchema),
  },
  { what: 'a multiAssetsMargin field' },
);

type MultiAssetsMarginFields = v.InferOutput<typeof multiAssetsMarginFields>;

/** The buffers of an account in Multi-Assets mode, at most one entry per asset. */
export const multiAssetsMarginSchema = v.pipe(
  multiAssetsMarginFields,
  v.rawCheck(({ dataset, addIssue }) => {
    const margin = objectOf<MultiAssetsMarginFields>(dataset);
    if (!margin || !Array.isArray(margin.buffers)) return;
    const seen = new Set<string>();
    margin.buffers.forEach((buffer, index) => {
      if (!passed(dataset, ['buffers', index, 'asset'])) return;
      if (seen.has(buffer.asset))
        addIssue({
          message: `gives ${buffer.asset} twice; one entry per asset`,
          path: pathTo(margin, ['buffers', index, 'asset']),
        });
      seen.add(buffer.asset);
    });
  }),
);
