import { NotSupported } from 'ccxt-src/base/errors.js';
import Decimal from 'decimal.js';
import type {
  PortfolioFileAccount,
  PortfolioFilePosition,
  PortfolioFileVenueReportedAccount,
} from '../api/venue-api-types';
import type { BybitWallet } from './bybit-wallet';

/**
 * A Bybit Unified Trading Account as portfolio-file accounts the engine can compute.
 *
 * Bybit margins a cross (or isolated) UTA in USD across every collateral coin: each coin is
 * valued at its USD index price times its collateral value ratio, and one account MM rate decides
 * liquidation (UTA glossary, https://www.bybit.com/en/help-center/article/Glossary-Unified-
 * Trading-Account; "Understanding Collateral Value Ratios in Unified Trading Account"). The
 * engine's Bybit rules compute one settlement asset per account (lib/engine/margin/bybit.ts,
 * linear-tiered-account.ts, inverse-tiered-account.ts, bybit-option-account.ts), so the UTA is
 * emitted as one account per settlement asset, id `${accountId}:${asset}`: the coin's balance
 * and every position settled in it (linear USDT or USDC contracts, USDT or USDC options, inverse
 * contracts in their coin). A coin with a zero balance and no position is no account; a
 * position's coin with a zero balance gives an account without balances.
 *
 * This is an approximation of Bybit's multi-collateral margin, and a conservative one: in our
 * figures the collateral of one coin does not back another coin's positions (nor offset its
 * losses). Wherever Bybit would liquidate the UTA (Σ MM ≥ Σ margin balance), at least one of
 * these accounts is liquidated too (its own MM ≥ its own equity), collateral haircuts aside; the
 * reverse does not hold — an account can reach liquidation here while other coins would still
 * carry it at Bybit. Positions keep the venue's own figures (bybit-positions.ts), so a cross
 * liquidation price Bybit estimates for the whole UTA shows beside ours as a difference.
 *
 * The venue's account figures (`venueReported`), only where they mean what the engine computes
 * for the account (maintenance margin and equity in the settlement asset, margin ratio = MM /
 * equity, DESIGN.md §4):
 * - `maintenanceMargin`: the coin's `totalPositionMM` (its positions' maintenance margin);
 * - `equity`: the coin's `equity`, except when the account holds options — the coin's equity adds
 *   the options' value, which the engine's cross margin balance leaves out (glossary);
 * - `marginRatio`: `accountMMRate` only when the whole UTA is this one account (every balance and
 *   position in one coin); otherwise Bybit's rate measures all coins together and no account's
 *   ratio is that figure, so it is left out. Bybit's rate also applies the coin's collateral
 *   value ratio, which the engine does not: a real difference of model, shown as such.
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
