import { black76Price } from '../../lib/engine/pricer/black76';
import { expiryTimeMs, timeToExpiry } from '../../lib/engine/product/expiry';

/**
 * The books of docs/true-margin.md, in the portfolio-file format (DESIGN.md §4), each written as
 * an account of each portfolio-margin venue the engine has (Deribit PM, OKX PM, Binance Portfolio
 * Margin), so that the true margin and the venues' own requirements are computed on the same book.
 *
 * - plain long: 60,000 USD of BTC long (a perpetual);
 * - calendar: the same BTC quantity long in the March 2025 future (marked 96,000, about 1% over
 *   the index: 8% a year over 45 days) and short in the perpetual, on one venue;
 * - straddle: 1 BTC call and 1 BTC put at 95,000, March 2025, mark IV 50%, long (Deribit only: no
 *   venue portfolio margin here takes options);
 * - pair: 60,000 USD of BTC long and 60,000 USD of ETH short (perpetuals).
 *
 * Prices are the embedded default market's closes of 2025-02-11 (BTC 95,057.54, ETH 2,589.82), in
 * the file's market prices so that every venue's index and every scenario start there; entry =
 * mark, so nothing is unrealised. The same base quantity is held on every venue: an inverse
 * (Deribit) contract of N USD is a BTC quantity N / price, so Deribit sizes are given in USD as
 * its API gives them (`contractSize` 1), not rounded to its 10 USD contracts. The Deribit
 * accounts hold no coin: a BTC wallet is itself a BTC exposure that our ES would count and
 * Deribit's coin-denominated margin does not, so it is left out to compare the positions alone.
 * Figures are chosen, not recorded.
 */
export const AS_OF = '2025-02-11T00:00:00Z';
export const BTC_PRICE = 95_057.54;
export const ETH_PRICE = 2_589.82;
export const FUTURE_PRICE = 96_000;
export const NOTIONAL_USD = 60_000;
export const STRADDLE_STRIKE = 95_000;
export const STRADDLE_IV = 0.5;
const EXPIRY = '250328';

export const PmVenue = {
  deribit: 'deribit',
  okx: 'okx',
  binance: 'binanceusdm',
} as const;
export type PmVenue = (typeof PmVenue)[keyof typeof PmVenue];

/** Base quantities of the books (BTC and ETH). */
export const BTC_QUANTITY = NOTIONAL_USD / BTC_PRICE;
export const ETH_QUANTITY = NOTIONAL_USD / ETH_PRICE;

const MARKET = {
  prices: { BTC: String(BTC_PRICE), ETH: String(ETH_PRICE), USDT: '1' },
};

interface Leg {
  readonly base: 'BTC' | 'ETH';
  readonly side: 'long' | 'short';
  readonly quantity: number;
  readonly price: number;
  /** YYMMDD for a future; absent for the perpetual. */
  readonly expiry?: string;
}

/**
 * The tier in force on a linear leg. Binance has no embedded table for its quarterly contract (and
 * OKX's embedded tables are for perpetuals), so every linear leg carries Binance's BTCUSDT/ETHUSDT bracket for a
 * 50,000–600,000 USD position (0.5%, maintenance amount 50; binance-usdm-tier-tables.ts). OKX's
 * portfolio margin does not use it (its requirement is the risk unit's), and OKX tiers have no
 * maintenance amount, so an OKX leg carries the rate alone; Binance's uses it.
 */
const LINEAR_TIER = { maintenanceMarginRate: '0.005', maintenanceAmount: '50' } as const;
const OKX_LINEAR_TIER = { maintenanceMarginRate: '0.005' } as const;
/** The least initial margin Binance accepts on that bracket: notional / its maximum leverage. */
export const BINANCE_LEVERAGE = 100;

function linearPosition(leg: Leg, venue: PmVenue) {
  return {
    symbol: `${leg.base}/USDT:USDT${leg.expiry ? `-${leg.expiry}` : ''}`,
    side: leg.side,
    contracts: leg.quantity.toFixed(8),
    entryPrice: String(leg.price),
    markPrice: String(leg.price),
    leverage: BINANCE_LEVERAGE,
    ...(venue === PmVenue.okx ? OKX_LINEAR_TIER : LINEAR_TIER),
  };
}

function inversePosition(leg: Leg) {
  return {
    symbol: `${leg.base}/USD:${leg.base}${leg.expiry ? `-${leg.expiry}` : ''}`,
    side: leg.side,
    contracts: (leg.quantity * leg.price).toFixed(4),
    contractSize: '1',
    entryPrice: String(leg.price),
    markPrice: String(leg.price),
  };
}

/** A book of futures legs as accounts of `venue` in portfolio margin (Deribit: one per coin). */
export function futuresBook(venue: PmVenue, legs: readonly Leg[]) {
  const accounts =
    venue === PmVenue.deribit
      ? [...new Set(legs.map((leg) => leg.base))].map((coin) => ({
          id: `deribit-${coin.toLowerCase()}-pm`,
          venue,
          marginMode: 'portfolio',
          balances: [],
          positions: legs.filter((leg) => leg.base === coin).map(inversePosition),
        }))
      : [
          {
            id: `${venue}-pm`,
            venue,
            marginMode: 'portfolio',
            balances: [{ asset: 'USDT', total: '100000' }],
            positions: legs.map((leg) => linearPosition(leg, venue)),
          },
        ];
  return {
    version: 1,
    asOf: AS_OF,
    baseCurrency: 'USD',
    accounts,
    market: MARKET,
    // Binance portfolio margin needs USDT's collateral rate: 100% (a stablecoin at par).
    ...(venue === PmVenue.binance && {
      collateralTables: [
        {
          venue,
          asset: 'USDT',
          source: 'USDT counted at par (collateral rate 1), chosen for this comparison',
          asOf: '2025-02-11',
          tiers: [{ floor: '0', cap: null, collateralRate: '1' }],
        },
      ],
    }),
  };
}

export const PLAIN_LONG: readonly Leg[] = [
  { base: 'BTC', side: 'long', quantity: BTC_QUANTITY, price: BTC_PRICE },
];
export const CALENDAR: readonly Leg[] = [
  { base: 'BTC', side: 'long', quantity: BTC_QUANTITY, price: FUTURE_PRICE, expiry: EXPIRY },
  { base: 'BTC', side: 'short', quantity: BTC_QUANTITY, price: BTC_PRICE },
];
export const ETH_SHORT: readonly Leg[] = [
  { base: 'ETH', side: 'short', quantity: ETH_QUANTITY, price: ETH_PRICE },
];
export const PAIR: readonly Leg[] = [...PLAIN_LONG, ...ETH_SHORT];

/** The straddle's option legs in coin per option (Black-76 on the index at the mark IV). */
function straddleMark(type: 'call' | 'put'): number {
  const expiry = expiryTimeMs(EXPIRY);
  if (expiry === undefined) throw new RangeError(`true-margin books: bad expiry ${EXPIRY}`);
  return (
    black76Price({
      type,
      forward: BTC_PRICE,
      strike: STRADDLE_STRIKE,
      timeToExpiry: timeToExpiry(expiry, Date.parse(AS_OF)),
      lognormalVol: STRADDLE_IV,
    }) / BTC_PRICE
  );
}

/** The premium of the straddle in USD (what a long straddle can lose at most). */
export function straddlePremiumUsd(): number {
  return (straddleMark('call') + straddleMark('put')) * BTC_PRICE;
}

/** The long straddle as a Deribit account in `marginMode` (portfolio margin refuses options). */
export function straddleBook(marginMode: 'cross' | 'portfolio') {
  return {
    version: 1,
    asOf: AS_OF,
    baseCurrency: 'USD',
    accounts: [
      {
        id: 'deribit-btc',
        venue: PmVenue.deribit,
        marginMode,
        balances: [],
        positions: (['C', 'P'] as const).map((letter) => {
          const mark = straddleMark(letter === 'C' ? 'call' : 'put').toFixed(8);
          return {
            symbol: `BTC/USD:BTC-${EXPIRY}-${STRADDLE_STRIKE}-${letter}`,
            side: 'long',
            contracts: '1',
            contractSize: '1',
            entryPrice: mark,
            markPrice: mark,
            markIv: STRADDLE_IV,
          };
        }),
      },
    ],
    market: MARKET,
  };
}

/** The same straddle as a linear-options account of another venue (refused: no options there). */
export function straddleOnLinearVenue(venue: typeof PmVenue.okx | typeof PmVenue.binance) {
  const book = straddleBook('portfolio');
  return {
    ...book,
    accounts: book.accounts.map((account) => ({
      ...account,
      id: `${venue}-pm`,
      venue,
      balances: [{ asset: 'USDT', total: '100000' }],
      positions: account.positions.map((position) => ({
        ...position,
        symbol: position.symbol.replace('BTC/USD:BTC', 'BTC/USDT:USDT'),
      })),
    })),
  };
}
