import type Decimal from 'decimal.js';
import { PayloadReader } from '../venues/api/payload-reader';

/**
 * Deribit "public/get_book_summary_by_currency" with `kind=option`:
 * `{ jsonrpc, result: [{ instrument_name, mark_price, mark_iv, underlying_price,
 * underlying_index, base_currency, quote_currency, … }], usIn, usOut, … }`, numbers as JSON
 * numbers. `mark_iv` is the implied volatility of the mark price in percent; `mark_price` is in
 * the settlement currency (BTC or ETH for inverse options, USDC for linear ones);
 * `underlying_price` is the forward the IV applies to (USD).
 * Source: https://docs.deribit.com/api-reference/market-data/public-get_book_summary_by_currency
 *
 * Instrument names (Deribit API documentation, "Naming", https://docs.deribit.com/: option
 * `CURRENCY-DMMMYY-STRIKE-C|P`, a 1- or 2-digit day): inverse
 * `BTC-27DEC24-100000-C`; linear `SOL_USDC-27DEC24-200-C`, a decimal strike written with `d`
 * (`XRP_USDC-27DEC24-0d5-C`). They map to ccxt unified symbols `BTC/USD:BTC-241227-100000-C`
 * and `SOL/USDC:USDC-241227-200-C` (ccxt deribit.js fetchMarkets: base/quote:settle-YYMMDD-
 * strike-C|P). `currency` is the settlement currency: the coin for inverse options, USDC for
 * linear ones.
 */
export const BOOK_SUMMARY_ENDPOINT = 'GET /api/v2/public/get_book_summary_by_currency';

export interface OptionMark {
  /** ccxt unified symbol. */
  readonly symbol: string;
  readonly instrumentName: string;
  /** Mark implied volatility as a fraction (Deribit's percent / 100). */
  readonly markIv: Decimal;
  /** Mark price in the settlement currency. */
  readonly markPrice: Decimal;
  /** The forward the IV applies to, USD. */
  readonly underlyingPrice: Decimal;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const INSTRUMENT =
  /^([A-Z0-9]+)(?:_(USDC|USDT))?-(\d{1,2})([A-Z]{3})(\d{2})-(\d+(?:d\d+)?)-([CP])$/;
const UNIFIED_OPTION = /^([A-Z0-9]+)\/([A-Z0-9]+):([A-Z0-9]+)-\d{6}-\d+(?:\.\d+)?-[CP]$/;

/** The ccxt unified symbol of a Deribit option name; undefined for other instruments. */
export function deribitOptionSymbol(instrumentName: string): string | undefined {
  const match = INSTRUMENT.exec(instrumentName);
  if (!match) return undefined;
  const [, base = '', linearQuote, day = '', month = '', year = '', strike = '', type = ''] = match;
  const monthIndex = MONTHS.indexOf(month);
  if (monthIndex < 0) return undefined;
  const expiry = `${year}${String(monthIndex + 1).padStart(2, '0')}${day.padStart(2, '0')}`;
  const pair =
    linearQuote === undefined ? `${base}/USD:${base}` : `${base}/${linearQuote}:${linearQuote}`;
  return `${pair}-${expiry}-${strike.replace('d', '.')}-${type}`;
}

/** The `currency` to ask Deribit for an option's book summary; undefined if not a Deribit option symbol. */
export function deribitCurrencyOf(symbol: string): string | undefined {
  const match = UNIFIED_OPTION.exec(symbol);
  if (!match) return undefined;
  const [, base, quote, settle] = match;
  if (settle === base && quote === 'USD') return base;
  if (settle === quote && (settle === 'USDC' || settle === 'USDT')) return settle;
  return undefined;
}

/** The marks of the `wanted` unified symbols found in one currency's option book summary. */
export function parseOptionBookSummary(
  currency: string,
  payload: unknown,
  wanted: ReadonlySet<string>,
): Map<string, OptionMark> {
  const reader = new PayloadReader('deribit', `${BOOK_SUMMARY_ENDPOINT} ${currency}`);
  const body = reader.object(payload, '(response)');
  const marks = new Map<string, OptionMark>();
  reader.array(body.result, 'result').forEach((value, index) => {
    const row = reader.object(value, `result[${index}]`);
    const instrumentName = reader.text(row.instrument_name, `result[${index}].instrument_name`);
    const symbol = deribitOptionSymbol(instrumentName);
    if (symbol === undefined || !wanted.has(symbol)) return;
    const field = (name: string) => `result[${index}] ${instrumentName}.${name}`;
    marks.set(symbol, {
      symbol,
      instrumentName,
      markIv: reader.jsonNumber(row.mark_iv, field('mark_iv'), 'positive').div(100),
      markPrice: reader.jsonNumber(row.mark_price, field('mark_price')),
      underlyingPrice: reader.jsonNumber(
        row.underlying_price,
        field('underlying_price'),
        'positive',
      ),
    });
  });
  return marks;
}
