import { expiryTimeMs } from '../../engine/product/expiry';
import { hip3MarketOfBase } from '../../engine/product/hyperliquid-market-name';
import { parseSymbol } from '../../engine/product/parse-symbol';
import { InstrumentKind } from '../../engine/product/types';
import { BINANCE_PAGE_MATCHES } from '../../venues/binance/binance-venues';
import type { PageDescriptor, PageInstrument } from '../page-descriptor';
import { pageOrigin } from './page-origin';
import { pagePath } from './page-path';
import { findOrderForm, readOrderForm, type OrderFormHints } from './read-order-form';

/**
 * Binance futures trading pages (both venues: USDⓈ-M and COIN-M share the site).
 *
 * URLs (evidence):
 * - USDⓈ-M `/{lang?}/futures/{MARKET}`, e.g. `/en/futures/BTCUSDT`, `/zh-CN/futures/BTCUSDT`,
 *   dated `/en/futures/BTCUSDT_261225`; the language segment is optional. jackhai9/userscripts
 *   `src/shared/binance-futures-route.js` @e59d070 (2026-07-28), checked on the live site.
 * - COIN-M `/{lang?}/delivery/{MARKET}`: phyck/Userscripts `BinanceFuturesTweak.user.js`
 *   (2022-08-29); link builders use `BTCUSD_PERP` (third-party, unconfirmed). Dated COIN-M ids
 *   are `BTCUSD_261225` (Binance's dapi symbol form, as ccxt reads it). Older lower-case links
 *   (`btcusd_perpetual`, `btcusd_quarter`) are read only where they name a contract exactly:
 *   `_perpetual` is the perpetual; `_quarter` names no date and gives null.
 *
 * Order form (jackhai9/userscripts `dom/trade-form.js`, 2026-03…07, checked live): quantity
 * `input[id^="unitAmount-"]` (aria-label 数量), price `input[id^="limitPrice-"]` (aria-label
 * 委托价格), order-type tabs `[role=tab][data-tab-key]`, Open/Close tabs (开仓/平仓), buttons
 * 开多/开空/平多/平空, leverage button "全仓 20x"; the `unitAmount-` prefix has lasted since
 * 2024-04 (phuonglinh118/AZ_2404 @9cde0d3), its numeric suffix changes. Those hooks only break
 * ties between inputs whose labels already agree (read-order-form.ts).
 *
 * Size units: Binance's FAQ "How to Place Orders by Initial Margin" (www.binance.com/en/support/
 * faq/detail/437059503f11472a8c92aa4533f7859c, 2025-05-21) offers, under the amount's unit, the
 * base asset (BTC) and the quote asset (USDT), both including leverage (the notional), and
 * "Initial Margin", chosen *under the quote asset*: 100 USDT at 10x is a 1,000 USDT order. Its
 * older "Cost" is the same margin plus any open loss (FAQ 87fa7ee33b574f7084d42bd2ce2e463b).
 * So a unit button reading just "USDT" is the notional in one mode and the margin in the other,
 * and no source shows the button telling them apart: a bare quote currency is not read on
 * Binance (the trader picks the unit in the overlay); "Cost" / 成本 / "Initial Margin" beside
 * it read as margin, "Total" / "Order Value" / 金额 as notional.
 *
 * Symbols are ccxt's: USDⓈ-M `BTC/USDT:USDT`, `BTC/USDT:USDT-261225`, `ETH/USDC:USDC`; COIN-M
 * `BTC/USD:BTC`, `BTC/USD:BTC-261225`.
 */

const BINANCE_FORM_HINTS: OrderFormHints = {
  priceInput: 'input[id^="limitPrice-"]',
  sizeInput: 'input[id^="unitAmount-"]',
  orderTypeKey: 'data-tab-key',
};

const USDM_MARKET = /^([A-Z0-9]{1,20}?)(USDT|USDC)(?:_(\d{6}))?$/;
const COINM_MARKET = /^([A-Z0-9]{1,20}?)USD_(PERP|PERPETUAL|\d{6})$/;

export function binanceInstrumentFromUrl(url: string): PageInstrument | null {
  const path = pagePath(url, BINANCE_PAGE_MATCHES);
  if (path?.length !== 2) return null;
  const [section, rawMarket = ''] = path;
  const market = rawMarket.toUpperCase();
  if (section === 'futures') return usdmInstrument(market);
  if (section === 'delivery') return coinmInstrument(market);
  return null;
}

function usdmInstrument(market: string): PageInstrument | null {
  const match = USDM_MARKET.exec(market);
  if (!match) return null;
  const [, base = '', quote = '', expiry] = match;
  const pair = `${base}/${quote}:${quote}`;
  if (expiry === undefined)
    return { venue: 'binanceusdm', symbol: pair, underlying: base, kind: 'perpetual' };
  if (expiryTimeMs(expiry) === undefined) return null;
  return { venue: 'binanceusdm', symbol: `${pair}-${expiry}`, underlying: base, kind: 'future' };
}

function coinmInstrument(market: string): PageInstrument | null {
  const match = COINM_MARKET.exec(market);
  if (!match) return null;
  const [, base = '', contract = ''] = match;
  const pair = `${base}/USD:${base}`;
  if (contract === 'PERP' || contract === 'PERPETUAL')
    return { venue: 'binancecoinm', symbol: pair, underlying: base, kind: 'perpetual' };
  if (expiryTimeMs(contract) === undefined) return null;
  return { venue: 'binancecoinm', symbol: `${pair}-${contract}`, underlying: base, kind: 'future' };
}

/**
 * The trading page of a Binance futures contract, in the forms read above with the `/en/`
 * language segment: USDⓈ-M `BTC/USDT:USDT` → `/en/futures/BTCUSDT` (dated `BTCUSDT_261225`),
 * COIN-M `BTC/USD:BTC` → `/en/delivery/BTCUSD_PERP` (dated `BTCUSD_261225`); null for options
 * and spot (no page here reads them).
 */
export function binanceTradingPageUrl(symbol: string): string | null {
  const instrument = parseSymbol(symbol);
  if ('error' in instrument) return null;
  const { kind, base, quote, expiry } = instrument;
  // A Hyperliquid HIP-3 market (`XYZ-NVDA/USDC:USDC`) is no Binance contract.
  if (hip3MarketOfBase(base) !== undefined) return null;
  const origin = pageOrigin(BINANCE_PAGE_MATCHES);
  const linear = kind === InstrumentKind.linearPerpetual || kind === InstrumentKind.linearFuture;
  const inverse = kind === InstrumentKind.inversePerpetual || kind === InstrumentKind.inverseFuture;
  if (linear && (quote === 'USDT' || quote === 'USDC'))
    return `${origin}/en/futures/${base}${quote}${expiry === undefined ? '' : `_${expiry}`}`;
  if (inverse && quote === 'USD') return `${origin}/en/delivery/${base}USD_${expiry ?? 'PERP'}`;
  return null;
}

export const BINANCE_PAGE: PageDescriptor = {
  site: 'binance',
  matches: BINANCE_PAGE_MATCHES,
  instrumentFromUrl: binanceInstrumentFromUrl,
  tradingPageUrl: binanceTradingPageUrl,
  findOrderForm: (document) => findOrderForm(document, BINANCE_FORM_HINTS),
  readOrderForm: (form) =>
    readOrderForm(form, BINANCE_FORM_HINTS, binanceInstrumentFromUrl(form.ownerDocument.URL)),
};
