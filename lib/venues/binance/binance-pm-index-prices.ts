import type { PayloadReader } from '../api/payload-reader';

/**
 * Binance's Portfolio Margin asset index prices, `GET /sapi/v1/portfolio/asset-index-price`
 * ("Query Portfolio Margin Asset Index Price",
 * https://developers.binance.com/docs/derivatives/classic-portfolio-margin/market-data/Query-Portfolio-Margin-Asset-Index-Price):
 * per asset `assetIndexPrice` in USD, what uniMMR values each asset at (uniMMR FAQ
 * 4868b2f1aa6c4d08af973328462bb0bd: "x·price"), for the assets the account holds, as the
 * snapshot's index prices. A held asset the endpoint does not list is the endpoint's problem.
 */
export function portfolioMarginIndexPrices(args: {
  readonly payload: unknown;
  readonly reader: PayloadReader;
  readonly assets: readonly string[];
}): Record<string, string> {
  const reader: PayloadReader = args.reader;
  const prices = new Map<string, string>();
  reader.array(args.payload, 'response').forEach((raw, index) => {
    const entry = reader.object(raw, `[${index}]`);
    const asset = reader.text(entry.asset, `[${index}] asset`);
    prices.set(
      asset,
      reader.decimalString(
        entry.assetIndexPrice,
        `[${index}] "${asset}" assetIndexPrice`,
        'positive',
      ),
    );
  });
  return Object.fromEntries(
    args.assets.map((asset) => {
      const price = prices.get(asset);
      if (price === undefined)
        reader.fail('response', `has no index price for ${asset}, which the account holds`);
      return [asset, price];
    }),
  );
}
