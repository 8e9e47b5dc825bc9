import { PortfolioError } from '../portfolio/portfolio-error';
import { BINANCE_PM_LIQUIDATION_UNIMMR } from './binance-pm-liquidation-threshold';
import { accountMarginOf } from './account-margin-of';
import { MarginMode, type Account } from '../product/types';
import { siloMaintenanceMargin, type MarginSilo } from '../risk/margin-silo';
import { binanceUniMmr, type CollateralTier } from './binance-portfolio-margin';
import { CollateralBasis } from './collateral-table';
import { type LinearVenue } from './linear-tiered-account';
import type { AccountMargin, PositionMargin } from './margin-types';
import { perUnderlyingLiquidationPrices } from './solve-liquidation-price';
import type { MarginContext } from './venue-context';
import { pooledLeg, pooledSilo, walletsByAsset, type PooledLeg } from './pooled-account-book';

/**
 * A Binance Portfolio Margin account's USDⓈ-M side (`binanceusdm`, `marginMode: "portfolio"`):
 * its futures wallet balances and UM positions margined together by the unified maintenance
 * margin ratio.
 *
 * Formulas (binance-portfolio-margin.ts; uniMMR FAQ 4868b2f1aa6c4d08af973328462bb0bd and PM Pro
 * FAQ 5e33af8e6ac04d57a1d0a3398e0a0752 [OFFICIAL], methodology §1.5):
 *   uniMMR = Σ adjusted equity / Σ MM
 *   adjusted equity = Σ_assets min(x·price·collateral rate, x·price),  x = wallet balance + the
 *     unrealised P&L of the positions settled in the asset (no margin loans or open orders in a
 *     portfolio file, so margin loan and open loss are 0), the rate tiered by the asset's USD
 *     value (collateral-table.ts; the file's `collateralTables`)
 *   MM = Σ futuresMM_UM·price,  futuresMM_UM = |MMR·position·mark| − cum (the position's tier:
 *     its own > the file's brackets > the embedded brackets, linear-tiered-account.ts)
 * Liquidation threshold: "Liquidation occurs when an account's uniMMR falls below 1.05 (105%)"
 * ("How does liquidation work in the Portfolio Margin (unified account)",
 * https://www.binance.com/en/support/faq/d0c3558829fa41eabeeaf3c32dbe1dad [OFFICIAL]); the PM Pro
 * FAQ's table agrees ("100% < uniMMR ≤ 105%: liquidation will take place").
 *
 * Report: money in the account's settlement asset (USDT when it holds any, else USDC; USD values
 * divided by that asset's price): `equity` = adjusted equity, `maintenanceMargin` = Σ MM,
 * `marginRatio` = MM / adjusted equity = 1 / uniMMR — so Binance liquidates at a margin ratio of
 * 1/1.05 ≈ 0.952, not 1 ({@link BINANCE_PM_LIQUIDATION_UNIMMR}). Initial margin: each position's
 * notional / leverage (the PM trading rules' futuresIM), null when a leverage is unknown.
 * Each position's liquidation price is the mark at which uniMMR reaches 1.05 with the other
 * underlyings at their marks, solved numerically (collateral tiers and brackets make it
 * piecewise); the silo's surplus is adjusted equity − 1.05·MM.
 * Collateral: USD stablecoins (USDT, USDC) priced from the file or live data, else at par (the
 * engine's stated peg convention, market-snapshot.ts). Coin collateral (BTC, BNB, …) is refused
 * for now: the portfolio model does not yet count a non-settlement coin balance as a price
 * exposure, so its risk would be missing from the ES.
 */
export { BINANCE_PM_LIQUIDATION_UNIMMR };

const USD_STABLES = new Set(['USDT', 'USDC']);

type Leg = PooledLeg;

interface PortfolioBook {
  /** The reporting asset (USDT when held, else USDC) and its USD price. */
  readonly settle: string;
  readonly settlePrice: number;
  readonly assets: readonly string[];
  readonly balances: ReadonlyMap<string, number>;
  readonly pricesUsd: ReadonlyMap<string, number>;
  readonly collateral: ReadonlyMap<string, readonly CollateralTier[]>;
  readonly legs: readonly Leg[];
  readonly bases: readonly string[];
  readonly marks: readonly number[];
}

export function binancePortfolioMarginAccount(
  account: Account,
  venue: LinearVenue,
  context: MarginContext,
): AccountMargin {
  const book = portfolioBook(account, venue, context);
  const atMarks = evaluate(book, book.marks);
  const levelOf = perUnderlyingLiquidationPrices(book.bases, book.marks, (prices) =>
    surplusOf(evaluate(book, prices)),
  );
  const toSettle = (asset: string, amount: number) =>
    (amount * (book.pricesUsd.get(asset) ?? 1)) / book.settlePrice;
  const positions: PositionMargin[] = book.legs.map((leg) => {
    const { resolved } = leg;
    const leverage = resolved.position.leverage;
    const level = levelOf(leg.base);
    const reference = book.marks[book.bases.indexOf(leg.base)] ?? leg.mark;
    const notional = toSettle(leg.settle, resolved.notional.toNumber());
    return {
      symbol: resolved.position.symbol,
      side: resolved.position.side,
      marginMode: MarginMode.portfolio,
      quantity: Math.abs(leg.quantity),
      markPrice: leg.mark,
      notional,
      unrealizedPnl: toSettle(leg.settle, resolved.unrealizedPnl.toNumber()),
      initialMargin: leverage === undefined ? null : notional / leverage,
      maintenanceMargin: toSettle(leg.settle, resolved.maintenanceMargin.toNumber()),
      maintenanceMarginRate: resolved.maintenanceMarginRate.toNumber(),
      maxLeverage: resolved.maxLeverage,
      tierSource: `${resolved.tierSource}; Binance portfolio margin (liquidated at uniMMR ≤ ${BINANCE_PM_LIQUIDATION_UNIMMR})`,
      tierOrigin: resolved.tierOrigin,
      tierTable: resolved.tierTable,
      liquidationPrice: level === null ? null : (level * leg.mark) / reference,
      liquidationMethod: 'numeric',
      referencePrice: leg.mark,
    };
  });
  const wallet = book.assets.reduce(
    (sum, asset) => sum + toSettle(asset, book.balances.get(asset) ?? 0),
    0,
  );
  const equity = atMarks.adjustedEquity / book.settlePrice;
  const maintenance = atMarks.maintenanceMargin / book.settlePrice;
  return accountMarginOf({
    accountId: account.id,
    venue: account.venue,
    settle: book.settle,
    walletBalance: wallet,
    equity,
    maintenanceMargin: maintenance,
    positions,
  });
}

/** The account as one silo: adjusted equity − 1.05·MM as its underlyings move, in its settle asset. */
export function binancePortfolioMarginSilos(
  account: Account,
  venue: LinearVenue,
  context: MarginContext,
): MarginSilo[] {
  if (account.positions.length === 0) return [];
  const book = portfolioBook(account, venue, context);
  const atMarks = evaluate(book, book.marks);
  // What can leave: adjusted equity above the positions' futuresIM (notional / leverage, the
  // tier's maximum leverage when the position's own is unknown).
  const initialUsd = book.legs.reduce((sum, leg) => {
    const leverage = leg.resolved.position.leverage ?? leg.resolved.maxLeverage;
    return (
      sum + (leg.resolved.notional.toNumber() * (book.pricesUsd.get(leg.settle) ?? 1)) / leverage
    );
  }, 0);
  const wallet = book.assets.reduce(
    (sum, asset) =>
      sum + ((book.balances.get(asset) ?? 0) * (book.pricesUsd.get(asset) ?? 1)) / book.settlePrice,
    0,
  );
  return [
    pooledSilo(account, {
      wallet: wallet,
      assets: book.bases,
      markPrices: book.marks,
      surplus: (prices) => surplusOf(evaluate(book, prices)) / book.settlePrice,
      freeCollateral: Math.max(0, (atMarks.adjustedEquity - initialUsd) / book.settlePrice),
    }),
  ];
}

function portfolioBook(
  account: Account,
  venue: LinearVenue,
  context: MarginContext,
): PortfolioBook {
  const where = `account "${account.id}"`;
  const problems: string[] = [];
  const legs: Leg[] = [];
  for (const position of account.positions) {
    if (position.marginMode !== undefined && position.marginMode !== MarginMode.portfolio) {
      problems.push(
        `${where} position "${position.symbol}" marginMode: a portfolio-margin account margins every position together; "${position.marginMode}" positions belong in their own account`,
      );
      continue;
    }
    legs.push(pooledLeg(account, position, venue, context));
  }
  const balances = walletsByAsset(account);
  const assets = [...new Set([...balances.keys(), ...legs.map((leg) => leg.settle)])];
  const pricesUsd = new Map<string, number>();
  const collateral = new Map<string, readonly CollateralTier[]>();
  for (const asset of assets) {
    if (!USD_STABLES.has(asset)) {
      problems.push(
        `${where} balances "${asset}": coin collateral in a Binance portfolio-margin account is not supported yet (the portfolio model would miss its price risk); hold USDT or USDC here, or put the coin in an account of its own`,
      );
      continue;
    }
    pricesUsd.set(asset, context.underlyingPrice(asset) ?? 1);
    const table = context.collateralTable?.(venue.name, asset);
    // (Binance's tables are by USD value, venue-rules.ts; a table by coins is not Binance's.)
    if (!table || table.basis !== CollateralBasis.usdValue) {
      problems.push(
        `${where} balances "${asset}": no ${venue.label} portfolio-margin collateral rate for ${asset}; add a collateralTables entry { "venue": "${venue.name}", "asset": "${asset}", "source", "asOf", "tiers": [{ "floor": "0", "cap": null, "collateralRate": "…" }] } from Binance's Portfolio Margin collateral ratio page or GET /sapi/v1/portfolio/collateralRate`,
      );
      continue;
    }
    collateral.set(asset, table.tiers);
  }
  if (problems.length > 0) throw new PortfolioError(problems);
  const settle = assets.includes('USDT') ? 'USDT' : assets.includes('USDC') ? 'USDC' : 'USDT';
  const bases = [...new Set(legs.map((leg) => leg.base))];
  const marks = bases.map((base) => legs.find((leg) => leg.base === base)?.mark ?? 1);
  return {
    settle,
    settlePrice: pricesUsd.get(settle) ?? context.underlyingPrice(settle) ?? 1,
    assets,
    balances,
    pricesUsd,
    collateral,
    legs,
    bases,
    marks,
  };
}

interface Evaluation {
  /** USD. */
  readonly adjustedEquity: number;
  /** USD. */
  readonly maintenanceMargin: number;
}

/** Adjusted equity and MM in USD with each underlying at `prices` (in `book.bases` order). */
function evaluate(book: PortfolioBook, prices: readonly number[]): Evaluation {
  const pnl = new Map<string, number>();
  const maintenance = new Map<string, number>();
  for (const leg of book.legs) {
    const unit = book.bases.indexOf(leg.base);
    const price = (leg.mark * (prices[unit] ?? book.marks[unit] ?? 1)) / (book.marks[unit] ?? 1);
    pnl.set(leg.settle, (pnl.get(leg.settle) ?? 0) + leg.quantity * (price - leg.entry));
    maintenance.set(
      leg.settle,
      (maintenance.get(leg.settle) ?? 0) +
        siloMaintenanceMargin(leg.tiers, Math.abs(leg.quantity) * price),
    );
  }
  const result = binanceUniMmr(
    book.assets.map((asset) => ({
      asset,
      marginAsset: 0,
      marginLoan: 0,
      futuresAsset: book.balances.get(asset) ?? 0,
      futuresUnrealizedPnl: pnl.get(asset) ?? 0,
      openLoss: 0,
      indexPriceUsd: book.pricesUsd.get(asset) ?? 1,
      collateral: book.collateral.get(asset) ?? 1,
      maintenanceMargin: maintenance.get(asset) ?? 0,
    })),
  );
  return { adjustedEquity: result.adjustedEquity, maintenanceMargin: result.maintenanceMargin };
}

/** Adjusted equity − 1.05·MM (USD): ≤ 0 where Binance liquidates. */
function surplusOf(evaluation: Evaluation): number {
  return evaluation.adjustedEquity - BINANCE_PM_LIQUIDATION_UNIMMR * evaluation.maintenanceMargin;
}
