import { MarginMode, type Account, type Instrument } from '../product/types';
import type { MarginSilo } from '../risk/margin-silo';
import {
  BINANCE_USDM,
  binanceUsdmAccountMargin,
  binanceUsdmSilos,
  binanceUsdmSupportsInstrument,
} from './binance-usdm';
import {
  DERIBIT,
  deribitAccountMargin,
  deribitSilos,
  deribitSupportsInstrument,
} from './deribit-standard';
import {
  HYPERLIQUID,
  hyperliquidAccountMargin,
  hyperliquidSilos,
  hyperliquidSupportsInstrument,
} from './hyperliquid';
import {
  BINANCE_COINM,
  binanceCoinmAccountMargin,
  binanceCoinmSilos,
  binanceCoinmSupportsInstrument,
} from './binance-coinm';
import { BYBIT, bybitAccountMargin, bybitSilos, bybitSupportsInstrument } from './bybit';
import {
  BITGET,
  BITGET_TIER_TABLES,
  bitgetAccountMargin,
  bitgetSilos,
  bitgetSupportsInstrument,
} from './bitget';
import type { AccountMargin } from './margin-types';
import { CollateralBasis } from './collateral-table';
import { GATE, gateAccountMargin, gateSilos, gateSupportsInstrument } from './gate';
import { GATE_TIER_TABLES } from './gate-tier-tables';
import { OKX, okxAccountMargin, okxSilos, okxSupportsInstrument } from './okx';
import { OKX_TIER_TABLES } from './okx-tier-tables';
import { TierBasis } from './tier-table';
import { TierForm } from './tiers';
import type { MarginContext } from './venue-context';

/**
 * The registry of venue rule sets: which instruments each venue's rules cover, how an account's
 * margin is computed, and its margin silos for path simulation. One entry per ccxt exchange id.
 */
interface VenueRules {
  readonly supportsInstrument: (instrument: Instrument) => boolean;
  readonly accountMargin: (account: Account, context: MarginContext) => AccountMargin;
  readonly silos: (account: Account, context: MarginContext) => MarginSilo[];
  /** Account margin modes the rules cover (portfolio margin only where it is built). */
  readonly marginModes?: readonly MarginMode[];
  /** Whether a position may set its own cross/isolated mode inside the account (default yes). */
  readonly positionMarginModes?: boolean;
  /** How the venue's tier tables read (tier-table.ts); absent when its rules use no tables. */
  readonly tierTables?: { readonly basis: TierBasis; readonly form: TierForm };
  /**
   * Whether its rules read collateral rates from the file, and what their tiers bound
   * (collateral-table.ts): Binance portfolio margin by USD value, Bybit's unified account and OKX's
   * multi-currency margin by coins.
   */
  readonly collateralTables?: CollateralBasis;
  /**
   * Whether an account may be in the venue's Multi-Assets mode, one cross margin balance across
   * margin assets valued with buffers (the account's `multiAssetsMargin`; Binance USDⓈ-M,
   * binance-multi-assets-account.ts).
   */
  readonly multiAssetsMargin?: boolean;
  /**
   * Whether an account may carry the USD index prices the venue values its collateral with (the
   * account's `collateralIndex`; Bybit's unified account across coins, bybit-unified-account.ts;
   * OKX's multi-currency margin, okx-multi-currency-account.ts).
   */
  readonly collateralIndex?: boolean;
  /**
   * What the position's `takerFeeRate` changes in the venue's rules, or absent when they use none
   * (the file's field is then refused, not ignored).
   */
  readonly takerFee?: string;
  /**
   * Whether its option rules scale a short option's margin by the seller tier's factor (the
   * position's `optionMarginFactor`; OKX, okx-option-margin.ts); elsewhere the field is refused.
   */
  readonly optionMarginFactor?: boolean;
}

const NOTIONAL_TABLES = { basis: TierBasis.notional, form: TierForm.deduction } as const;

const ALL_MODES = Object.values(MarginMode);
const CROSS_AND_ISOLATED: readonly MarginMode[] = [MarginMode.cross, MarginMode.isolated];

const RULE_SETS = {
  [BINANCE_USDM]: {
    supportsInstrument: binanceUsdmSupportsInstrument,
    accountMargin: binanceUsdmAccountMargin,
    silos: binanceUsdmSilos,
    // Portfolio Margin: uniMMR with collateral rates (binance-portfolio-margin-account.ts).
    marginModes: ALL_MODES,
    tierTables: NOTIONAL_TABLES,
    collateralTables: CollateralBasis.usdValue,
    multiAssetsMargin: true,
  },
  [BINANCE_COINM]: {
    supportsInstrument: binanceCoinmSupportsInstrument,
    accountMargin: binanceCoinmAccountMargin,
    silos: binanceCoinmSilos,
    tierTables: NOTIONAL_TABLES,
  },
  [BYBIT]: {
    supportsInstrument: bybitSupportsInstrument,
    accountMargin: bybitAccountMargin,
    silos: bybitSilos,
    tierTables: NOTIONAL_TABLES,
    // A cross-margin Unified Trading Account's tiered collateral value ratios, by coin quantity
    // (bybit-unified-account.ts).
    collateralTables: CollateralBasis.quantity,
    collateralIndex: true,
    takerFee: 'the estimated fee to close in IM and MM (bybit-fee-to-close.ts)',
  },
  [OKX]: {
    supportsInstrument: okxSupportsInstrument,
    accountMargin: okxAccountMargin,
    silos: okxSilos,
    marginModes: ALL_MODES,
    tierTables: OKX_TIER_TABLES,
    // Multi-currency margin across currencies: tiered discount rates by amount of the currency,
    // each currency at its USD price (okx-multi-currency-account.ts).
    collateralTables: CollateralBasis.quantity,
    collateralIndex: true,
    takerFee:
      'the isolated liquidation price of linear contracts (okx.ts) and options (okx-option-account.ts)',
    optionMarginFactor: true,
  },
  [HYPERLIQUID]: {
    supportsInstrument: hyperliquidSupportsInstrument,
    accountMargin: hyperliquidAccountMargin,
    silos: hyperliquidSilos,
  },
  [DERIBIT]: {
    supportsInstrument: deribitSupportsInstrument,
    accountMargin: deribitAccountMargin,
    silos: deribitSilos,
    // Deribit margins a whole currency: standard (cross) or portfolio, no isolated positions.
    marginModes: [MarginMode.cross, MarginMode.portfolio],
    positionMarginModes: false,
  },
  [BITGET]: {
    supportsInstrument: bitgetSupportsInstrument,
    accountMargin: bitgetAccountMargin,
    silos: bitgetSilos,
    tierTables: BITGET_TIER_TABLES,
    takerFee: 'the maintenance margin, slice by slice (bitget.ts)',
  },
  [GATE]: {
    supportsInstrument: gateSupportsInstrument,
    accountMargin: gateAccountMargin,
    silos: gateSilos,
    tierTables: GATE_TIER_TABLES,
    takerFee: 'the liquidation price, cross and isolated (gate.ts)',
  },
} satisfies Readonly<Record<string, VenueRules>>;

/**
 * The venue ids the engine has margin rules for (ccxt exchange ids). lib/venues's venue
 * descriptors are typed by it, so a venue cannot be described without rules.
 */
export type VenueRulesId = keyof typeof RULE_SETS;

const RULES: Readonly<Record<string, VenueRules>> = RULE_SETS;

export function supportedVenueIds(): string[] {
  return Object.keys(RULES);
}

export function venueSupportsInstrument(venue: string, instrument: Instrument): boolean {
  return RULES[venue]?.supportsInstrument(instrument) ?? false;
}

function rulesFor(account: Account): VenueRules {
  const rules = RULES[account.venue];
  if (!rules) throw new RangeError(`venue "${account.venue}" has no rule set`);
  return rules;
}

/** accountMargin requires a venue from {@link supportedVenueIds} (the portfolio parser checks it). */
export function accountMargin(account: Account, context: MarginContext): AccountMargin {
  return rulesFor(account).accountMargin(account, context);
}

/** The account's margin silos as data, for liquidation path simulation and collateral planning. */
export function accountSilos(account: Account, context: MarginContext): MarginSilo[] {
  return rulesFor(account).silos(account, context);
}

/** Whether the venue's rules cover an account in `marginMode` (portfolio margin only where built). */
export function venueSupportsMarginMode(venue: string, marginMode: MarginMode): boolean {
  return venueMarginModes(venue).includes(marginMode);
}

/** Whether a position on this venue may set its own margin mode (cross or isolated only). */
export function venueAllowsPositionMarginMode(venue: string, marginMode: MarginMode): boolean {
  return marginMode !== MarginMode.portfolio && (RULES[venue]?.positionMarginModes ?? true);
}

/** The account margin modes a venue's rules cover. */
export function venueMarginModes(venue: string): readonly MarginMode[] {
  return RULES[venue]?.marginModes ?? CROSS_AND_ISOLATED;
}

/**
 * How a venue's tier tables read — what floor and cap bound and whether amounts follow the
 * recursion — or undefined when the venue's rules use no tier tables (Deribit, Hyperliquid).
 */
export function venueTierTableForm(
  venue: string,
): { readonly basis: TierBasis; readonly form: TierForm } | undefined {
  return RULES[venue]?.tierTables;
}

/** Whether a venue's rules read collateral rates from the file's `collateralTables`. */
export function venueUsesCollateralTables(venue: string): boolean {
  return RULES[venue]?.collateralTables !== undefined;
}

/** What a venue's collateral tiers bound (USD value or coins); undefined when it takes none. */
export function venueCollateralBasis(venue: string): CollateralBasis | undefined {
  return RULES[venue]?.collateralTables;
}

/** Whether an account on this venue may carry its collateral's USD indexes (`collateralIndex`). */
export function venueHasCollateralIndex(venue: string): boolean {
  return RULES[venue]?.collateralIndex === true;
}

/** Whether an account on this venue may be in Multi-Assets mode (`multiAssetsMargin`). */
export function venueHasMultiAssetsMode(venue: string): boolean {
  return RULES[venue]?.multiAssetsMargin === true;
}

/** Whether a venue's option rules read a position's `optionMarginFactor` (else it is refused). */
export function venueReadsOptionMarginFactor(venue: string): boolean {
  return RULES[venue]?.optionMarginFactor === true;
}

/** Whether a venue's rules read a position's `takerFeeRate` (else the file's field is refused). */
export function venueReadsTakerFee(venue: string): boolean {
  return RULES[venue]?.takerFee !== undefined;
}
