import Decimal from 'decimal.js';
import type { PortfolioFileAccount } from '../api/venue-api-types';
import type { PayloadReader } from '../api/payload-reader';
import { readHyperliquidPosition, type ReadHyperliquidPosition } from './hyperliquid-account';
import type { HyperliquidAsset } from './hyperliquid-meta';

/**
 * A Hyperliquid account in unified account mode, for one collateral token, as one portfolio-file
 * account: every position of the perp dexes whose collateral is that token (the first dex's
 * `BTC/USDC:USDC` beside a HIP-3 dex's `XYZ-NVDA/USDC:USDC`), one-way, cross with isolated
 * positions inside it, on the token's spot balance.
 *
 * Source: Hyperliquid's "Account abstraction modes"
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/account-abstraction-modes, read
 * 2026-12-07). Unified account: "single balance for each asset. This balance collateralizes all
 * cross margin positions in that asset and is unified with spot balance in that asset"; "for API
 * users, unified account … shows all balances and holds in the spot clearinghouse state.
 * Individual perp dex user states are not meaningful". Its "Unified Account Ratio", published "to
 * compute the precise unified account ratio for monitoring liquidation risk", is, for each
 * collateral token (a dex's `collateralToken` in its meta),
 *   crossMargin = Σ over the token's dexes of clearinghouseState `crossMaintenanceMarginUsed`
 *   isolatedMargin = Σ over the token's dexes of the isolated positions' `marginUsed`
 *   available = spotClearinghouseState `balances[token].total` − isolatedMargin
 *   ratio = crossMargin / available   (the token is skipped when available ≤ 0)
 * and the account's ratio is the largest over its tokens. So each token is its own pooled cross
 * account: its cross equity is `available` — the spot total already holds the cross positions'
 * unrealized P&L, since the ratio divides the maintenance margin by it with nothing added — and
 * it is liquidated when that equity falls to the cross maintenance margin (ratio 1: "A
 * liquidation event occurs when a trader's positions move against them to the point where the
 * account equity falls below the maintenance margin",
 * https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations). Each isolated position
 * keeps its own margin (`marginUsed`, P&L included), as in a standard account.
 *
 * That is the account hyperliquid-account.ts builds for one dex of a standard account, with the
 * spot total in place of `marginSummary.accountValue` (cross and isolated, P&L included):
 * - balance: spot `total` less every position's `unrealizedPnl` (the deposit the engine adds P&L
 *   back to), so the engine's cross equity, balance − isolated wallets + cross P&L, is
 *   total − Σ isolated `marginUsed` = `available`; an absent balance line is 0, as the published
 *   function reads it;
 * - positions: each dex's, read as a standard account's (hyperliquid-account.ts), with their
 *   venue-reported `liquidationPx` and, for cross, `marginUsed`;
 * - venue-reported: `equity` the spot total; with no isolated position, the maintenance margin
 *   Σ `crossMaintenanceMarginUsed` and the published ratio, crossMargin / total, which is then the
 *   engine's maintenance margin / equity (with isolated positions the venue's ratio leaves their
 *   margin out, so it would not compare; it is given only when available > 0, as published).
 *   The dexes' `marginSummary` and `withdrawable` are not read: not meaningful, the docs say.
 *   The spot state's `tokenToAvailableAfterMaintenance` (per token: total − isolated `marginUsed`
 *   − cross MM, the engine's cross equity less its cross maintenance margin, isolated positions
 *   or not) is not carried: the portfolio file's venue-reported account figures (equity,
 *   maintenance margin, margin ratio) have no field for it. The engine is checked against it on
 *   captured accounts (hyperliquid-unified-captures.test.ts).
 * Units: the collateral token; prices in it per coin.
 */
export interface HyperliquidUnifiedAccountInput {
  readonly accountId: string;
  /** The collateral token's name (USDC, USDH, …): the balance and settlement asset. */
  readonly collateral: string;
  /** The token's spot `total`, undefined when the spot state has no line for it. */
  readonly spotTotal: string | undefined;
  /** The perp dexes whose collateral is the token and that hold a position. */
  readonly dexes: readonly HyperliquidUnifiedDex[];
}

export interface HyperliquidUnifiedDex {
  /** The dex's name, `""` for the first perp dex. */
  readonly dex: string;
  /** Its `clearinghouseState` answer. */
  readonly state: unknown;
  /** Its market list (`metaAndAssetCtxs`), by coin as the venue names it. */
  readonly assets: ReadonlyMap<string, HyperliquidAsset>;
  /** The reader of its `clearinghouseState` request. */
  readonly reader: PayloadReader;
}

export function readHyperliquidUnifiedAccount(
  input: HyperliquidUnifiedAccountInput,
  spotReader: PayloadReader,
): PortfolioFileAccount {
  const read: ReadHyperliquidPosition[] = [];
  let crossMaintenance = new Decimal(0);
  for (const { dex, state: response, assets, reader } of input.dexes) {
    const state = reader.object(response, 'answer');
    crossMaintenance = crossMaintenance.plus(
      reader.decimalString(
        state.crossMaintenanceMarginUsed,
        'answer crossMaintenanceMarginUsed',
        'nonNegative',
      ),
    );
    const dexInput = {
      accountId: input.accountId,
      state: response,
      assets,
      collateral: input.collateral,
      ...(dex !== '' && { dex }),
    };
    reader.array(state.assetPositions, 'assetPositions').forEach((raw, index) => {
      const item = readHyperliquidPosition(raw, index, dexInput, reader);
      if (item !== undefined) read.push(item);
    });
  }
  const total = input.spotTotal ?? '0';
  const where = `balances "${input.collateral}" total`;
  const unrealized = read.reduce((sum, item) => sum.plus(item.unrealizedPnl), new Decimal(0));
  const anyIsolated = read.some((item) => item.position.marginMode === 'isolated');
  const totalValue = new Decimal(total);
  return {
    id: input.accountId,
    venue: 'hyperliquid',
    marginMode: 'cross',
    positionMode: 'oneway',
    balances: [
      {
        asset: input.collateral,
        total: spotReader.computed(
          totalValue.minus(unrealized),
          `${where} − the positions' unrealizedPnl`,
        ),
      },
    ],
    positions: read.map((item) => item.position),
    venueReported: {
      equity: total,
      ...(!anyIsolated && {
        maintenanceMargin: spotReader.computed(
          crossMaintenance,
          "the dexes' crossMaintenanceMarginUsed",
        ),
      }),
      ...(!anyIsolated &&
        totalValue.gt(0) && {
          marginRatio: spotReader.computed(
            crossMaintenance.div(totalValue),
            `the dexes' crossMaintenanceMarginUsed / ${where}`,
          ),
        }),
    },
  };
}
