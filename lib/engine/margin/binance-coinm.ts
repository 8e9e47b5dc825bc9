import type { Account } from '../product/types';
import type { MarginSilo } from '../risk/margin-silo';
import {
  inverseTieredAccountMargin,
  inverseTieredSilos,
  isInverseUsdContract,
  type InverseVenue,
} from './inverse-tiered-account';
import type { AccountMargin } from './margin-types';
import type { MarginContext } from './venue-context';

/**
 * Binance COIN-M futures: inverse perpetuals and futures, margined and settled in the base coin,
 * contract size 100 USD for BTCUSD and 10 USD for the others. Sources: Binance COIN-M
 * liquidation-price FAQ (https://www.binance.com/en/support/faq/ceccfcfb4e3a45e3b48b0b1bb1a8ae46;
 * the formula is an image, written out and checked in research/methodology.md §1.4 against
 * Binance's calculator, B8) and the COIN-M maintenance-margin FAQ example (B6). The formula is the
 * equity = MM solution of inverse-tiered-account.ts. No COIN-M bracket table could be retrieved to
 * embed, so positions carry their tier in force or the file brings the brackets (`tierTables`, from
 * the signed `GET /dapi/v2/leverageBracket`, notional in coin).
 */
export const BINANCE_COINM = 'binancecoinm';

export const binanceCoinmSupportsInstrument = isInverseUsdContract;

const BINANCE_COINM_VENUE: InverseVenue = {
  name: BINANCE_COINM,
  label: 'Binance COIN-M',
  marketId: (instrument) => `${instrument.base}${instrument.quote}_${instrument.expiry ?? 'PERP'}`,
  tableEndpoint: 'GET /dapi/v2/leverageBracket, signed; notional in coin',
};

export function binanceCoinmAccountMargin(account: Account, context: MarginContext): AccountMargin {
  return inverseTieredAccountMargin(account, BINANCE_COINM_VENUE, context);
}

export function binanceCoinmSilos(account: Account, context: MarginContext): MarginSilo[] {
  return inverseTieredSilos(account, BINANCE_COINM_VENUE, context);
}
