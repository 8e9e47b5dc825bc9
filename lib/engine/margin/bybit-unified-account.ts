import Decimal from 'decimal.js';
import { PortfolioError } from '../portfolio/portfolio-error';
import { InstrumentKind, MarginMode, type Account } from '../product/types';
import { isUsdStablecoin } from '../product/usd-stablecoins';
import type { MarginSilo } from '../risk/margin-silo';
import { accountMarginOf } from './account-margin-of';
import {
  bybitOptionLeg,
  bybitOptionLegMaintenanceAt,
  bybitOptionLegMargin,
  type OptionLeg,
} from './bybit-option-account';
import { collateralValueUsd } from './collateral-table';
import {
  crossAccountCurrencies,
  pooledCollaterals,
  type PooledCollateral,
  type PooledCollateralWords,
} from './pooled-collateral';
import { isLinearStablecoinContract, type LinearVenue } from './linear-tiered-account';
import type { AccountMargin, PositionMargin } from './margin-types';
import { perUnderlyingLiquidationPrices } from './solve-liquidation-price';
import { TierOrigin } from './tier-table';
import type { MarginContext } from './venue-context';
import {
  pooledLeg,
  pooledPositionMargin,
  pooledSilo,
  walletsByAsset,
  type PooledLeg,
  pooledLegsAt,
} from './pooled-account-book';

/**
 * A Bybit Unified Trading Account in cross margin as ONE cross-collateral account: every coin it
 * holds (USDT, USDC, BTC, …) backs every USDT and USDC perpetual and future, each coin valued at
 * its USD index price times its tiered collateral value ratio, and every USDT- or USDC-settled
 * option. Money in USD; prices in each contract's quote.
 *
 * Sources (Bybit help center and API v5):
 * - "Key Terms and Formulas in Unified Trading Account" (UTA glossary,
 *   https://www.bybit.com/en/help-center/article/Glossary-Unified-Trading-Account, updated
 *   2026-03-13), cross margin: "Margin Balance: the total amount that can be used as margin under
 *   the account after considering the collateral value ratio (calculated in USD) = Wallet
 *   Balance + Perp & Future Unrealized P&L − Spot Borrow"; "Account IM Rate = Total Initial
 *   Margin / (Margin Balance − Haircut Loss + Order Loss)"; "Account MM Rate = Total Maintenance
 *   Margin / (Margin Balance − Haircut Loss + Order Loss)"; Total Initial (Maintenance) Margin =
 *   Σ over open positions, active orders and borrowed assets (USD). Haircut and order loss come
 *   from open spot orders, which a portfolio file does not hold: 0 here. A coin's negative equity
 *   is the derivatives liability Bybit auto-borrows ("Borrowed Amount = ABS[Min(0, Equity − …)]",
 *   "Borrowing, Interest and Repayment (Unified Trading Account)", https://www.bybit.com/en/
 *   help-center/article/Borrowing-Repayment-UTA): it is counted once, at 100%, as the negative
 *   amount below; spot borrowing, on which Bybit adds borrowing maintenance margin, is refused
 *   before the account reaches the engine (lib/venues/bybit/bybit-silos.ts).
 * - "Understanding Collateral Value Ratios in Unified Trading Account"
 *   (https://www.bybit.com/en/help-center/article/Assets-Collateral-Value-Ratio-List-UTA):
 *   "Sum (Asset 1 × USD Index Price × Collateral Value Ratio + … )", the ratio tiered by the
 *   coin's quantity ("Tier(Quantity)"), and "The Collateral Value Ratio only applies to assets with
 *   a positive balance. For assets with a negative balance default to a 100% collateral value
 *   ratio." The ratios: public `GET /v5/spot-margin-trade/collateral` (`collateralRatioList`:
 *   `minQty`, `maxQty` "in coin", `collateralRatio`), carried by the file's `collateralTables`
 *   (collateral-table.ts, one table per coin, every coin of the account).
 * - Liquidation: the account is liquidated when its MM rate reaches 100% (UTA glossary, "Account
 *   MM Rate"; Bybit publishes no per-position price under cross margin).
 *
 * What is computed, per coin c with balance W_c (wallet balance net of spot borrowing; negative
 * when realised losses and fees exceed it) and USD index price X_c:
 *   A_c = W_c + Σ unrealised P&L of the perpetuals and futures settled in c   (coins)
 *   V_c = Σ_tiers slice·ratio · X_c when A_c > 0, else A_c · X_c               (USD)
 *   margin balance = Σ_c V_c;  total MM = Σ positions' MM · X_settle;  total IM likewise
 *   account MM rate = total MM / margin balance (the report's `marginRatio`)
 * A position's MM is the engine's tiered Bybit MM at mark (linear-tiered-account.ts: the tier in
 * force > the file's risk-limit table > the embedded table), its IM notional / leverage, both with
 * Bybit's estimated fee to close (bybit-fee-to-close.ts, 0 without the position's `takerFeeRate`). An
 * option's IM and MM are Bybit's option standard margin (bybit-option-margin.ts, short options
 * only) in its settlement coin; its value and unrealised P&L are not in the cross margin balance
 * ("Margin Balance … Cross Margin: Wallet Balance + Perp & Future Unrealized P&L", glossary).
 * X_c is the account's `collateralIndex` (Bybit's USD indexes, read with the account) where it
 * carries one — then every coin must be in it; otherwise the file's `market.prices`, stablecoins
 * without a price taken at 1 USD (the engine's stated peg, usd-stablecoins.ts), any other coin
 * needing its USD index price there.
 *
 * Liquidation prices: the surplus, margin balance − total MM, is a function of the underlyings'
 * prices; where an underlying is also a collateral coin (BTC perpetual, BTC collateral), the
 * coin's index moves with the contract's mark in the same ratio, so a short BTC perpetual backed by
 * BTC loses collateral value as it gains. Each position's liquidation price is the nearest mark
 * at which the surplus reaches zero with the other underlyings at their marks (solved
 * numerically, solve-liquidation-price.ts); a collateral coin without a position moves only in
 * the scenarios (the silo's `nonlinear` surplus takes it as an asset). An underlying with options
 * is measured on its index (the options' margin is computed on it; perpetuals' marks and the
 * coin's USD index move in the same ratio), each option's mark by its Black-76 change at its
 * mark IV (bybit-option-account.ts), so the surplus at today's prices is the venue-formula figure.
 *
 * Refused by name: inverse contracts, isolated positions inside the cross account, a coin
 * without its collateral table, a non-stablecoin without its USD price.
 *
 * Units of the report: the account's money in USD (`settle` "USD"), positions' money too — a
 * position's own figures as Bybit lists them are in its settlement coin, so beside them ours
 * differ by that coin's USD index (USDT 1.0001 in the fixtures: 460.046 USD against 460 USDT).
 */
export const BYBIT_UNIFIED_LIQUIDATION_MM_RATE = 1;

type Leg = PooledLeg;

/** A collateral coin: wallet balance net of spot borrowing (negative: a derivatives liability). */
type Coin = PooledCollateral;

const BYBIT_COLLATERAL_WORDS: PooledCollateralWords = {
  venue: 'Bybit',
  price: 'USD index',
  unit: 'coin',
  rates: 'collateral value ratio',
  ratesEndpoint: (asset) => `GET /v5/spot-margin-trade/collateral?currency=${asset}`,
  holds: ' as collateral',
};

interface UnifiedBook {
  readonly coins: readonly Coin[];
  readonly legs: readonly Leg[];
  readonly options: readonly SettledOptionLeg[];
  /** Underlyings of the positions, then collateral coins without a position. */
  readonly bases: readonly string[];
  /** Their prices now: an option's index, else a position's mark, else the coin's USD index. */
  readonly references: readonly number[];
}

interface SettledOptionLeg {
  readonly leg: OptionLeg;
  readonly settle: string;
}

/**
 * The coins of a cross-margin Bybit Unified Trading Account margined across coins, or undefined
 * when it is not one: cross margin with more than one coin among its non-zero balances (a zero
 * line holds nothing to margin with; Bybit's wallet lists none unless asked by name) and its
 * positions' settlement coins. In order: the balances', then the settlement coins. The one
 * definition, for the engine ({@link isBybitCrossCollateralAccount}) and for the adapter that
 * builds the account (lib/venues/bybit/bybit-silos.ts `bybitUnifiedCoins`).
 */
export function bybitCrossCollateralCoins(
  marginMode: MarginMode,
  balances: readonly { readonly asset: string; readonly total: Decimal.Value }[],
  settles: readonly string[],
): string[] | undefined {
  return crossAccountCurrencies(marginMode, balances, settles);
}

/** Whether a Bybit account is one cross-collateral account ({@link bybitCrossCollateralCoins}). */
export function isBybitCrossCollateralAccount(account: Account): boolean {
  return (
    bybitCrossCollateralCoins(
      account.marginMode,
      account.balances,
      account.positions.map((position) => position.instrument.settle),
    ) !== undefined
  );
}

export function bybitUnifiedAccountMargin(
  account: Account,
  venue: LinearVenue,
  context: MarginContext,
): AccountMargin {
  const book = unifiedBook(account, venue, context);
  const now = evaluate(book, book.references);
  const levelOf = perUnderlyingLiquidationPrices(book.bases, book.references, (prices) =>
    surplusOf(evaluate(book, prices)),
  );
  const usdOf = (settle: string) => coinOf(book, settle).priceUsd;
  const futures: PositionMargin[] = book.legs.map((leg) =>
    pooledPositionMargin(leg, {
      valueUsd: usdOf(leg.settle),
      marginUsd: usdOf(leg.settle),
      level: levelOf(leg.base),
      reference: book.references[book.bases.indexOf(leg.base)] ?? leg.mark,
      account: 'Bybit unified account, cross collateral (liquidated at account MM rate 100%)',
    }),
  );
  const options: PositionMargin[] = book.options.map(({ leg, settle }) => {
    const margin = bybitOptionLegMargin(leg);
    const notional = leg.quantity * leg.index * usdOf(settle);
    const maintenance = margin.maintenance * usdOf(settle);
    return {
      symbol: leg.position.symbol,
      side: leg.position.side,
      marginMode: MarginMode.cross,
      quantity: leg.quantity,
      markPrice: leg.mark,
      notional,
      unrealizedPnl: leg.sign * leg.quantity * (leg.mark - leg.entry) * usdOf(settle),
      initialMargin: margin.initial * usdOf(settle),
      maintenanceMargin: maintenance,
      maintenanceMarginRate: notional > 0 ? maintenance / notional : 0,
      maxLeverage: 1,
      tierSource: `Bybit options standard margin (${leg.parameters.source}); Bybit unified account, cross collateral`,
      tierOrigin: TierOrigin.venueRule,
      tierTable: null,
      liquidationPrice: levelOf(leg.base),
      liquidationMethod: 'numeric',
      referencePrice: leg.index,
    };
  });
  // Positions in the file's order.
  const byPosition = new Map<object, PositionMargin>();
  book.legs.forEach((leg, index) =>
    byPosition.set(leg.resolved.position, futures[index] as PositionMargin),
  );
  book.options.forEach(({ leg }, index) =>
    byPosition.set(leg.position, options[index] as PositionMargin),
  );
  const positions = account.positions.map((position) => byPosition.get(position) as PositionMargin);
  return accountMarginOf({
    accountId: account.id,
    venue: account.venue,
    settle: 'USD',
    walletBalance: book.coins.reduce((sum, coin) => sum + coin.balance * coin.priceUsd, 0),
    equity: now.marginBalance,
    maintenanceMargin: now.maintenanceMargin,
    positions,
  });
}

/** The account as one silo: margin balance − total MM (USD) as its underlyings and coins move. */
export function bybitUnifiedAccountSilos(
  account: Account,
  venue: LinearVenue,
  context: MarginContext,
): MarginSilo[] {
  if (account.positions.length === 0) return [];
  const book = unifiedBook(account, venue, context);
  const now = evaluate(book, book.references);
  // What can leave: margin balance above the positions' IM (notional / leverage plus the fee to
  // close; at the tier's maximum leverage when the position's own is unknown).
  const initial =
    book.legs.reduce((sum, leg) => {
      const { resolved } = leg;
      const margin =
        resolved.initialMargin?.toNumber() ?? resolved.notional.toNumber() / resolved.maxLeverage;
      return sum + margin * coinOf(book, leg.settle).priceUsd;
    }, 0) +
    book.options.reduce(
      (sum, { leg, settle }) =>
        sum + bybitOptionLegMargin(leg).initial * coinOf(book, settle).priceUsd,
      0,
    );
  return [
    pooledSilo(account, {
      wallet: book.coins.reduce((sum, coin) => sum + coin.balance * coin.priceUsd, 0),
      assets: book.bases,
      markPrices: book.references,
      surplus: (prices) => surplusOf(evaluate(book, prices)),
      freeCollateral: Math.max(0, now.marginBalance - initial),
    }),
  ];
}

function unifiedBook(account: Account, venue: LinearVenue, context: MarginContext): UnifiedBook {
  const where = `account "${account.id}"`;
  const problems: string[] = [];
  const legs: Leg[] = [];
  const options: SettledOptionLeg[] = [];
  for (const position of account.positions) {
    const at = `${where} position "${position.symbol}"`;
    const { instrument } = position;
    if (position.marginMode === MarginMode.isolated) {
      problems.push(
        `${at} marginMode: a cross-margin Unified Trading Account margins every position together; an isolated position belongs in an account of its own`,
      );
      continue;
    }
    if (instrument.kind === InstrumentKind.option) {
      // (bybitSupportsInstrument admits USDC- and USDT-settled options only.)
      try {
        options.push({
          leg: bybitOptionLeg(account, position, instrument, context),
          settle: instrument.settle,
        });
      } catch (error) {
        if (!(error instanceof PortfolioError)) throw error;
        problems.push(...error.problems);
      }
      continue;
    }
    if (!isLinearStablecoinContract(instrument)) {
      problems.push(
        `${at}: inverse contracts in a Bybit Unified Trading Account carried by several collateral coins are not computed yet (USDT and USDC perpetuals and futures are); an inverse-only account in its coin is`,
      );
      continue;
    }
    legs.push(pooledLeg(account, position, venue, context));
  }

  // (A zero line is no coin: bybitCrossCollateralCoins.)
  const balances = walletsByAsset(account, { skipZero: true });
  const assets = [
    ...new Set([
      ...balances.keys(),
      ...legs.map((leg) => leg.settle),
      ...options.map((option) => option.settle),
    ]),
  ];
  const positionBases = [...new Set(account.positions.map((position) => position.instrument.base))];
  const bases = [
    ...positionBases,
    ...assets.filter((asset) => !isUsdStablecoin(asset) && !positionBases.includes(asset)),
  ];
  const coins = pooledCollaterals(
    account,
    { venueId: venue.name, assets, balances, bases, context, words: BYBIT_COLLATERAL_WORDS },
    problems,
  );
  if (problems.length > 0) throw new PortfolioError(problems);
  const references = bases.map((base) => {
    const option = options.find((candidate) => candidate.leg.base === base);
    if (option) return option.leg.index;
    const leg = legs.find((candidate) => candidate.base === base);
    if (leg) return leg.mark;
    return coins.find((coin) => coin.asset === base)?.priceUsd ?? 1;
  });
  return { coins, legs, options, bases, references };
}

function coinOf(book: UnifiedBook, asset: string): Coin {
  const coin = book.coins.find((entry) => entry.asset === asset);
  if (!coin) throw new RangeError(`bybitUnifiedAccount: no coin ${asset} in the book`);
  return coin;
}

interface Evaluation {
  /** USD. */
  readonly marginBalance: number;
  /** USD. */
  readonly maintenanceMargin: number;
}

/** Margin balance and total MM in USD with each underlying at `prices` (in `book.bases` order). */
function evaluate(book: UnifiedBook, prices: readonly number[]): Evaluation {
  const { moveOf, amounts, maintenance } = pooledLegsAt(
    book,
    book.coins.map((coin) => [coin.asset, coin.balance] as const),
    prices,
  );
  for (const { leg, settle } of book.options)
    maintenance.set(
      settle,
      (maintenance.get(settle) ?? 0) +
        bybitOptionLegMaintenanceAt(leg, moveOf(book.bases.indexOf(leg.base))),
    );
  let marginBalance = 0;
  let maintenanceMargin = 0;
  for (const coin of book.coins) {
    const priceUsd = coin.baseIndex < 0 ? coin.priceUsd : coin.priceUsd * moveOf(coin.baseIndex);
    marginBalance += collateralValueUsd(coin.table, amounts.get(coin.asset) ?? 0, priceUsd);
    maintenanceMargin += (maintenance.get(coin.asset) ?? 0) * priceUsd;
  }
  return { marginBalance, maintenanceMargin };
}

/** Margin balance − total MM (USD): ≤ 0 where Bybit liquidates (account MM rate ≥ 100%). */
function surplusOf(evaluation: Evaluation): number {
  return (
    evaluation.marginBalance - BYBIT_UNIFIED_LIQUIDATION_MM_RATE * evaluation.maintenanceMargin
  );
}
