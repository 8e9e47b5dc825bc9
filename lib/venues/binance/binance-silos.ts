import Decimal from 'decimal.js';
import type {
  PortfolioFileAccount,
  PortfolioFilePosition,
  PortfolioFileVenueReportedAccount,
  VenueId,
} from '../api/venue-api-types';
import type { BinanceAsset } from './binance-account-assets';
import type { PayloadReader } from '../api/payload-reader';

/**
 * A Binance futures account as portfolio-file accounts: one margin silo per margin asset
 * (USDⓈ-M in Single-Asset mode margins USDT and USDC contracts separately; COIN-M margins each
 * coin separately), id `${accountId}:${asset}`. Binance sets cross or isolated per symbol, so the
 * silo is `cross` and each position carries its own `marginMode` (and, isolated, its wallet as
 * `isolatedMargin`), which the engine reads as the cross wallet minus the isolated wallets
 * (lib/engine/margin/linear-tiered-account.ts, inverse-tiered-account.ts).
 *
 * A silo is emitted for an asset with a wallet balance or a position; an asset with neither is
 * no account. The venue's own account figures: `equity` = marginBalance, `maintenanceMargin` =
 * maintMargin and `marginRatio` = maintMargin / marginBalance (all of the asset's positions,
 * cross and isolated — the engine's definition, DESIGN.md §5), left out when marginBalance ≤ 0.
 */
export interface SiloPosition {
  /** Binance market id (`BTCUSDT`, `BTCUSD_PERP`). */
  readonly marketId: string;
  readonly settle: string;
  readonly position: PortfolioFilePosition;
  /** Where the position came from, for messages (`[3] "ETHUSDT" LONG`). */
  readonly where: string;
}

export function binanceSilos(args: {
  readonly venue: VenueId;
  readonly accountId: string;
  readonly positionMode: 'oneway' | 'hedge';
  readonly assets: readonly BinanceAsset[];
  readonly positions: readonly SiloPosition[];
  /** Reader of the account endpoint, for a position whose asset it does not list. */
  readonly accountReader: PayloadReader;
}): PortfolioFileAccount[] {
  const byAsset = new Map(args.assets.map((asset) => [asset.asset, asset]));
  for (const { settle, where } of args.positions) {
    if (!byAsset.has(settle))
      args.accountReader.fail('assets', `has no "${settle}" wallet for the position ${where}`);
  }
  return args.assets
    .filter(
      (asset) =>
        !new Decimal(asset.walletBalance).isZero() ||
        args.positions.some((item) => item.settle === asset.asset),
    )
    .map((asset): PortfolioFileAccount => ({
      id: `${args.accountId}:${asset.asset}`,
      venue: args.venue,
      marginMode: 'cross',
      positionMode: args.positionMode,
      balances: [{ asset: asset.asset, total: asset.walletBalance }],
      positions: args.positions
        .filter((item) => item.settle === asset.asset)
        .map((item) => item.position),
      venueReported: accountFigures(asset, args.accountReader),
    }));
}

function accountFigures(
  asset: BinanceAsset,
  reader: PayloadReader,
): PortfolioFileVenueReportedAccount {
  const equity = new Decimal(asset.marginBalance);
  return {
    ...(equity.gt(0) && {
      marginRatio: reader.computed(
        new Decimal(asset.maintMargin).div(equity),
        `assets "${asset.asset}" maintMargin / marginBalance`,
      ),
    }),
    maintenanceMargin: asset.maintMargin,
    equity: asset.marginBalance,
  };
}
