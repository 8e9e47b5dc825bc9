import { hip3MarketOfBase } from '../../engine/product/hyperliquid-market-name';
import { parseSymbol } from '../../engine/product/parse-symbol';
import { InstrumentKind } from '../../engine/product/types';
import { BYBIT_VENUE } from '../../venues/bybit/bybit-venue';
import type { PageDescriptor, PageInstrument } from '../page-descriptor';
import { pageOrigin } from './page-origin';
import { pagePath } from './page-path';
import { findOrderForm, readOrderForm, type OrderFormHints } from './read-order-form';

/**
 * Bybit derivatives trading pages.
 *
 * URLs (evidence, all third-party, unconfirmed on the live site):
 * - USDT perpetuals `/trade/usdt/BTCUSDT`, inverse perpetuals `/trade/inverse/BTCUSD`, the option
 *   chain `/trade/option/usdc/BTC`, USDC perpetuals `/trade/futures/usdc/BTC-PERP`: Bybit's own
 *   navigation menu as copied into a Japanese site's header (public code index id 38853773514)
 *   and a trading bot's `.env` comments (index id 37962672846); `/trade/usdc/BTC-PERP` in a link
 *   builder (index id 70917361881); an optional language segment `/en/…` in another (index id
 *   60247403800). The index ids name files in the public code index the research used. Older inverse futures `/trade/inverse/futures/BTCUSD_BIQ` (crypto-
 *   crawler, index id 27651296300) name no date and give null, as do dated ids this reader has
 *   no evidence for (`BTCUSDZ25`, `BTC-26DEC25`).
 *
 * Order form: the evidence is thin and old. mmintel/chrome-bybit-extension @5607331
 * (2022-09-28) reads the side from the `.by-checkbox--long` / `--short` checkboxes and their
 * `--checked` modifier (BEM modifiers, not hashes); greasyfork 548078 (v2026-01-01) finds inputs
 * only by position. Nothing else is venue-specific: Bybit is read by label text only.
 *
 * Size units: besides "Order by Qty" (the coin), Bybit offers "Order by Cost" in USDT, the
 * initial margin plus the taker fees to open and close (help.bybit.com/hc/en-us/articles/
 * 900000169703, 2022-07-25), so a bare "USDT" unit is not read; "Cost" beside it reads as margin.
 *
 * Symbols are ccxt's: linear `BTC/USDT:USDT`, USDC perpetuals `BTC/USDC:USDC` (Bybit's
 * `BTCPERP`), inverse `BTC/USD:BTC`.
 */

const BYBIT_FORM_HINTS: OrderFormHints = {};

const USDT_PERPETUAL = /^([A-Z0-9]{1,20}?)USDT$/;
const USDC_PERPETUAL = /^([A-Z0-9]{1,20}?)-?PERP$/;
const INVERSE_PERPETUAL = /^([A-Z0-9]{1,20}?)USD$/;
const OPTION_UNDERLYING = /^[A-Z0-9]{1,20}$/;

export function bybitInstrumentFromUrl(url: string): PageInstrument | null {
  const path = pagePath(url, BYBIT_VENUE.pageMatches);
  if (path === null || path[0] !== 'trade') return null;
  const [, ...rest] = path.map((segment) => segment.toUpperCase());
  const route = rest.slice(0, -1).join('/');
  const last = rest.at(-1) ?? '';
  if (route === 'USDT') return perpetual(USDT_PERPETUAL, last, 'USDT', 'USDT');
  if (route === 'USDC' || route === 'FUTURES/USDC')
    return perpetual(USDC_PERPETUAL, last, 'USDC', 'USDC');
  if (route === 'INVERSE') return perpetual(INVERSE_PERPETUAL, last, 'USD', undefined);
  if (route === 'OPTION/USDC' && OPTION_UNDERLYING.test(last))
    return { venue: 'bybit', symbol: null, underlying: last, kind: 'option-chain' };
  return null;
}

/** `settle` undefined: inverse, settled in the base asset. */
function perpetual(
  marketId: RegExp,
  market: string,
  quote: string,
  settle: string | undefined,
): PageInstrument | null {
  const base = marketId.exec(market)?.[1];
  if (base === undefined) return null;
  const symbol = `${base}/${quote}:${settle ?? base}`;
  return { venue: 'bybit', symbol, underlying: base, kind: 'perpetual' };
}

/**
 * The trading page of a Bybit contract, in the forms read above: `BTC/USDT:USDT` →
 * `/trade/usdt/BTCUSDT`, `BTC/USDC:USDC` → `/trade/futures/usdc/BTC-PERP` (Bybit's own menu's
 * form), `BTC/USD:BTC` → `/trade/inverse/BTCUSD`, a USDC option → its chain
 * `/trade/option/usdc/BTC`; null for dated futures (no URL form with a date is known) and spot.
 */
export function bybitTradingPageUrl(symbol: string): string | null {
  const instrument = parseSymbol(symbol);
  if ('error' in instrument) return null;
  const { kind, base, quote, settle } = instrument;
  // A Hyperliquid HIP-3 market (`XYZ-NVDA/USDC:USDC`) is no Bybit contract.
  if (hip3MarketOfBase(base) !== undefined) return null;
  const origin = pageOrigin(BYBIT_VENUE.pageMatches);
  if (kind === InstrumentKind.linearPerpetual && quote === 'USDT')
    return `${origin}/trade/usdt/${base}USDT`;
  if (kind === InstrumentKind.linearPerpetual && quote === 'USDC')
    return `${origin}/trade/futures/usdc/${base}-PERP`;
  if (kind === InstrumentKind.inversePerpetual && quote === 'USD')
    return `${origin}/trade/inverse/${base}USD`;
  if (kind === InstrumentKind.option && settle === 'USDC')
    return `${origin}/trade/option/usdc/${base}`;
  return null;
}

export const BYBIT_PAGE: PageDescriptor = {
  site: 'bybit',
  matches: BYBIT_VENUE.pageMatches,
  instrumentFromUrl: bybitInstrumentFromUrl,
  tradingPageUrl: bybitTradingPageUrl,
  findOrderForm: (document) => findOrderForm(document, BYBIT_FORM_HINTS),
  readOrderForm: (form) =>
    readOrderForm(form, BYBIT_FORM_HINTS, bybitInstrumentFromUrl(form.ownerDocument.URL)),
};
