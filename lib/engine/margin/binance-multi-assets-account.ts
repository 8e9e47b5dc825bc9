import { PortfolioError } from '../portfolio/portfolio-error';
import { MarginMode, type Account, type MultiAssetsIndex } from '../product/types';
import { isUsdStablecoin } from '../product/usd-stablecoins';
import type { MarginSilo } from '../risk/margin-silo';
import { accountMarginOf } from './account-margin-of';
import { type LinearVenue } from './linear-tiered-account';
import type { AccountMargin, PositionMargin } from './margin-types';
import { perUnderlyingLiquidationPrices } from './solve-liquidation-price';
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
 * A Binance USDⓈ-M account in Multi-Assets mode (`multiAssetsMargin` on a `binanceusdm` cross
 * account) as ONE cross account: its margin assets (USDT, USDC, BTC, BNB, …) back its USDT- and
 * USDC-margined perpetuals and futures together, each asset valued at its USD index price with
 * Binance's buffers. Money in USD; prices in each contract's quote.
 *
 * Sources (Binance):
 * - "How to Calculate Margin Ratio in the Multi-Assets Mode" (FAQ, 2022-07-06,
 *   https://www.binance.com/en/support/faq/how-to-calculate-margin-in-multi-assets-mode-c983a9268cfa4e70a4916c276bb3b7bc):
 *   "Account Margin Ratio = Account Maintenance Margin / Account Equity"; "Account Equity =
 *   ∑min(assetEquity*bidRate, assetEquity*askRate)"; Account Maintenance Margin the sum over
 *   cross positions in USD — its worked example counts the USDT position's MM at the USDT ask
 *   rate (0.5 × 20,000 × 0.008 × 0.99495 + 20 × 600 × 0.01 × 1 = 199.596; 199.596 / 416.02 =
 *   47.98%), as it counts initial margin ("∑(assetCrossInitialMargin*askRate)"); "Once the
 *   margin ratio reaches 100%, all positions will be liquidated."
 * - "Multi-Assets Mode Asset Index", `GET /fapi/v1/assetIndex`
 *   (https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Multi-Assets-Mode-Asset-Index):
 *   per asset pair (`BTCUSD`, `USDTUSD`) the `index`, `bidBuffer`, `askBuffer` and the rates
 *   bidRate = index × (1 − bidBuffer), askRate = index × (1 + askBuffer) (its example: ADAUSD
 *   1.92957370 × 0.9 = 1.73661633, × 1.1 = 2.12253107).
 * - "What Is Multi-Assets Mode" (FAQ,
 *   https://www.binance.com/en/support/faq/29b45c485d664028b9ca1cdf90b24f6f): margin is shared
 *   across USDT- and USDC-margined contracts, "all profits and losses generated are always
 *   trading pair-denominated assets", and "the Multi-Assets Mode only supports the Cross Margin
 *   Mode".
 *
 * What is computed, per margin asset a with wallet balance W_a (in a) and its entry in the
 * account's `multiAssetsMargin.assetIndex` — USD index I_a, bid buffer b_a, ask buffer k_a, as
 * Binance published them when the account was read (Binance values the account with its own
 * index, so the valuation does not take a market price):
 *   E_a  = W_a + Σ unrealised P&L of the positions margined in a            (asset equity, in a)
 *   equity (USD) = Σ_a min(E_a · I_a(1 − b_a), E_a · I_a(1 + k_a))
 *   MM (USD)     = Σ_a MM_a · I_a(1 + k_a),  MM_a = Σ |notional|·MMR − cum at mark (the position's
 *                  bracket: its own tier in force > the file's brackets > the embedded dated
 *                  brackets, linear-tiered-account.ts / binance-usdm-tier-tables.ts)
 *   margin ratio = MM / equity (the report's `marginRatio`), liquidation at 1.
 *
 * Liquidation prices: the surplus, equity − MM, is a function of the underlyings' prices. Where
 * an underlying is also a margin asset (a BTC perpetual in an account holding BTC), the asset's
 * index moves with the contract's mark in the same ratio, so a BTC-margined account long BTC loses
 * collateral as the position loses and liquidates much nearer than a USDT one. Each position's
 * liquidation price is the nearest mark at which the surplus reaches zero with the other
 * underlyings at their marks, solved numerically (solve-liquidation-price.ts); a margin asset
 * without a position moves only in the scenarios (the silo's `nonlinear` surplus takes it).
 *
 * Report, in USD: a position's notional and unrealised P&L at its margin asset's index, its
 * maintenance and initial margin at the asset's ask rate (so the positions' MM sum to the
 * account's); wallet balance Σ W_a · I_a. Refused by name: isolated positions (Multi-Assets mode
 * is cross only), a margin asset without its asset index entry, a coin (not a USD stablecoin)
 * without its market price (the portfolio's risk counts the coin as an exposure at that price).
 */
export const BINANCE_MULTI_ASSETS_LIQUIDATION_MARGIN_RATIO = 1;

type Leg = PooledLeg;

interface MarginAsset {
  readonly asset: string;
  /** Wallet balance, in the asset. */
  readonly wallet: number;
  /** USD index price when the account was read. */
  readonly indexUsd: number;
  readonly bidBuffer: number;
  readonly askBuffer: number;
  /** The underlying whose move moves this asset's index (its position in `bases`), or −1. */
  readonly baseIndex: number;
}

interface MultiAssetsBook {
  readonly assets: readonly MarginAsset[];
  readonly legs: readonly Leg[];
  /** Underlyings of the positions, then margin assets without a position (not stablecoins). */
  readonly bases: readonly string[];
  /** Their prices now: a position's mark, else the asset's USD index. */
  readonly references: readonly number[];
}

interface Evaluation {
  /** Account equity, USD. */
  readonly equity: number;
  /** Account maintenance margin, USD. */
  readonly maintenanceMargin: number;
}

export function binanceMultiAssetsAccountMargin(
  account: Account,
  venue: LinearVenue,
  context: MarginContext,
): AccountMargin {
  const book = multiAssetsBook(account, venue, context);
  const now = evaluate(book, book.references);
  const levelOf = perUnderlyingLiquidationPrices(book.bases, book.references, (prices) =>
    surplusOf(evaluate(book, prices)),
  );
  const positions: PositionMargin[] = book.legs.map((leg) => {
    const asset = assetOf(book, leg.settle);
    return pooledPositionMargin(leg, {
      valueUsd: asset.indexUsd,
      marginUsd: asset.indexUsd * (1 + asset.askBuffer),
      level: levelOf(leg.base),
      reference: book.references[book.bases.indexOf(leg.base)] ?? leg.mark,
      account:
        'Binance Multi-Assets mode, one margin balance across assets (liquidated at margin ratio 100%)',
    });
  });
  return accountMarginOf({
    accountId: account.id,
    venue: account.venue,
    settle: 'USD',
    walletBalance: walletUsd(book),
    equity: now.equity,
    maintenanceMargin: now.maintenanceMargin,
    positions,
  });
}

/** The account as one silo: equity − MM (USD) as its underlyings and margin assets move. */
export function binanceMultiAssetsSilos(
  account: Account,
  venue: LinearVenue,
  context: MarginContext,
): MarginSilo[] {
  if (account.positions.length === 0) return [];
  const book = multiAssetsBook(account, venue, context);
  const now = evaluate(book, book.references);
  // What can leave: equity above the positions' initial margin at the ask rate (notional /
  // leverage, the bracket's maximum leverage when the position's own is unknown).
  const initial = book.legs.reduce((sum, leg) => {
    const asset = assetOf(book, leg.settle);
    const leverage = leg.resolved.position.leverage ?? leg.resolved.maxLeverage;
    return (
      sum + (leg.resolved.notional.toNumber() / leverage) * asset.indexUsd * (1 + asset.askBuffer)
    );
  }, 0);
  return [
    pooledSilo(account, {
      wallet: walletUsd(book),
      assets: book.bases,
      markPrices: book.references,
      surplus: (prices) => surplusOf(evaluate(book, prices)),
      freeCollateral: Math.max(0, now.equity - initial),
    }),
  ];
}

function multiAssetsBook(
  account: Account,
  venue: LinearVenue,
  context: MarginContext,
): MultiAssetsBook {
  const where = `account "${account.id}"`;
  const problems: string[] = [];
  const legs: Leg[] = [];
  for (const position of account.positions) {
    if (position.marginMode === MarginMode.isolated) {
      problems.push(
        `${where} position "${position.symbol}" marginMode: Binance's Multi-Assets mode supports cross margin only; an isolated position cannot be in this account`,
      );
      continue;
    }
    legs.push(pooledLeg(account, position, venue, context));
  }

  const wallets = walletsByAsset(account);
  const held = [...new Set([...wallets.keys(), ...legs.map((leg) => leg.settle)])];
  const positionBases = [...new Set(legs.map((leg) => leg.base))];
  const bases = [
    ...positionBases,
    ...held.filter((asset) => !isUsdStablecoin(asset) && !positionBases.includes(asset)),
  ];
  const assetIndex = new Map<string, MultiAssetsIndex>(
    (account.multiAssetsMargin?.assetIndex ?? []).map((entry) => [entry.asset, entry]),
  );
  const assets: MarginAsset[] = [];
  for (const asset of held) {
    // The valuation takes Binance's index; the portfolio's risk (the coin as an exposure,
    // measure/portfolio-exposures.ts) takes the market's price, so a coin needs both.
    if (!isUsdStablecoin(asset) && context.underlyingPrice(asset) === undefined)
      problems.push(
        `market prices ${asset}: ${where} holds ${asset} as margin, whose price moves the portfolio's risk; add market.prices.${asset}`,
      );
    const entry = assetIndex.get(asset);
    if (!entry) {
      problems.push(
        `${where} multiAssetsMargin assetIndex: no entry for ${asset}; add { "asset": "${asset}", "index", "bidBuffer", "askBuffer" } from Binance's GET /fapi/v1/assetIndex?symbol=${asset}USD`,
      );
      continue;
    }
    assets.push({
      asset,
      wallet: wallets.get(asset) ?? 0,
      indexUsd: entry.index.toNumber(),
      bidBuffer: entry.bidBuffer.toNumber(),
      askBuffer: entry.askBuffer.toNumber(),
      baseIndex: isUsdStablecoin(asset) ? -1 : bases.indexOf(asset),
    });
  }
  if (problems.length > 0) throw new PortfolioError(problems);
  const references = bases.map((base) => {
    const leg = legs.find((candidate) => candidate.base === base);
    if (leg) return leg.mark;
    return assets.find((entry) => entry.asset === base)?.indexUsd ?? 1;
  });
  return { assets, legs, bases, references };
}

function assetOf(book: MultiAssetsBook, asset: string): MarginAsset {
  const found = book.assets.find((entry) => entry.asset === asset);
  if (!found)
    throw new RangeError(`binanceMultiAssetsAccount: no margin asset ${asset} in the book`);
  return found;
}

function walletUsd(book: MultiAssetsBook): number {
  return book.assets.reduce((sum, asset) => sum + asset.wallet * asset.indexUsd, 0);
}

/** Account equity and MM in USD with each underlying at `prices` (in `book.bases` order). */
function evaluate(book: MultiAssetsBook, prices: readonly number[]): Evaluation {
  const {
    moveOf,
    amounts: equities,
    maintenance,
  } = pooledLegsAt(
    book,
    book.assets.map((asset) => [asset.asset, asset.wallet] as const),
    prices,
  );
  let equity = 0;
  let maintenanceMargin = 0;
  for (const asset of book.assets) {
    const index = asset.baseIndex < 0 ? asset.indexUsd : asset.indexUsd * moveOf(asset.baseIndex);
    const bidRate = index * (1 - asset.bidBuffer);
    const askRate = index * (1 + asset.askBuffer);
    const assetEquity = equities.get(asset.asset) ?? 0;
    equity += Math.min(assetEquity * bidRate, assetEquity * askRate);
    maintenanceMargin += (maintenance.get(asset.asset) ?? 0) * askRate;
  }
  return { equity, maintenanceMargin };
}

/** Equity − MM (USD): ≤ 0 where Binance liquidates (margin ratio ≥ 100%). */
function surplusOf(evaluation: Evaluation): number {
  return (
    evaluation.equity - BINANCE_MULTI_ASSETS_LIQUIDATION_MARGIN_RATIO * evaluation.maintenanceMargin
  );
}
