import { expiryTimeMs } from '../../engine/product/expiry';
import { hip3MarketOfBase } from '../../engine/product/hyperliquid-market-name';
import { parseSymbol } from '../../engine/product/parse-symbol';
import { InstrumentKind } from '../../engine/product/types';
import { OKX_VENUE } from '../../venues/okx/okx-venue';
import type { PageDescriptor, PageInstrument } from '../page-descriptor';
import { pageOrigin } from './page-origin';
import { pagePath } from './page-path';
import { findOrderForm, readOrderForm, type OrderFormHints } from './read-order-form';

/**
 * OKX derivatives trading pages.
 *
 * URLs (evidence):
 * - `/trade-swap/btc-usdt-swap`, the lower-case instId, with language alternates `/zh-hans/`,
 *   `/zh-hant/`, `/pt/` (its `og:url` and title "… BTC USDT Perpetual Swap | OKX" agree):
 *   avcdefzh/okx-hotkey @ba4e1c7 `dom-dumps/futures-full.html`, a headless dump of the live
 *   page, 2026-04-08.
 * - `/trade-futures/{instId}`, `/trade-option/btc-usd`, `/trade-option-chain/btc-usd`: an option
 *   chain scraper (public code index id 15684547201, c. 2025-08) and link builders (third-party,
 *   unconfirmed). A swap instId under `/trade-futures/` (one link builder writes it) reads as the
 *   swap.
 *
 * Order form, from the same dump (2026-04-08): `form.okui-form`; Open/Close and "Limit / Market /
 * TP/SL" tabs, `role=tab` + `aria-selected`; buttons "Isolated" and "5x" (shown twice, long and
 * short); price in `.price-input` with `label[for]` text "Price" and a value with thousands
 * separators ("71,441.7"); size in `.size-input`, labelled by the unit switch "Amount
 * (Contracts)", placeholder "Single contract value 0.01 BTC". The `okui-*` hooks held
 * April–August 2026 (mop824/okx-hotkey @3732c3f `src/content/selectors.js`, 2026-05-10).
 * No source says whether a bare "USDT" unit is the order's value or its margin: it is not read.
 *
 * Symbols are ccxt's: `BTC/USDT:USDT`, `BTC/USD:BTC`, `BTC/USDT:USDT-261225`,
 * `BTC/USD:BTC-261225`.
 */

const OKX_FORM_HINTS: OrderFormHints = {
  priceInput: '.price-input',
  sizeInput: '.size-input',
};

const INSTRUMENT = /^([A-Z0-9]{1,20})-(USDT|USDC|USD)-(SWAP|\d{6})$/;
const OPTION_FAMILY = /^([A-Z0-9]{1,20})-(USD|USDC)$/;

export function okxInstrumentFromUrl(url: string): PageInstrument | null {
  const path = pagePath(url, OKX_VENUE.pageMatches);
  if (path?.length !== 2) return null;
  const [section = '', instrument = ''] = path;
  const id = instrument.toUpperCase();
  if (section === 'trade-swap' || section === 'trade-futures') return contract(id);
  if (section === 'trade-option' || section === 'trade-option-chain') {
    const underlying = OPTION_FAMILY.exec(id)?.[1];
    return underlying === undefined
      ? null
      : { venue: 'okx', symbol: null, underlying, kind: 'option-chain' };
  }
  return null;
}

function contract(id: string): PageInstrument | null {
  const match = INSTRUMENT.exec(id);
  if (!match) return null;
  const [, base = '', quote = '', tail = ''] = match;
  // USD contracts on OKX are inverse: margined and settled in the base coin.
  const pair = `${base}/${quote}:${quote === 'USD' ? base : quote}`;
  if (tail === 'SWAP') return { venue: 'okx', symbol: pair, underlying: base, kind: 'perpetual' };
  if (expiryTimeMs(tail) === undefined) return null;
  return { venue: 'okx', symbol: `${pair}-${tail}`, underlying: base, kind: 'future' };
}

/**
 * The trading page of an OKX contract, in the forms read above (the lower-case instId):
 * `BTC/USDT:USDT` → `/trade-swap/btc-usdt-swap`, `BTC/USD:BTC` → `/trade-swap/btc-usd-swap`,
 * `BTC/USDT:USDT-261225` → `/trade-futures/btc-usdt-261225`, an option → its family's chain
 * `/trade-option-chain/btc-usd`; null for spot.
 */
export function okxTradingPageUrl(symbol: string): string | null {
  const instrument = parseSymbol(symbol);
  if ('error' in instrument) return null;
  const { kind, base, quote, expiry } = instrument;
  // A Hyperliquid HIP-3 market (`XYZ-NVDA/USDC:USDC`) is no OKX contract.
  if (hip3MarketOfBase(base) !== undefined) return null;
  const origin = pageOrigin(OKX_VENUE.pageMatches);
  const family = `${base}-${quote}`.toLowerCase();
  switch (kind) {
    case InstrumentKind.linearPerpetual:
    case InstrumentKind.inversePerpetual:
      return `${origin}/trade-swap/${family}-swap`;
    case InstrumentKind.linearFuture:
    case InstrumentKind.inverseFuture:
      return `${origin}/trade-futures/${family}-${expiry}`;
    case InstrumentKind.option:
      return `${origin}/trade-option-chain/${family}`;
    default:
      return null;
  }
}

export const OKX_PAGE: PageDescriptor = {
  site: 'okx',
  matches: OKX_VENUE.pageMatches,
  instrumentFromUrl: okxInstrumentFromUrl,
  tradingPageUrl: okxTradingPageUrl,
  findOrderForm: (document) => findOrderForm(document, OKX_FORM_HINTS),
  readOrderForm: (form) =>
    readOrderForm(form, OKX_FORM_HINTS, okxInstrumentFromUrl(form.ownerDocument.URL)),
};
