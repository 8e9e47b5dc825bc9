import Decimal from 'decimal.js';
import { deribitOptionSymbol } from '../market-data/deribit-option-marks';
import type { DeribitInstrument } from '../venues/deribit/deribit-position';

/**
 * A Deribit instrument read from its name alone, for positions the page feed receives without
 * the instrument list (`public/get_instruments`) the key adapter loads through ccxt.
 *
 * Names (docs.deribit.com, "Naming"): `BTC-PERPETUAL`, `BTC-27DEC24` (inverse: settled in the
 * coin), `BTC_USDC-PERPETUAL`, `SOL_USDC-27DEC24` (linear: settled in USDC), options
 * `BTC-27DEC24-100000-C` and `XRP_USDC-27DEC24-0d5-C` (deribit-option-marks.ts). ccxt unified
 * symbols: `BTC/USD:BTC`, `BTC/USD:BTC-241227`, `BTC/USDC:USDC`, `BTC/USDC:USDC-241227`.
 *
 * Contract size: what a position's `size` counts, so that contracts = |size| / contractSize is
 * exact without the instrument list. Futures' `size` is in USD (inverse) or in the base coin
 * (linear), options' in the base coin
 * (docs.deribit.com/api-reference/account-management/private-get_positions): each is written as
 * contracts of 1 (USD or coin), the same notional as Deribit's 10-USD or 1-coin contracts.
 * `priceIndex` is Deribit's index name (`btc_usd`, `sol_usdc`), the key of
 * `estimated_liquidation_ratio_map`.
 */
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const FUTURE = /^([A-Z0-9]{1,10})(?:_(USDC|USDT))?-(?:PERPETUAL|(\d{1,2})([A-Z]{3})(\d{2}))$/;
const OPTION_SYMBOL = /^([A-Z0-9]+)\/([A-Z0-9]+):([A-Z0-9]+)-/;
const ONE = new Decimal(1);

export function deribitInstrumentFromName(instrumentName: string): DeribitInstrument | undefined {
  const option = deribitOptionSymbol(instrumentName);
  if (option !== undefined) {
    const [, base = '', quote = '', settle = ''] = OPTION_SYMBOL.exec(option) ?? [];
    return {
      symbol: option,
      settle,
      kind: 'option',
      contractSize: ONE,
      priceIndex: priceIndexOf(base, quote),
    };
  }
  const future = FUTURE.exec(instrumentName);
  if (!future) return undefined;
  const [, base = '', linear, day, month, year] = future;
  const quote = linear ?? 'USD';
  const settle = linear ?? base;
  let expiry = '';
  if (day !== undefined && month !== undefined && year !== undefined) {
    const monthIndex = MONTHS.indexOf(month);
    if (monthIndex < 0) return undefined;
    expiry = `-${year}${String(monthIndex + 1).padStart(2, '0')}${day.padStart(2, '0')}`;
  }
  return {
    symbol: `${base}/${quote}:${settle}${expiry}`,
    settle,
    kind: 'future',
    contractSize: ONE,
    priceIndex: priceIndexOf(base, quote),
  };
}

function priceIndexOf(base: string, quote: string): string {
  return `${base.toLowerCase()}_${quote.toLowerCase()}`;
}
