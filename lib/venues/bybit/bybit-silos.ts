import { NotSupported } from 'ccxt-src/base/errors.js';
import Decimal from 'decimal.js';
import type {
  PortfolioFileAccount,
  PortfolioFilePosition,
  PortfolioFileVenueReportedAccount,
} from '../api/venue-api-types';
import { bybitCrossCollateralCoins } from '../../engine/margin/bybit-unified-account';
import type { BybitWallet } from './bybit-wallet';

/**
 * A Bybit Unified Trading Account as portfolio-file accounts the engine can compute.
 *
 * Bybit margins a cross (or portfolio) UTA in USD across every collateral coin: each coin is
 * valued at its USD index price times its tiered collateral value ratio, and one account MM rate
 * decides liquidation (UTA glossary, https://www.bybit.com/en/help-center/article/Glossary-Unified-
 * Trading-Account; "Understanding Collateral Value Ratios in Unified Trading Account").
 *
 * Cross margin, one account (id `accountId`): when the UTA holds no inverse contracts and more
 * than one coin among its non-zero coins and its positions' settlement coins
 * ({@link bybitUnifiedCoins}), it is one cross-collateral account — every non-zero coin's
 * balance (wallet balance net of spot borrowing), every USDT and USDC perpetual, future and
 * option — which the engine computes as Bybit does (lib/engine/margin/bybit-unified-account.ts) with the coins'
 * tiered collateral value ratios (the snapshot's `collateralTables`) and USD index prices (its
 * `prices`), read by the adapter. A coin Bybit does not count as collateral (`marginCollateral`
 * or `collateralSwitch` false) stays a balance of the account — a price exposure like any coin —
 * with a collateral table of ratio 0 from the adapter, so it adds nothing to the margin balance.
 * A coin's derivatives liability (negative equity, auto-borrowed) is its negative amount, counted
 * at 100%. The venue's account figures are the engine's own, in USD: `accountMMRate` as
 * `marginRatio`, `totalMaintenanceMargin`, `totalMarginBalance` as `equity` (bybit-wallet.ts).
 * Refused by name: spot borrowing (Bybit adds maintenance margin on borrowed assets, not
 * modelled yet) and a settlement coin switched off as collateral.
 *
 * Otherwise (isolated margin; cross margin in one coin; cross margin with inverse contracts,
 * whose margin across coins is not built yet) the UTA is emitted as one account per
 * settlement asset, id `${accountId}:${asset}`: the coin's balance and every position settled in
 * it (linear USDT or USDC contracts, USDT or USDC options, inverse contracts in their coin). A
 * coin with a zero balance and no position is no account; a position's coin with a zero balance
 * gives an account without balances. Split this way, one coin's collateral does not back another
 * coin's positions in our figures; where another coin is carrying a coin's positions at this
 * moment, the account is refused by name ({@link refuseBorrowedCollateral}).
 * Positions keep the venue's own figures (bybit-positions.ts).
 *
 * The split accounts' venue figures (`venueReported`), only where they mean what the engine
 * computes for the account (maintenance margin and equity in the settlement asset, margin ratio =
 * MM / equity, DESIGN.md §4):
 * - `maintenanceMargin`: the coin's `totalPositionMM` (its positions' maintenance margin);
 * - `equity`: the coin's `equity`, except when the account holds options — the coin's equity adds
 *   the options' value, which the engine's cross margin balance leaves out (glossary);
 * - `marginRatio`: `accountMMRate` only when the whole UTA is this one account (every balance and
 *   position in one coin); otherwise Bybit's rate measures all coins together and no account's
 *   ratio is that figure, so it is left out.
 * Isolated-margin accounts have no account-wide figures (bybit-wallet.ts), but the per-coin ones.
 *
 * Portfolio margin nets the whole UTA in one risk model: it stays one account, id `accountId`,
 * with every coin's balance and the account-wide figures (USD), which the engine refuses by name
 * until it covers Bybit portfolio margin.
 */
export interface BybitSiloPosition {
  /** The settlement coin (ccxt market `settle`). */
  readonly settle: string;
  /** A hedge-mode leg (`positionIdx` 1 or 2). */
  readonly hedgeLeg: boolean;
  readonly option: boolean;
  /** An inverse contract (settled in its coin). */
  readonly inverse: boolean;
  readonly position: PortfolioFilePosition;
}

export function bybitSilos(args: {
  readonly accountId: string;
  readonly marginMode: PortfolioFileAccount['marginMode'];
  readonly wallet: BybitWallet;
  readonly positions: readonly BybitSiloPosition[];
}): PortfolioFileAccount[] {
  const { accountId, marginMode, wallet, positions } = args;
  const held = wallet.coins.filter((coin) => !new Decimal(coin.balance).isZero());
  const balancesOf = (asset?: string) =>
    held
      .filter((coin) => asset === undefined || coin.asset === asset)
      .map((coin) => ({ asset: coin.asset, total: coin.balance }));
  const positionModeOf = (items: readonly BybitSiloPosition[]) =>
    items.some((item) => item.hedgeLeg) ? 'hedge' : 'oneway';

  if (marginMode === 'portfolio') {
    return [
      {
        id: accountId,
        venue: 'bybit',
        marginMode,
        positionMode: positionModeOf(positions),
        balances: balancesOf(),
        positions: positions.map((item) => item.position),
        ...(wallet.account !== undefined && { venueReported: wallet.account }),
      },
    ];
  }

  const unified = bybitUnifiedCoins(marginMode, wallet, positions);
  if (unified !== undefined) {
    refuseUnmodelled(wallet, unified, positions);
    return [
      {
        id: accountId,
        venue: 'bybit',
        marginMode,
        positionMode: positionModeOf(positions),
        balances: balancesOf(),
        positions: positions.map((item) => item.position),
        ...(wallet.account !== undefined && { venueReported: wallet.account }),
      },
    ];
  }

  const assets = [
    ...new Set([...held.map((coin) => coin.asset), ...positions.map((item) => item.settle)]),
  ];
  refuseBorrowedCollateral(wallet, positions);
  return assets.map((asset): PortfolioFileAccount => {
    const own = positions.filter((item) => item.settle === asset);
    const coin = wallet.coins.find((entry) => entry.asset === asset);
    const reported: Record<string, string> = {};
    if (assets.length === 1 && wallet.account?.marginRatio !== undefined)
      reported.marginRatio = wallet.account.marginRatio;
    if (coin?.maintenanceMargin !== undefined) reported.maintenanceMargin = coin.maintenanceMargin;
    if (coin?.equity !== undefined && !own.some((item) => item.option))
      reported.equity = coin.equity;
    const venueReported: PortfolioFileVenueReportedAccount | undefined =
      Object.keys(reported).length === 0 ? undefined : reported;
    return {
      id: `${accountId}:${asset}`,
      venue: 'bybit',
      marginMode,
      positionMode: positionModeOf(own),
      balances: balancesOf(asset),
      positions: own.map((item) => item.position),
      ...(venueReported !== undefined && { venueReported }),
    };
  });
}

/**
 * The coins of a cross UTA margined as one cross-collateral account, in the wallet's order then
 * the positions': the engine's one definition (bybitCrossCollateralCoins: every non-zero coin,
 * collateral or not, and the positions' settlement coins, more than one) — or undefined when the
 * UTA is not one, or holds inverse contracts (split per coin instead).
 */
export function bybitUnifiedCoins(
  marginMode: PortfolioFileAccount['marginMode'],
  wallet: BybitWallet,
  positions: readonly BybitSiloPosition[],
): string[] | undefined {
  // (The engine's margin across coins has no inverse contracts yet: such a UTA is split per coin.)
  if (positions.some((item) => item.inverse)) return undefined;
  return bybitCrossCollateralCoins(
    marginMode,
    wallet.coins.map((coin) => ({ asset: coin.asset, total: coin.balance })),
    positions.map((item) => item.settle),
  );
}

/**
 * Refuses a cross-collateral UTA with what the engine does not model: spot borrowing (spot
 * margin trading or manual borrowing, `spotBorrow`: Bybit's total MM adds "Maintenance Margin on
 * Borrowed Asset", UTA glossary) and a settlement coin that does not count as collateral (its
 * balance would be counted when it is not). A derivatives liability (`borrowAmount` −
 * `spotBorrow`: a coin's negative equity from losses and fees, which Bybit auto-borrows) is not
 * refused: it is the coin's negative amount, which the engine counts at 100% (bybit-wallet.ts).
 */
function refuseUnmodelled(
  wallet: BybitWallet,
  coins: readonly string[],
  positions: readonly BybitSiloPosition[],
): void {
  // (Any spot-borrowed coin, collateral or not: its maintenance margin is the account's.)
  for (const coin of wallet.coins) {
    if (new Decimal(coin.spotBorrowed).gt(0))
      throw new NotSupported(
        `bybit: this Unified Trading Account has spot-borrowed ${coin.spotBorrowed} ${coin.asset} (spotBorrow: spot margin trading or manual borrowing); Bybit adds maintenance margin on borrowed assets to the account's, which Margin Lens does not model yet, so its figures would understate the margin`,
      );
    if (
      coins.includes(coin.asset) &&
      !coin.collateral &&
      positions.some((item) => item.settle === coin.asset)
    )
      throw new NotSupported(
        `bybit: ${coin.asset} is switched off as collateral in this Unified Trading Account but settles its positions; Margin Lens does not model a settlement coin outside the margin balance yet`,
      );
  }
}

/**
 * Refuses a UTA whose positions in one coin are carried, at this moment, by other coins'
 * collateral: that coin's balance is zero or borrowed, or its equity (wallet balance with its
 * positions' unrealised P&L, Bybit's `equity`) no longer covers its positions' maintenance
 * margin (`totalPositionMM`) — while another coin holds value. Split per coin, such an account
 * would show a liquidation Bybit, valuing all collateral together, would not make. Until the
 * engine models Bybit's collateral value ratios, saying so is the honest answer. Short of that
 * point the split stands and is conservative: a coin's liquidation price and probability come
 * earlier than Bybit's, never later (README, Supported venues).
 */
function refuseBorrowedCollateral(wallet: BybitWallet, positions: readonly BybitSiloPosition[]) {
  for (const asset of new Set(positions.map((item) => item.settle))) {
    const backing = wallet.coins.filter(
      (coin) => coin.asset !== asset && new Decimal(coin.balance).gt(0),
    );
    if (backing.length === 0) continue;
    const coin = wallet.coins.find((entry) => entry.asset === asset);
    const balance = new Decimal(coin?.balance ?? 0);
    // (A coin's `equity` adds its options' value, which Bybit's cross margin balance leaves out:
    // for a coin with options only the balance rule applies.)
    const withOptions = positions.some((item) => item.settle === asset && item.option);
    const uncovered =
      !withOptions &&
      coin?.equity !== undefined &&
      coin.maintenanceMargin !== undefined &&
      new Decimal(coin.equity).lte(coin.maintenanceMargin);
    if (balance.gt(0) && !uncovered) continue;
    const state = uncovered
      ? `${asset} equity ${coin?.equity ?? ''} against maintenance margin ${coin?.maintenanceMargin ?? ''}`
      : `${asset} balance ${balance.toFixed()}`;
    throw new NotSupported(
      `bybit: this Unified Trading Account's ${asset} positions are carried by other coins' collateral (${state}; ${backing.map((other) => `${other.asset} ${other.balance}`).join(', ')}). Margin Lens does not model Bybit's multi-collateral margin yet: split per coin, it would show a liquidation Bybit would not make.`,
    );
  }
}
