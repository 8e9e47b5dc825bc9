import Decimal from 'decimal.js';
import type { PayloadReader } from '../api/payload-reader';
import type { PortfolioFileCollateralTable, VenueId } from '../api/venue-api-types';

/**
 * Binance's Portfolio Margin collateral rates, `GET /sapi/v1/portfolio/collateralRate`
 * ("Classic Portfolio Margin Collateral Rate",
 * https://developers.binance.com/docs/derivatives/portfolio-margin-pro/market-data/Classic-Portfolio-Margin-Collateral-Rate):
 * one flat `collateralRate` per asset (decimal strings, a fraction in [0, 1]), as the file's
 * `collateralTables` for the assets the account holds: one tier from 0 with no cap, dated by the
 * read (lib/engine/margin/collateral-table.ts). A held asset the endpoint does not list is the
 * endpoint's problem, named.
 */
export function portfolioMarginCollateralTables(args: {
  readonly payload: unknown;
  readonly reader: PayloadReader;
  readonly venue: VenueId;
  readonly assets: readonly string[];
  readonly asOf: string;
}): PortfolioFileCollateralTable[] {
  const reader: PayloadReader = args.reader;
  const rates = new Map<string, string>();
  reader.array(args.payload, 'response').forEach((raw, index) => {
    const entry = reader.object(raw, `[${index}]`);
    const asset = reader.text(entry.asset, `[${index}] asset`);
    const rate = reader.decimalString(
      entry.collateralRate,
      `[${index}] "${asset}" collateralRate`,
      'nonNegative',
    );
    if (new Decimal(rate).gt(1))
      reader.fail(`[${index}] "${asset}" collateralRate`, `must be at most 1, got "${rate}"`);
    rates.set(asset, rate);
  });
  return args.assets.map((asset) => {
    const rate = rates.get(asset);
    if (rate === undefined)
      reader.fail('response', `has no collateral rate for ${asset}, which the account holds`);
    return {
      venue: args.venue,
      asset,
      source: reader.endpoint,
      asOf: args.asOf,
      tiers: [{ floor: '0', cap: null, collateralRate: rate }],
    };
  });
}
