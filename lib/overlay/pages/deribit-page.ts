import { expiryTimeMs } from '../../engine/product/expiry';
import { hip3MarketOfBase } from '../../engine/product/hyperliquid-market-name';
import { parseSymbol } from '../../engine/product/parse-symbol';
import { InstrumentKind } from '../../engine/product/types';
import { DERIBIT_VENUE } from '../../venues/deribit/deribit-venue';
import type { PageDescriptor, PageInstrument } from '../page-descriptor';
import { pageOrigin } from './page-origin';
import { pagePath } from './page-path';
import { findOrderForm, readOrderForm, type OrderFormHints } from './read-order-form';

/**
 * Deribit trading pages.
 *
 * URLs (evidence):
 * - `/futures/BTC-PERPETUAL`, linked from Deribit's own documentation
 *   (https://docs.deribit.com/articles/rate-limits, undated).
 * - `/futures/{instrument}` (e.g. `BTC-25JUN27`), `/options/BTC`, `/options/BTC/BTC-10JAN25`: a
 *   Selenium script and a link builder (public code index ids 4515347252, 61525084439;
 *   third-party, unconfirmed). No language segment is known.
 * Instrument names follow Deribit's naming (https://docs.deribit.com/, "Naming"):
 * `BTC-PERPETUAL`, `BTC-25JUN27` (a one- or two-digit day), linear `SOL_USDC-PERPETUAL`.
 *
 * Order form: only its labels are documented (support.deribit.com/hc/en-us/articles/
 * 25944767061661-Limit-Order and 25944775983133-USD-Order-Options): the amount with a "USD or
 * asset" unit selection, order type, amount, price, trigger, time in force, "Reduce"
 * (reduce_only), Buy/Sell. No DOM evidence: Deribit is read by label text only. Deribit sets no
 * per-order leverage or margin mode; those read as absent.
 *
 * Symbols are ccxt's: `BTC/USD:BTC` (BTC-PERPETUAL), `BTC/USD:BTC-270625` (BTC-25JUN27),
 * `SOL/USDC:USDC`. An options page, with or without one expiry chosen, is an option chain
 * (symbol null).
 */

// An inverse future's amount in USD is its notional: "For perpetual and inverse futures the
// amount is in USD units" (docs.deribit.com, private/buy `amount`); Deribit sizes no order by margin.
const DERIBIT_FORM_HINTS: OrderFormHints = { quoteCurrencySize: 'notional' };

const FUTURE = /^([A-Z0-9]{1,20})(?:_(USDC|USDT))?-(PERPETUAL|\d{1,2}[A-Z]{3}\d{2})$/;
const CURRENCY = /^([A-Z0-9]{1,20})(?:_(?:USDC|USDT))?$/;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

export function deribitInstrumentFromUrl(url: string): PageInstrument | null {
  const path = pagePath(url, DERIBIT_VENUE.pageMatches);
  if (path === null) return null;
  const [section, ...rest] = path;
  const names = rest.map((segment) => segment.toUpperCase());
  if (section === 'futures' && names.length === 1) return future(names[0] ?? '');
  if (section === 'options' && (names.length === 1 || names.length === 2))
    return optionChain(names[0] ?? '', names[1]);
  return null;
}

function future(name: string): PageInstrument | null {
  const match = FUTURE.exec(name);
  if (!match) return null;
  const [, base = '', linearQuote, contract = ''] = match;
  const pair =
    linearQuote === undefined ? `${base}/USD:${base}` : `${base}/${linearQuote}:${linearQuote}`;
  if (contract === 'PERPETUAL')
    return { venue: 'deribit', symbol: pair, underlying: base, kind: 'perpetual' };
  const expiry = yymmddOf(contract);
  if (expiry === undefined) return null;
  return { venue: 'deribit', symbol: `${pair}-${expiry}`, underlying: base, kind: 'future' };
}

/** `/options/BTC` or `/options/BTC/BTC-10JAN25`: the expiry, when given, must be BTC's and real. */
function optionChain(currency: string, expiryName: string | undefined): PageInstrument | null {
  const underlying = CURRENCY.exec(currency)?.[1];
  if (underlying === undefined) return null;
  if (expiryName !== undefined) {
    const [prefix, date = '', extra] = expiryName.split('-');
    if (prefix !== currency || extra !== undefined || yymmddOf(date) === undefined) return null;
  }
  return { venue: 'deribit', symbol: null, underlying, kind: 'option-chain' };
}

/** Deribit's `DMMMYY` (25JUN27) as ccxt's `YYMMDD` (270625); undefined when not a calendar date. */
function yymmddOf(date: string): string | undefined {
  const match = /^(\d{1,2})([A-Z]{3})(\d{2})$/.exec(date);
  if (!match) return undefined;
  const [, day = '', month = '', year = ''] = match;
  const monthIndex = MONTHS.indexOf(month);
  if (monthIndex < 0) return undefined;
  const yymmdd = `${year}${String(monthIndex + 1).padStart(2, '0')}${day.padStart(2, '0')}`;
  return expiryTimeMs(yymmdd) === undefined ? undefined : yymmdd;
}

/**
 * The trading page of a Deribit contract, named as Deribit names it: `BTC/USD:BTC` →
 * `/futures/BTC-PERPETUAL`, `BTC/USD:BTC-270625` → `/futures/BTC-25JUN27` (the day without a
 * leading zero, `BTC-4JUL25`), linear `SOL/USDC:USDC` → `/futures/SOL_USDC-PERPETUAL`, an option
 * → its currency's chain `/options/BTC` (`/options/SOL_USDC` for a linear one); null for spot.
 */
export function deribitTradingPageUrl(symbol: string): string | null {
  const instrument = parseSymbol(symbol);
  if ('error' in instrument) return null;
  const { kind, base, quote, expiry } = instrument;
  // A Hyperliquid HIP-3 market (`XYZ-NVDA/USDC:USDC`) is no Deribit contract.
  if (hip3MarketOfBase(base) !== undefined) return null;
  const origin = pageOrigin(DERIBIT_VENUE.pageMatches);
  const inverse = kind === InstrumentKind.inversePerpetual || kind === InstrumentKind.inverseFuture;
  // Inverse contracts are the coin's own (BTC-…); linear ones carry their quote (SOL_USDC-…).
  const currency =
    inverse || (kind === InstrumentKind.option && quote === 'USD') ? base : `${base}_${quote}`;
  if (kind === InstrumentKind.option) return `${origin}/options/${currency}`;
  if (kind === InstrumentKind.spot) return null;
  if (inverse && quote !== 'USD') return null;
  return `${origin}/futures/${currency}-${expiry === undefined ? 'PERPETUAL' : deribitDate(expiry)}`;
}

/** ccxt's `YYMMDD` (270625) as Deribit's `DMMMYY` (25JUN27), the day without a leading zero. */
function deribitDate(yymmdd: string): string {
  const month = MONTHS[Number(yymmdd.slice(2, 4)) - 1] ?? '';
  return `${Number(yymmdd.slice(4, 6))}${month}${yymmdd.slice(0, 2)}`;
}

export const DERIBIT_PAGE: PageDescriptor = {
  site: 'deribit',
  matches: DERIBIT_VENUE.pageMatches,
  instrumentFromUrl: deribitInstrumentFromUrl,
  tradingPageUrl: deribitTradingPageUrl,
  findOrderForm: (document) => findOrderForm(document, DERIBIT_FORM_HINTS),
  readOrderForm: (form) =>
    readOrderForm(form, DERIBIT_FORM_HINTS, deribitInstrumentFromUrl(form.ownerDocument.URL)),
};
