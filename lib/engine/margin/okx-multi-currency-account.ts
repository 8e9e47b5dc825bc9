import Decimal from 'decimal.js';
import { PortfolioError } from '../portfolio/portfolio-error';
import { InstrumentKind, MarginMode, type Account, type Instrument } from '../product/types';
import { isUsdStablecoin } from '../product/usd-stablecoins';
import type { MarginSilo } from '../risk/margin-silo';
import { accountMarginOf } from './account-margin-of';
import { collateralValueUsd } from './collateral-table';
import {
  crossAccountCurrencies,
  pooledCollaterals,
  type PooledCollateral,
  type PooledCollateralWords,
} from './pooled-collateral';
import { isLinearStablecoinContract, type LinearVenue } from './linear-tiered-account';
import type { AccountMargin } from './margin-types';
import {
  pooledLeg,
  pooledPositionMargin,
  pooledSilo,
  walletsByAsset,
  type PooledLeg,
  pooledLegsAt,
} from './pooled-account-book';
import { perUnderlyingLiquidationPrices } from './solve-liquidation-price';
import type { MarginContext } from './venue-context';

/**
 * An OKX account in multi-currency margin mode (account level `acctLv` 3) whose cross positions
 * settle in more than one currency, or whose collateral is in other currencies than the settlement
 * one: ONE cross account in USD, every currency's equity valued at its USD price times OKX's
 * tiered discount rate. Money in USD; prices in each contract's quote.
 *
 * Sources (read 2026-12-07):
 * - OKX help centre, "Multi-currency margin mode: cross margin trading"
 *   (https://www.okx.com/help/iv-multi-currency-margin-mode-cross-margin-trading, published
 *   2023-03-21, updated 2024-10-25): "the risk is measured in USD. If your overall adjusted equity
 *   (USD) is sufficient to cover the maintenance margin for all positions, they won't be liquidated
 *   or reduced"; Equity (cross) of a currency = "Balance + Floating PnL (cross) + Options value −
 *   Accrued interest" (`cashBal` is the balance); liability = Abs{Min[0, Equity]} + isolated
 *   margin liabilities; adjusted equity = ∑(currency equity × discount rate × USD price)
 *   (`adjEq`); maintenance margin = ∑(position value × tier maintenance rate), the position value
 *   being all positions plus potential borrowing (USD); the discount example: 100 BTC at 60,000 USD,
 *   tiers by BTC amount 0–20 at 0.98, 20–25 at 0.975, 25–30 at 0.97, 30–50 at 0.965, 50–70 at
 *   0.96, 70–90 at 0.955, 90–110 at 0.95 → adjusted equity 5,785,500 USD (against 6,000,000).
 * - OKX API v5, "Get discount rate and interest-free quota", public
 *   `GET /api/v5/public/discount-rate-interest-free-quota`
 *   (https://www.okx.com/docs-v5/en/#public-data-rest-api-get-discount-rate-and-interest-free-quota):
 *   `details[]` `minAmt`/`maxAmt` "Tier − lower/upper bound. The unit is the currency like BTC"
 *   (`maxAmt` "" for positive infinity), `discountRate`; `minDiscountRate` "Minimum discount rate
 *   when it exceeds the maximum amount of the last tier". Carried by the file's `collateralTables`
 *   (collateral-table.ts, basis quantity, one table per currency, every currency of the account;
 *   lib/venues/okx/okx-discount-rates.ts reads them).
 * - OKX API v5, "Get balance" (https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-balance):
 *   `adjEq` "Adjusted / Effective equity in USD … the asset and margin requirement will all be
 *   converted to USD value to process the order check or liquidation"; `mmr` "the sum of
 *   maintenance margins of all open positions and pending orders under cross-margin mode in USD";
 *   `mgnRatio` the account's margin ratio, adjEq / mmr (lib/venues/okx/okx-balance.ts).
 *
 * What is computed, per currency c with balance W_c (`cashBal`) and USD price X_c:
 *   E_c = W_c + Σ unrealised P&L of the cross perpetuals and futures settled in c   (coins)
 *   adjusted equity = Σ_c Σ_tiers slice(E_c) · discount rate · X_c                  (USD)
 *   MM = Σ positions' tiered MM (OKX position tiers, okx.ts) · X_settle             (USD)
 *   margin ratio (ours) = MM / adjusted equity; OKX liquidates at adjEq / MM = 100%
 * Pending orders are not in a portfolio file: their part of OKX's `mmr` is 0 here.
 *
 * Refused by name, because OKX does not publish what they add or we could not establish it:
 * - a liability: a currency whose cross equity is negative (auto-borrow from losses or spot
 *   sales). OKX adds the borrowing to the position value ("potential borrowing") with a maintenance
 *   rate by tier, but how a liability's tiers and rate are chosen in multi-currency margin is not
 *   stated; so an account with a liability now is refused with that reason, and so is a
 *   liquidation price reached only after a currency's equity has turned negative (or, with no
 *   liquidation price, any such point), the refusal then giving the account's figures now, which
 *   hold no liability (the engine has no per-position "liquidation price not computed").
 * - isolated positions inside the account (a currency's `eq` holds their margin, OKX's `adjEq`
 *   does not; how OKX splits the discount between them is not stated);
 * - inverse (coin-margined) contracts, options, spot-margin positions and linear contracts not
 *   settled in USDT or USDC, each named as such (not built);
 * - a currency without its discount-rate table, a non-stablecoin without its USD price.
 * Copies of the help page write the margin ratio as adjusted equity / (maintenance margin +
 * fees) without saying which fees; OKX's API `mgnRatio` is adjEq / mmr, with no fee, and that is
 * the ratio computed here (the report's is its inverse, MM / adjusted equity). OKX's help centre
 * "Tiered maintenance margin ratio rules" (May 2025) puts liquidation at equity ≤ MM + applicable
 * liquidation fees: the trigger here (adjusted equity = MM) leaves that fee out, as the
 * single-currency cross rule does (okx.ts); it is not built.
 *
 * Liquidation prices: the surplus, adjusted equity − MM, as a function of the underlyings'
 * prices; a collateral currency that is also an underlying (BTC held, BTC-USDT perpetual) moves
 * with the contract's mark in the same ratio, so a long BTC perpetual backed by BTC loses on both
 * as BTC falls. Each position's liquidation price is the nearest mark where the surplus reaches 0
 * with the other underlyings at their marks (solved numerically, solve-liquidation-price.ts). In
 * the scenarios of the path simulation a point where a currency's equity turns negative is
 * counted as reaching liquidation: the liability's maintenance margin is not established, and
 * that is the conservative reading.
 */
export const OKX_MULTI_CURRENCY_LIQUIDATION_MARGIN_RATIO = 1;

const LIABILITY_REASON =
  "OKX's maintenance margin on liabilities (negative currency equity, auto-borrow) in multi-currency margin is not published in a form we could establish";

/** A currency of the account: its `cashBal`, USD price and discount rates. */
type Currency = PooledCollateral;

const OKX_COLLATERAL_WORDS: PooledCollateralWords = {
  venue: 'OKX',
  price: 'USD price',
  unit: 'currency',
  rates: 'discount rates',
  ratesEndpoint: (asset) => `GET /api/v5/public/discount-rate-interest-free-quota?ccy=${asset}`,
};

interface MultiCurrencyBook {
  readonly currencies: readonly Currency[];
  readonly legs: readonly PooledLeg[];
  /** Underlyings of the positions, then collateral currencies without a position. */
  readonly bases: readonly string[];
  /** Their prices now: a position's mark, else the currency's USD price. */
  readonly references: readonly number[];
}

interface Evaluation {
  /** USD. */
  readonly adjustedEquity: number;
  /** USD. */
  readonly maintenanceMargin: number;
  /** The first currency whose cross equity is negative at these prices, and that equity. */
  readonly liability: { readonly asset: string; readonly equity: number } | undefined;
  /** Each currency's cross equity (in the currency) at these prices. */
  readonly equities: ReadonlyMap<string, number>;
}

/**
 * The currencies of a cross OKX account margined across currencies, or undefined when it is not
 * one: cross margin with more than one currency among its non-zero balances and its positions'
 * settlement currencies (OKX's multi-currency margin; an account of one currency is computed by
 * the single-currency rules, okx.ts). A portfolio file's OKX cross account with several
 * currencies is read as multi-currency margin only with its `collateralIndex`
 * ({@link okxMultiCurrencyAssets}): single-currency margin keeps each currency apart, one
 * account each, and spot mode has no margin. The one definition, for the engine ({@link okxMultiCurrencyAssets}) and for
 * the adapter that builds the account (lib/venues/okx/okx-adapter.ts).
 */
export function okxMultiCurrencies(
  marginMode: MarginMode,
  balances: readonly { readonly asset: string; readonly total: Decimal.Value }[],
  settles: readonly string[],
): string[] | undefined {
  return crossAccountCurrencies(marginMode, balances, settles);
}

/**
 * {@link okxMultiCurrencies} of an account that says it is in multi-currency margin: it carries
 * its currencies' USD prices (`collateralIndex`, which the adapter writes only for an account
 * at level `acctLv` 3). Without that signal an account of several currencies is not read as
 * multi-currency margin ({@link refuseOkxUnmarkedCurrencies}).
 */
export function okxMultiCurrencyAssets(account: Account): string[] | undefined {
  if (account.collateralIndex === undefined) return undefined;
  return okxMultiCurrencies(
    account.marginMode,
    account.balances,
    account.positions.map((position) => position.instrument.settle),
  );
}

/**
 * Refuses, by what it most likely is, an OKX cross account of several currencies that does not
 * say it is in multi-currency margin (no `collateralIndex`): without derivatives positions, a
 * spot-mode account (`acctLv` 1, all its balances in one account) has no margin to compute;
 * with positions, single-currency margin keeps each currency apart.
 */
export function refuseOkxUnmarkedCurrencies(account: Account): void {
  if (account.collateralIndex !== undefined) return;
  const assets = okxMultiCurrencies(
    account.marginMode,
    account.balances,
    account.positions.map((position) => position.instrument.settle),
  );
  if (assets === undefined) return;
  const where = `account "${account.id}"`;
  if (account.positions.length === 0)
    throw new PortfolioError([
      `${where}: holds ${assets.join(', ')} and no derivatives positions, so there is no OKX margin to compute (an OKX spot-mode account, acctLv 1, is one such account); give each currency its own account, or add collateralIndex and the discount tables (collateralTables) if it is in multi-currency margin`,
    ]);
  throw new PortfolioError([
    `${where}: an OKX cross account mixing ${assets.join(', ')} without collateralIndex is read as single-currency margin, which keeps each currency apart; split the account per currency, or add collateralIndex (each currency's USD price) and the discount tables (collateralTables) if it is in multi-currency margin`,
  ]);
}

export function okxMultiCurrencyAccountMargin(
  account: Account,
  venue: LinearVenue,
  context: MarginContext,
): AccountMargin {
  const book = multiCurrencyBook(account, venue, context);
  const now = evaluate(book, book.references);
  const levelOf = liquidationLevels(account, book);
  const usdOf = (asset: string) => currencyOf(book, asset).priceUsd;
  const positions = book.legs.map((leg) =>
    pooledPositionMargin(leg, {
      valueUsd: usdOf(leg.settle),
      marginUsd: usdOf(leg.settle),
      level: levelOf(leg.base),
      reference: book.references[book.bases.indexOf(leg.base)] ?? leg.mark,
      account:
        'OKX multi-currency margin, discount-rate collateral (liquidated at adjusted equity / MM 100%)',
    }),
  );
  return accountMarginOf({
    accountId: account.id,
    venue: account.venue,
    settle: 'USD',
    walletBalance: book.currencies.reduce((sum, entry) => sum + entry.balance * entry.priceUsd, 0),
    equity: now.adjustedEquity,
    maintenanceMargin: now.maintenanceMargin,
    positions,
  });
}

/** The account as one silo: adjusted equity − MM (USD) as its underlyings and currencies move. */
export function okxMultiCurrencyAccountSilos(
  account: Account,
  venue: LinearVenue,
  context: MarginContext,
): MarginSilo[] {
  if (account.positions.length === 0) return [];
  const book = multiCurrencyBook(account, venue, context);
  const now = evaluate(book, book.references);
  // Refused the same way as the report (a liability before a liquidation price).
  const levelOf = liquidationLevels(account, book);
  book.legs.forEach((leg) => levelOf(leg.base));
  // What can leave: adjusted equity above the positions' IM (notional / leverage; at the tier's
  // maximum leverage when the position's own is unknown).
  const initial = book.legs.reduce((sum, leg) => {
    const { resolved } = leg;
    const margin =
      resolved.initialMargin?.toNumber() ?? resolved.notional.toNumber() / resolved.maxLeverage;
    return sum + margin * currencyOf(book, leg.settle).priceUsd;
  }, 0);
  return [
    pooledSilo(account, {
      wallet: book.currencies.reduce((sum, entry) => sum + entry.balance * entry.priceUsd, 0),
      assets: book.bases,
      markPrices: book.references,
      surplus: (prices) => {
        const evaluation = evaluate(book, prices);
        const surplus = surplusOf(evaluation);
        // A liability's maintenance margin is not established: counted as reaching liquidation.
        return evaluation.liability === undefined ? surplus : Math.min(surplus, 0);
      },
      freeCollateral: Math.max(0, now.adjustedEquity - initial),
    }),
  ];
}

/**
 * Each underlying's liquidation price (null: none), refusing the account when a currency's
 * equity is negative now, or turns negative as that underlying moves before its liquidation
 * price is reached (or, with no liquidation price, at all) — the point where the path
 * simulation counts it as liquidated (okxMultiCurrencyAccountSilos), so the report never says
 * "never" where the simulation liquidates. A single underlying moving moves each currency's
 * equity linearly: its zero is found exactly.
 */
function liquidationLevels(
  account: Account,
  book: MultiCurrencyBook,
): (base: string) => number | null {
  const where = `account "${account.id}"`;
  const now = evaluate(book, book.references);
  if (now.liability !== undefined)
    throw new PortfolioError([
      `${where} balances "${now.liability.asset}": cross equity ${now.liability.equity} ${now.liability.asset} is a liability; ${LIABILITY_REASON}, so an OKX multi-currency account with a liability is not computed`,
    ]);
  const levelOf = perUnderlyingLiquidationPrices(book.bases, book.references, (prices) =>
    surplusOf(evaluate(book, prices)),
  );
  return (base) => {
    const level = levelOf(base);
    const unit = book.bases.indexOf(base);
    const reference = book.references[unit] ?? 1;
    const liability = firstLiability(book, unit);
    if (
      liability !== undefined &&
      (level === null || Math.abs(liability.price - reference) <= Math.abs(level - reference))
    ) {
      const ratio = now.maintenanceMargin / now.adjustedEquity;
      throw new PortfolioError([
        `${where}: at ${base} ${liability.price.toPrecision(8)}, ${level === null ? 'with no liquidation price of its own' : `before its liquidation price ${level.toPrecision(8)}`}, the account's ${liability.asset} equity would turn negative, a liability; ${LIABILITY_REASON}, so its liquidation price is not computed. The figures now are sound (no liability now: adjusted equity ${now.adjustedEquity.toFixed(2)} USD, maintenance margin ${now.maintenanceMargin.toFixed(2)} USD, margin ratio ${(ratio * 100).toFixed(2)}%); only the liquidation price is missing (hold enough ${liability.asset} to cover the positions settled in it)`,
      ]);
    }
    return level;
  };
}

/**
 * The nearest price of underlying `unit` (the others at their references) where a currency's
 * cross equity reaches 0 from a non-negative value now, or undefined: each equity is linear in
 * that one price, so its zero is read off two points.
 */
function firstLiability(
  book: MultiCurrencyBook,
  unit: number,
): { readonly asset: string; readonly price: number } | undefined {
  const reference = book.references[unit] ?? 1;
  const at = (price: number) =>
    evaluate(
      book,
      book.references.map((other, index) => (index === unit ? price : other)),
    ).equities;
  const here = at(reference);
  const there = at(2 * reference);
  let found: { asset: string; price: number } | undefined;
  for (const [asset, equity] of here) {
    const slope = ((there.get(asset) ?? equity) - equity) / reference;
    if (slope === 0) continue;
    const price = reference - equity / slope;
    if (!(price > 0)) continue;
    if (found === undefined || Math.abs(price - reference) < Math.abs(found.price - reference))
      found = { asset, price };
  }
  return found;
}

function multiCurrencyBook(
  account: Account,
  venue: LinearVenue,
  context: MarginContext,
): MultiCurrencyBook {
  const where = `account "${account.id}"`;
  const problems: string[] = [];
  const legs: PooledLeg[] = [];
  for (const position of account.positions) {
    const at = `${where} position "${position.symbol}"`;
    if (position.marginMode === MarginMode.isolated) {
      problems.push(
        `${at} marginMode: an isolated position inside an OKX multi-currency account across currencies is not computed (its margin is in the currency's equity but outside OKX's adjusted equity, and how OKX discounts the two is not stated); put it in an account of its own`,
      );
      continue;
    }
    if (!isLinearStablecoinContract(position.instrument)) {
      problems.push(
        `${at}: ${contractKindOf(position.instrument)} in an OKX multi-currency account across currencies ${position.instrument.kind === InstrumentKind.spot ? 'are not computed (a spot or spot-margin holding is a balance: give it as one)' : 'are not computed yet'} (USDT and USDC perpetuals and futures are)`,
      );
      continue;
    }
    legs.push(pooledLeg(account, position, venue, context));
  }
  const balances = walletsByAsset(account, { skipZero: true });
  const assets = [...new Set([...balances.keys(), ...legs.map((leg) => leg.settle)])];
  const positionBases = [...new Set(legs.map((leg) => leg.base))];
  const bases = [
    ...positionBases,
    ...assets.filter((asset) => !isUsdStablecoin(asset) && !positionBases.includes(asset)),
  ];
  const currencies = pooledCollaterals(
    account,
    { venueId: venue.name, assets, balances, bases, context, words: OKX_COLLATERAL_WORDS },
    problems,
  );
  if (problems.length > 0) throw new PortfolioError(problems);
  const references = bases.map((base) => {
    const leg = legs.find((candidate) => candidate.base === base);
    if (leg) return leg.mark;
    return currencies.find((entry) => entry.asset === base)?.priceUsd ?? 1;
  });
  return { currencies, legs, bases, references };
}

/** The kind of a contract the multi-currency account does not compute, in words. */
function contractKindOf(instrument: Instrument): string {
  switch (instrument.kind) {
    case InstrumentKind.inversePerpetual:
    case InstrumentKind.inverseFuture:
      return 'inverse (coin-margined) contracts';
    case InstrumentKind.option:
      return 'options';
    case InstrumentKind.spot:
      return 'spot and spot-margin positions';
    default:
      return `linear contracts settled in ${instrument.settle} (not USDT or USDC)`;
  }
}

function currencyOf(book: MultiCurrencyBook, asset: string): Currency {
  const found = book.currencies.find((entry) => entry.asset === asset);
  if (!found) throw new RangeError(`okxMultiCurrencyAccount: no currency ${asset} in the book`);
  return found;
}

/**
 * Adjusted equity and MM in USD with each underlying at `prices` (in `book.bases` order). A
 * negative equity is carried at its face value only so that the surplus stays continuous; the
 * callers refuse (or, in scenarios, count as liquidated) any point where one arises.
 */
function evaluate(book: MultiCurrencyBook, prices: readonly number[]): Evaluation {
  const {
    moveOf,
    amounts: equities,
    maintenance,
  } = pooledLegsAt(
    book,
    book.currencies.map((entry) => [entry.asset, entry.balance] as const),
    prices,
  );
  let adjustedEquity = 0;
  let maintenanceMargin = 0;
  let liability: Evaluation['liability'];
  for (const entry of book.currencies) {
    const priceUsd =
      entry.baseIndex < 0 ? entry.priceUsd : entry.priceUsd * moveOf(entry.baseIndex);
    const equity = equities.get(entry.asset) ?? 0;
    if (equity < 0 && liability === undefined) liability = { asset: entry.asset, equity };
    adjustedEquity += collateralValueUsd(entry.table, equity, priceUsd);
    maintenanceMargin += (maintenance.get(entry.asset) ?? 0) * priceUsd;
  }
  return { adjustedEquity, maintenanceMargin, liability, equities };
}

/** Adjusted equity − MM (USD): ≤ 0 where OKX liquidates (adjEq / MM ≤ 100%). */
function surplusOf(evaluation: Evaluation): number {
  return (
    evaluation.adjustedEquity -
    OKX_MULTI_CURRENCY_LIQUIDATION_MARGIN_RATIO * evaluation.maintenanceMargin
  );
}
