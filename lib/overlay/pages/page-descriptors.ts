import { parseSymbol } from '../../engine/product/parse-symbol';
import { InstrumentKind } from '../../engine/product/types';
import type { PageDescriptor, PageInstrument } from '../page-descriptor';
import { BINANCE_PAGE } from './binance-page';
import { BYBIT_PAGE } from './bybit-page';
import { DERIBIT_PAGE } from './deribit-page';
import { HYPERLIQUID_PAGE } from './hyperliquid-page';
import { OKX_PAGE } from './okx-page';

/** Every site whose trading pages Margin Lens reads (one file each beside this one). */
export const PAGE_DESCRIPTORS: readonly PageDescriptor[] = [
  BINANCE_PAGE,
  BYBIT_PAGE,
  OKX_PAGE,
  DERIBIT_PAGE,
  HYPERLIQUID_PAGE,
];

export interface PageMatch {
  readonly descriptor: PageDescriptor;
  readonly instrument: PageInstrument;
}

/**
 * The site and instrument a URL shows, or null when it is not a trading page a descriptor knows.
 * The sites' match patterns do not overlap (each names its own host), so at most one answers.
 */
export function pageDescriptorForUrl(url: string): PageMatch | null {
  for (const descriptor of PAGE_DESCRIPTORS) {
    const instrument = descriptor.instrumentFromUrl(url);
    if (instrument !== null) return { descriptor, instrument };
  }
  return null;
}

/**
 * The trading page for a position: `venue`'s page for `symbol` (an option's chain where its site
 * has one), or null when no site of that venue has a page for it. A URL counts only when its own
 * site reads it back as that venue and instrument, so a Binance COIN-M symbol never opens the
 * USDⓈ-M page and a URL writer that drifts from its reader gives null rather than a wrong page.
 */
export function tradingPageUrlFor(venue: string, symbol: string): string | null {
  for (const descriptor of PAGE_DESCRIPTORS) {
    const url = descriptor.tradingPageUrl(symbol);
    if (url === null) continue;
    const page = descriptor.instrumentFromUrl(url);
    if (page === null || page.venue !== venue) continue;
    if (page.symbol === symbol || (page.symbol === null && underlyingMatches(symbol, page)))
      return url;
  }
  return null;
}

/** An option's page is the chain of its underlying. */
function underlyingMatches(symbol: string, page: PageInstrument): boolean {
  const instrument = parseSymbol(symbol);
  return (
    page.kind === 'option-chain' &&
    !('error' in instrument) &&
    instrument.kind === InstrumentKind.option &&
    instrument.base === page.underlying
  );
}
