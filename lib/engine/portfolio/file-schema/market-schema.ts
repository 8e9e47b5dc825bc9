import * as v from 'valibot';
import { ASSET_NAME_PATTERN } from '../../product/parse-symbol';
import { figureField, numberField } from './field-schemas';
import { fileObject, fileRecord } from './file-object';
import { PORTFOLIO_LIMITS } from '../portfolio-limits';

/**
 * The portfolio file's optional `market` section (DESIGN.md §4): figures by asset that take
 * precedence over live and embedded data. Prices in USD (decimal strings), vols annualised
 * (365-day) log-return vols as fractions, correlations pairwise keyed `A/B`, daily volume in USD,
 * spreads in basis points. Prices and volumes are bounded (portfolio-limits.ts) so that no figure
 * derived from them overflows.
 */

const assetKey = v.string();

/** Two assets as the engine names them (parse-symbol.ts): `BTC/ETH`, `BTC/XYZ-NVDA`. */
const pairKey = v.pipe(
  v.string(),
  v.regex(
    new RegExp(`^${ASSET_NAME_PATTERN}\\/${ASSET_NAME_PATTERN}$`),
    'keys must be two assets "A/B"',
  ),
);

export const marketSchema = fileObject(
  {
    prices: v.optional(fileRecord(assetKey, figureField('positive'))),
    annualVols: v.optional(fileRecord(assetKey, numberField({ min: 0, max: 20 }))),
    correlations: v.optional(fileRecord(pairKey, numberField({ min: -1, max: 1 }))),
    // At least the smallest positive figure: the liquidity add-on divides by it under a square
    // root (risk/liquidity-add-on.ts), and 5e-324 would make it +Infinity.
    dailyVolumeUsd: v.optional(
      fileRecord(assetKey, numberField({ min: PORTFOLIO_LIMITS.smallestPositiveFigure })),
    ),
    spreadsBps: v.optional(fileRecord(assetKey, numberField({ min: 0, max: 10_000 }))),
  },
  { what: 'a market figure' },
);
