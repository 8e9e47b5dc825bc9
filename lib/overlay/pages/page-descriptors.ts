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
