import type Decimal from 'decimal.js';

/**
 * Instruments, positions, accounts and portfolios: immutable data, no behaviour.
 *
 * Units: prices are in the quote currency per base unit; `contracts × contractSize` is the
 * position size in base units for linear contracts (USD per contract for inverse ones); money
 * in the account's settlement asset; rates are fractions (0.005, never 0.5 for 0.5%).
 */

export const Side = { long: 'long', short: 'short' } as const;
export type Side = (typeof Side)[keyof typeof Side];

export const MarginMode = { cross: 'cross', isolated: 'isolated', portfolio: 'portfolio' } as const;
export type MarginMode = (typeof MarginMode)[keyof typeof MarginMode];

export const PositionMode = { oneway: 'oneway', hedge: 'hedge' } as const;
export type PositionMode = (typeof PositionMode)[keyof typeof PositionMode];

export const InstrumentKind = {
  spot: 'spot',
  linearPerpetual: 'linear-perpetual',
  linearFuture: 'linear-future',
  inversePerpetual: 'inverse-perpetual',
  inverseFuture: 'inverse-future',
  option: 'option',
} as const;
export type InstrumentKind = (typeof InstrumentKind)[keyof typeof InstrumentKind];

interface InstrumentTerms {
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  /** Settlement (margin) asset; equals `quote` for spot. */
  readonly settle: string;
}

/** Spot and perpetual contracts: no expiry, no strike. */
export interface UndatedInstrument extends InstrumentTerms {
  readonly kind:
    | typeof InstrumentKind.spot
    | typeof InstrumentKind.linearPerpetual
    | typeof InstrumentKind.inversePerpetual;
  readonly expiry?: undefined;
  readonly expiryTimeMs?: undefined;
  readonly strike?: undefined;
  readonly optionType?: undefined;
}

/** A dated future: its expiry as the symbol writes it and as a time (expiry.ts). */
export interface FutureInstrument extends InstrumentTerms {
  readonly kind: typeof InstrumentKind.linearFuture | typeof InstrumentKind.inverseFuture;
  /** Expiry date as YYMMDD (the symbol's). */
  readonly expiry: string;
  /** Expiry time, 08:00 UTC on the date, in epoch milliseconds (expiry.ts). */
  readonly expiryTimeMs: number;
  readonly strike?: undefined;
  readonly optionType?: undefined;
}

/** A European option: expiry, strike (quote currency per base unit) and type are always known. */
export interface OptionInstrument extends InstrumentTerms {
  readonly kind: typeof InstrumentKind.option;
  /** Expiry date as YYMMDD (the symbol's). */
  readonly expiry: string;
  /** Expiry time, 08:00 UTC on the date, in epoch milliseconds (expiry.ts). */
  readonly expiryTimeMs: number;
  readonly strike: number;
  readonly optionType: 'call' | 'put';
}

/** A tradable instrument, read from a ccxt unified symbol (parse-symbol.ts). */
export type Instrument = UndatedInstrument | FutureInstrument | OptionInstrument;

/** Figures the venue itself reported for a position, kept to compare with ours. */
export interface VenueReportedPosition {
  readonly liquidationPrice?: Decimal | null;
  readonly maintenanceMargin?: Decimal;
  readonly initialMargin?: Decimal;
}

export interface Position {
  readonly symbol: string;
  readonly instrument: Instrument;
  readonly side: Side;
  readonly contracts: Decimal;
  readonly contractSize: Decimal;
  readonly entryPrice: Decimal;
  readonly markPrice: Decimal;
  readonly leverage?: number;
  /** Overrides the account's margin mode for this position (e.g. one isolated position). */
  readonly marginMode?: MarginMode;
  /** Isolated wallet balance of the position, in the settlement asset. */
  readonly isolatedMargin?: Decimal;
  /** Hedge-mode leg; absent in one-way mode. */
  readonly positionSide?: 'long' | 'short';
  /** The venue's tier in force; when present it takes precedence over embedded tier tables. */
  readonly maintenanceMarginRate?: Decimal;
  readonly maintenanceAmount?: Decimal;
  readonly maxLeverage?: number;
  /**
   * The account's taker fee rate on this contract (a fraction, 0.0005 for 0.05%), where the
   * venue's liquidation rule charges the fee to close (OKX isolated: okx.ts; Bitget's maintenance
   * margin, cross and isolated: bitget.ts; Bybit's IM and MM, every perpetual and future:
   * bybit-fee-to-close.ts). Absent: 0.
   */
  readonly takerFeeRate?: Decimal;
  /** Options: the venue's mark implied volatility, annualised, as a fraction (0.55 for 55%). */
  readonly markIv?: number;
  /**
   * Options: the forward the venue's mark IV applies to, in the quote currency (OKX `fwdPx` of
   * `GET /api/v5/public/opt-summary`, Bybit `underlyingPrice` of its option tickers, Deribit
   * `underlying_price` of its book summary): the option is valued on it (option-forwards.ts).
   */
  readonly forwardPrice?: Decimal;
  /**
   * OKX options: the margin factor of the account's option seller tier (OKX's `optMgnFactor`,
   * public `GET /api/v5/public/position-tiers?instType=OPTION`), which scales the short option's
   * margin (okx-option-margin.ts). Absent on a short OKX option: refused.
   */
  readonly optionMarginFactor?: Decimal;
  readonly venueReported?: VenueReportedPosition;
}

/**
 * Account-level figures the venue itself reported, kept to compare with ours: margin ratio as
 * maintenance margin / equity (a fraction), money in the account's settlement asset.
 */
export interface VenueReportedAccount {
  readonly marginRatio?: Decimal;
  readonly maintenanceMargin?: Decimal;
  readonly equity?: Decimal;
}

export interface Balance {
  readonly asset: string;
  readonly total: Decimal;
}

/**
 * One margin asset's entry in Binance's Multi-Assets mode asset index (`GET /fapi/v1/assetIndex`,
 * pair `ASSETUSD`): its USD index and valuation buffers (fractions). The asset counts at index ×
 * (1 − bidBuffer) where its equity is positive and at index × (1 + askBuffer) where it is
 * negative or carries maintenance margin (lib/engine/margin/binance-multi-assets-account.ts).
 */
export interface MultiAssetsIndex {
  readonly asset: string;
  /** USD index price when the account was read. */
  readonly index: Decimal;
  readonly bidBuffer: Decimal;
  readonly askBuffer: Decimal;
}

/**
 * A Binance USDⓈ-M account in Multi-Assets mode: one cross margin balance across its margin
 * assets, each valued with its asset index entry; where they came from and when.
 */
export interface MultiAssetsMargin {
  readonly source: string;
  readonly asOf: string;
  readonly assetIndex: readonly MultiAssetsIndex[];
}

/** One coin's USD index price in a venue's {@link CollateralIndex}. */
export interface CollateralIndexPrice {
  readonly asset: string;
  /** USD per coin when the account was read. */
  readonly index: Decimal;
}

/**
 * The USD index prices a venue values an account's collateral coins with, read with the account
 * (Bybit's unified account across coins: each coin's `usdIndexPrice`, USDT's conversion rate;
 * bybit-unified-account.ts): the valuation takes these, not a market price, which would not be
 * the index the venue values the account with. Where they came from and when.
 */
export interface CollateralIndex {
  readonly source: string;
  readonly asOf: string;
  readonly prices: readonly CollateralIndexPrice[];
}

/** One margin silo on one venue. */
export interface Account {
  readonly id: string;
  readonly venue: string;
  readonly marginMode: MarginMode;
  readonly positionMode: PositionMode;
  readonly balances: readonly Balance[];
  readonly positions: readonly Position[];
  /** Present when the account is in a venue's Multi-Assets mode (Binance USDⓈ-M). */
  readonly multiAssetsMargin?: MultiAssetsMargin;
  /** Present when the venue values the account's collateral at its own USD indexes (Bybit). */
  readonly collateralIndex?: CollateralIndex;
  readonly venueReported?: VenueReportedAccount;
}
