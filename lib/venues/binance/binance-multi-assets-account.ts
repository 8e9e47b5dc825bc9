import Decimal from 'decimal.js';
import type { PayloadReader } from '../api/payload-reader';
import type { PortfolioFileAccount, VenueId } from '../api/venue-api-types';
import type { BinanceAsset } from './binance-account-assets';
import type { BinanceAssetIndex } from './binance-asset-index';
import type { SiloPosition } from './binance-silos';

/**
 * A Binance USDⓈ-M account in Multi-Assets mode as ONE portfolio-file account, id
 * `${accountId}:multi-assets`: its margin assets (every asset with a wallet balance or a
 * position) as balances, all its USDT- and USDC-margined positions, and `multiAssetsMargin` with
 * each held asset's index and buffers from `GET /fapi/v1/assetIndex` (binance-asset-index.ts),
 * which the engine values the account with (lib/engine/margin/binance-multi-assets-account.ts).
 * The same index prices go to the snapshot's `prices`, as every adapter reports the index prices
 * read with its accounts (the market's prices when no live data is at hand).
 *
 * The venue's account figures, in USD as `GET /fapi/v3/account` gives them in Multi-Assets mode
 * (https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Account-Information-V3:
 * the `total*` fields sum the assets' USD values in this mode): `equity` = totalMarginBalance,
 * `maintenanceMargin` = totalMaintMargin, `marginRatio` = totalMaintMargin / totalMarginBalance
 * ("Account Margin Ratio = Account Maintenance Margin / Account Equity", Binance FAQ
 * c983a9268cfa4e70a4916c276bb3b7bc), left out when totalMarginBalance ≤ 0. A position keeps
 * Binance's liquidation price; its `maintMargin` and `positionInitialMargin` are in the margin
 * asset while the account's money is in USD, so the account totals carry that comparison.
 */
export interface MultiAssetsTotals {
  /** USD. */
  readonly totalMarginBalance: string;
  /** USD. */
  readonly totalMaintMargin: string;
}

export interface MultiAssetsSnapshot {
  readonly account: PortfolioFileAccount;
  /** USD index price by held asset. */
  readonly prices: Readonly<Record<string, string>>;
}

export function binanceMultiAssetsAccount(args: {
  readonly venue: VenueId;
  readonly accountId: string;
  readonly positionMode: 'oneway' | 'hedge';
  readonly assets: readonly BinanceAsset[];
  readonly totals: MultiAssetsTotals;
  readonly positions: readonly SiloPosition[];
  readonly assetIndex: ReadonlyMap<string, BinanceAssetIndex>;
  /** Reader of the account endpoint, for a position whose asset it does not list. */
  readonly accountReader: PayloadReader;
  /** Reader of the asset index endpoint, for a held asset it does not list. */
  readonly indexReader: PayloadReader;
  /** When the asset index was read (ISO-8601). */
  readonly asOf: string;
  /** The asset index endpoint's label, as the buffers' source. */
  readonly indexSource: string;
}): MultiAssetsSnapshot {
  const byAsset = new Map(args.assets.map((asset) => [asset.asset, asset]));
  for (const { settle, where } of args.positions) {
    if (!byAsset.has(settle))
      args.accountReader.fail('assets', `has no "${settle}" wallet for the position ${where}`);
  }
  const held = args.assets.filter(
    (asset) =>
      !new Decimal(asset.walletBalance).isZero() ||
      args.positions.some((item) => item.settle === asset.asset),
  );
  const indices = held.map((asset) => {
    const index = args.assetIndex.get(asset.asset);
    if (!index)
      args.indexReader.fail(
        'response',
        `has no "${asset.asset}USD" pair for the margin asset ${asset.asset} the account holds`,
      );
    return index;
  });
  const equity = new Decimal(args.totals.totalMarginBalance);
  const account: PortfolioFileAccount = {
    id: `${args.accountId}:multi-assets`,
    venue: args.venue,
    marginMode: 'cross',
    positionMode: args.positionMode,
    balances: held.map((asset) => ({ asset: asset.asset, total: asset.walletBalance })),
    positions: args.positions.map((item) => item.position),
    multiAssetsMargin: {
      source: args.indexSource,
      asOf: args.asOf,
      assetIndex: indices.map((index) => ({
        asset: index.asset,
        index: index.index,
        bidBuffer: index.bidBuffer,
        askBuffer: index.askBuffer,
      })),
    },
    venueReported: {
      ...(equity.gt(0) && {
        marginRatio: args.accountReader.computed(
          new Decimal(args.totals.totalMaintMargin).div(equity),
          'totalMaintMargin / totalMarginBalance',
        ),
      }),
      maintenanceMargin: args.totals.totalMaintMargin,
      equity: args.totals.totalMarginBalance,
    },
  };
  return {
    account,
    prices: Object.fromEntries(indices.map((index) => [index.asset, index.index])),
  };
}
