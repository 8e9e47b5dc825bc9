import Decimal from 'decimal.js';
import { MarginMode, type Account } from '../product/types';
import { isUsdStablecoin } from '../product/usd-stablecoins';
import type { CollateralTable } from './collateral-table';
import type { MarginContext } from './venue-context';

/**
 * The collateral currencies of an account pooled across currencies and valued in USD with tiered
 * collateral rates (Bybit's unified account across coins, bybit-unified-account.ts; OKX's
 * multi-currency margin, okx-multi-currency-account.ts): each currency's balance, its USD price —
 * the one carried with the account (`collateralIndex`, the venue's own), else the file's market
 * price, 1 for a USD stablecoin — its collateral table from the file, and the underlying its price
 * moves with. What the venue calls them and where its tables come from is the venue's, in `words`.
 */
export interface PooledCollateral {
  readonly asset: string;
  /** The balance in the currency (negative: a liability). */
  readonly balance: number;
  /** USD price now. */
  readonly priceUsd: number;
  /** The underlying whose move moves this currency's price (its index in `bases`), or −1. */
  readonly baseIndex: number;
  readonly table: CollateralTable;
}

export interface PooledCollateralWords {
  /** The venue as traders see it (`Bybit`). */
  readonly venue: string;
  /** What it prices collateral at (`USD index`, `USD price`). */
  readonly price: string;
  /** What it calls one currency (`coin`, `currency`). */
  readonly unit: string;
  /** Its name for the collateral rates (`collateral value ratio`, `discount rates`). */
  readonly rates: string;
  /** Where the file's table for `asset` comes from (the venue's public endpoint). */
  readonly ratesEndpoint: (asset: string) => string;
  /** How a held currency is named in a missing-price message (` as collateral`, or nothing). */
  readonly holds?: string;
}

/**
 * The account's collateral currencies among `assets`, with their balances (`balances`) and the
 * position underlyings `bases`; a currency without a USD price or a collateral table is named in
 * `problems` (with what to add) and left out.
 */
export function pooledCollaterals(
  account: Account,
  args: {
    readonly venueId: string;
    readonly assets: readonly string[];
    readonly balances: ReadonlyMap<string, number>;
    readonly bases: readonly string[];
    readonly context: MarginContext;
    readonly words: PooledCollateralWords;
  },
  problems: string[],
): PooledCollateral[] {
  const where = `account "${account.id}"`;
  const { words } = args;
  const collaterals: PooledCollateral[] = [];
  const { collateralIndex } = account;
  for (const asset of args.assets) {
    // The price carried with the account when there is one (a market price, live or not, would
    // not be the one the venue values the account with), else the file's price.
    const carried = collateralIndex?.prices.find((entry) => entry.asset === asset);
    if (collateralIndex !== undefined && carried === undefined) {
      problems.push(
        `${where} collateralIndex: no ${words.price} for ${asset}, which the account holds; add { "asset": "${asset}", "index": "…" } (${words.venue} values every ${words.unit} of the account at its ${words.price})`,
      );
      continue;
    }
    const given = carried?.index.toNumber() ?? args.context.underlyingPrice(asset);
    const priceUsd = given ?? (isUsdStablecoin(asset) ? 1 : undefined);
    if (priceUsd === undefined || !(priceUsd > 0)) {
      problems.push(
        `market prices ${asset}: ${where} holds ${asset}${words.holds ?? ''}, which ${words.venue} values at its ${words.price}${words.price === 'USD index' ? ' price' : ''}; add market.prices.${asset}`,
      );
      continue;
    }
    const table = args.context.collateralTable?.(args.venueId, asset);
    if (!table) {
      problems.push(
        `${where} balances "${asset}": no ${words.venue} ${words.rates} for ${asset}; add a collateralTables entry { "venue": "${args.venueId}", "asset": "${asset}", "source", "asOf", "tiers": [{ "floor": "0", "cap": null, "collateralRate": "…" }] } with the tiers in ${asset} from ${words.venue}'s public ${words.ratesEndpoint(asset)}`,
      );
      continue;
    }
    collaterals.push({
      asset,
      balance: args.balances.get(asset) ?? 0,
      priceUsd,
      baseIndex: isUsdStablecoin(asset) ? -1 : args.bases.indexOf(asset),
      table,
    });
  }
  return collaterals;
}

/**
 * The currencies of a cross account that holds more than one — its non-zero balances (a zero line
 * holds nothing to margin with), then its positions' settlement currencies — or undefined for an
 * account of one currency or not in cross margin: the test of an account pooled across
 * currencies, for the engine and for the adapters that build such accounts.
 */
export function crossAccountCurrencies(
  marginMode: MarginMode,
  balances: readonly { readonly asset: string; readonly total: Decimal.Value }[],
  settles: readonly string[],
): string[] | undefined {
  if (marginMode !== MarginMode.cross) return undefined;
  const assets = [
    ...new Set([
      ...balances
        .filter((balance) => !new Decimal(balance.total).isZero())
        .map((balance) => balance.asset),
      ...settles,
    ]),
  ];
  return assets.length > 1 ? assets : undefined;
}
