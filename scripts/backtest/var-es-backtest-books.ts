/**
 * The books of the VaR/ES backtest (scripts/backtest/var-es-backtest.ts), as data, and each
 * day's engine exposures (lib/engine/risk/exposure.ts) for them.
 *
 * Books are grouped by the assets they share, so one day's scenarios serve every book of a group
 * (and a single-asset book reads its asset's column of a joint draw, whose marginal law is the
 * same): BTC and ETH from 2018, SOL with BTC from SOL's history (2020-04).
 *
 * - Linear positions are fixed USD notionals, rebalanced daily: P&L = N·(e^r − 1).
 * - The options book is rolled daily: each day a fresh 30-day straddle struck at the prior close
 *   (at the money), priced with Black-76 (lib/engine/pricer/black76.ts, through the engine's
 *   scenario kernel) on the forward = the prior close (no basis), with implied vol = the asset's
 *   EWMA forecast vol for that day (a simplification; it is held over the day, since no model
 *   here has a vol risk factor). It is revalued in full, in the scenarios and at the realised
 *   move, one day closer to expiry.
 *
 * Units: notionals in USD; option quantities in units of the underlying; days of 365 a year.
 */
import type { Exposure } from '../../lib/engine/risk/exposure';
import { OptionType } from '../../lib/engine/pricer/black76';

export type BookPosition =
  | { readonly kind: 'linear'; readonly asset: string; readonly notionalUsd: number }
  | {
      readonly kind: 'option';
      readonly asset: string;
      readonly type: OptionType;
      /** Options held, each on one unit of the asset (positive long). */
      readonly quantity: number;
      /** Calendar days to expiry at the start of each day. */
      readonly daysToExpiry: number;
    };

export interface BacktestBook {
  readonly name: string;
  readonly positions: readonly BookPosition[];
}

export interface BookGroup {
  /** The assets of the group's joint history and scenarios, in column order. */
  readonly assets: readonly string[];
  readonly books: readonly BacktestBook[];
}

const MILLION = 1_000_000;
const linear = (asset: string, notionalUsd: number): BookPosition => ({
  kind: 'linear',
  asset,
  notionalUsd,
});
const straddle = (asset: string, quantity: number, daysToExpiry: number): BookPosition[] => [
  { kind: 'option', asset, type: OptionType.call, quantity, daysToExpiry },
  { kind: 'option', asset, type: OptionType.put, quantity, daysToExpiry },
];

export const BACKTEST_BOOK_GROUPS: readonly BookGroup[] = [
  {
    assets: ['BTC', 'ETH'],
    books: [
      { name: 'long $1M BTC', positions: [linear('BTC', MILLION)] },
      { name: 'long $1M ETH', positions: [linear('ETH', MILLION)] },
      {
        name: 'long $1M BTC + long $1M ETH',
        positions: [linear('BTC', MILLION), linear('ETH', MILLION)],
      },
      {
        name: 'long $1M BTC + short $1M ETH',
        positions: [linear('BTC', MILLION), linear('ETH', -MILLION)],
      },
      {
        name: 'long 10 BTC 30-day ATM calls + 10 puts',
        positions: straddle('BTC', 10, 30),
      },
    ],
  },
  {
    assets: ['BTC', 'SOL'],
    books: [
      { name: 'long $1M SOL', positions: [linear('SOL', MILLION)] },
      {
        name: 'long $1M SOL + short $1M BTC',
        positions: [linear('SOL', MILLION), linear('BTC', -MILLION)],
      },
    ],
  },
];

/**
 * The book's exposures at the start of a day, given the group's assets, each asset's prior close
 * (USD) and EWMA annual vol (the options' implied vol). Throws for a position on an asset outside
 * the group.
 */
export function bookExposures(
  book: BacktestBook,
  assets: readonly string[],
  previousCloses: Float64Array,
  annualVols: Float64Array,
): Exposure[] {
  return book.positions.map((position) => {
    const assetIndex = assets.indexOf(position.asset);
    if (assetIndex < 0)
      throw new RangeError(
        `book "${book.name}": ${position.asset} is not among its group's assets ${assets.join('/')}`,
      );
    if (position.kind === 'linear')
      return {
        kind: 'delta-one',
        assetIndex,
        quantity: position.notionalUsd,
        price: 1,
        usdPerSettle: 1,
      };
    const close = previousCloses[assetIndex] as number;
    return {
      kind: 'option',
      assetIndex,
      quantity: position.quantity,
      type: position.type,
      strike: close,
      forward: close,
      timeToExpiry: position.daysToExpiry / 365,
      lognormalVol: annualVols[assetIndex] as number,
    };
  });
}
