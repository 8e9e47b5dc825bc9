import type { Account, Instrument } from '../product/types';
import {
  BINANCE_USDM,
  binanceUsdmAccountMargin,
  binanceUsdmSupportsInstrument,
} from './binance-usdm';
import type { MarginSilo } from '../risk/margin-silo';
import { binanceUsdmSilos } from './binance-usdm-silos';
import type { AccountMargin } from './margin-types';

/**
 * The registry of venue rule sets: which instruments each venue's rules cover and how an
 * account's margin is computed. One entry per ccxt exchange id.
 */
interface VenueRules {
  readonly supportsInstrument: (instrument: Instrument) => boolean;
  readonly accountMargin: (account: Account) => AccountMargin;
  /** The account's margin silos as data, for liquidation path simulation. */
  readonly silos: (account: Account) => MarginSilo[];
}

const RULES: Readonly<Record<string, VenueRules>> = {
  [BINANCE_USDM]: {
    supportsInstrument: binanceUsdmSupportsInstrument,
    accountMargin: binanceUsdmAccountMargin,
    silos: binanceUsdmSilos,
  },
};

export function supportedVenueIds(): string[] {
  return Object.keys(RULES);
}

export function venueSupportsInstrument(venue: string, instrument: Instrument): boolean {
  return RULES[venue]?.supportsInstrument(instrument) ?? false;
}

/** accountMargin requires a venue from {@link supportedVenueIds} (the portfolio parser checks it). */
export function accountMargin(account: Account): AccountMargin {
  const rules = RULES[account.venue];
  if (!rules) throw new RangeError(`accountMargin: venue "${account.venue}" has no rule set`);
  return rules.accountMargin(account);
}

/** accountSilos requires a venue from {@link supportedVenueIds}. */
export function accountSilos(account: Account): MarginSilo[] {
  const rules = RULES[account.venue];
  if (!rules) throw new RangeError(`accountSilos: venue "${account.venue}" has no rule set`);
  return rules.silos(account);
}
