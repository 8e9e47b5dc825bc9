import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PageDescriptor, PageInstrument } from '../../lib/overlay/page-descriptor';
import { PAGE_DESCRIPTORS } from '../../lib/overlay/pages/page-descriptors';

/**
 * The local demo exchange's trading pages for the five sites: each venue's hand-written order-form
 * fixture (test/pages/<site>-order-form.html) served at the venue's real path, so that the content
 * script runs on it as on the live site. The path is read by the site's own page descriptor, so
 * the demo serves exactly the URLs the overlay recognises. Binance pages under a Chinese language
 * segment (`/zh-CN/futures/…`) get the Chinese form.
 *
 * Each page is labelled as a local demo so that no one mistakes it for the exchange.
 */
export type VenueSite = PageDescriptor['site'];

const VENUE_NAMES: Readonly<Record<VenueSite, string>> = {
  binance: 'Binance',
  bybit: 'Bybit',
  okx: 'OKX',
  deribit: 'Deribit',
  hyperliquid: 'Hyperliquid',
};

const PAGES_DIRECTORY = path.join(import.meta.dirname, '..', 'pages');

/**
 * The page at `url` on `site`, or null when the URL is not a futures or perpetual trading page the
 * site's descriptor reads (option chains included: there is no option-chain fixture) or
 * `markPrices` has no mark for its instrument. `markPrices` is keyed by ccxt symbol
 * (`BTC/USDT:USDT`); the mark is shown as given. Fills the fixture's `{{SYMBOL_TITLE}}`,
 * `{{MARK}}` and `{{BASE}}` (the size unit), HTML-escaped.
 */
export function venuePage(
  site: VenueSite,
  url: string,
  markPrices: Readonly<Record<string, string>>,
): string | null {
  const descriptor = PAGE_DESCRIPTORS.find((candidate) => candidate.site === site);
  const instrument = descriptor?.instrumentFromUrl(url) ?? null;
  if (instrument === null || instrument.symbol === null) return null;
  const mark = markPrices[instrument.symbol];
  if (mark === undefined) return null;
  return readFileSync(path.join(PAGES_DIRECTORY, fixtureFile(site, url)), 'utf8')
    .replaceAll('{{SYMBOL_TITLE}}', escapeHtml(titleOf(instrument)))
    .replaceAll('{{MARK}}', escapeHtml(mark))
    .replaceAll('{{BASE}}', escapeHtml(instrument.underlying))
    .replace('<body>', `<body>\n${demoBanner(VENUE_NAMES[site])}`);
}

function fixtureFile(site: VenueSite, url: string): string {
  const chinese = site === 'binance' && /^\/zh(?:-[A-Za-z]+)?\//.test(new URL(url).pathname);
  return chinese ? 'binance-order-form-zh.html' : `${site}-order-form.html`;
}

function titleOf(instrument: PageInstrument): string {
  const kind = instrument.kind === 'perpetual' ? 'Perpetual' : 'Futures';
  return `${instrument.symbol ?? instrument.underlying} ${kind}`;
}

function demoBanner(venueName: string): string {
  return `<div role="note" style="padding: 6px 16px; background: #3a2f00; color: #ffd666; font: 12px system-ui, sans-serif">Local demo exchange served by Margin Lens on 127.0.0.1, not ${escapeHtml(venueName)}</div>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
