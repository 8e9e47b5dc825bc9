import type { VenueId } from '../venues/venue-descriptors';

/**
 * What the overlay needs to know about one venue's trading pages, written once per site in
 * `lib/overlay/pages/<site>-page.ts` and listed in `page-descriptors.ts`: where its pages are,
 * which instrument a page shows (from the URL, re-read on single-page navigation), and how to read
 * its order form. Pure functions of a URL or a Document: no messaging, no storage, no engine.
 */
export interface PageInstrument {
  /** The venue whose margin rules apply (a portfolio account's `venue`). */
  readonly venue: VenueId;
  /** ccxt unified symbol (BTC/USDT:USDT, BTC/USD:BTC-261225); null on an option chain page. */
  readonly symbol: string | null;
  /** The underlying asset as the engine names it (BTC, ETH; XYZ-NVDA for a HIP-3 market). */
  readonly underlying: string;
  readonly kind: 'perpetual' | 'future' | 'option' | 'option-chain';
}

/** The units an order form's size field is in. */
export const SizeUnit = {
  /** The venue's contracts (OKX, Binance COIN-M, Bybit inverse in USD contracts). */
  contracts: 'contracts',
  /** The base asset (BTC on a BTC/USDT perpetual). */
  base: 'base',
  /**
   * The order's notional value in the quote currency: contracts × contract size × price on a
   * linear contract, contracts × USD per contract on an inverse one (Binance's "Total" or "Order
   * value", Deribit's USD amount on an inverse future).
   */
  quote: 'quote',
  /**
   * The order's initial margin in the quote, size × leverage = notional (Bybit's "Order by Cost",
   * Binance's "Cost" or "Initial Margin"): the background converts it at the order's leverage,
   * else the position's, and refuses it when neither is known. The venues' "cost" also covers
   * fees (Bybit) or an open loss (Binance), so the notional read this way is a little too large.
   * Linear contracts only: an inverse contract's margin is in the base asset.
   */
  margin: 'margin',
} as const;
export type SizeUnit = (typeof SizeUnit)[keyof typeof SizeUnit];

/** One field read from the order form, or why not. */
export type FormField<T> =
  { readonly read: true; readonly value: T } | { readonly read: false; readonly reason: string };

/**
 * What the page's order form says now. `side` null: both Buy and Sell are live (one-way mode):
 * the overlay computes both. A field that could not be read says why; the overlay shows the
 * trader which fields came from the page and lets them type the rest.
 */
export interface OrderFormReading {
  readonly side: FormField<'buy' | 'sell' | null>;
  readonly type: FormField<'market' | 'limit' | 'stop'>;
  /** A size of 0 or an empty field reads as `read: false` with the reason "empty". */
  readonly size: FormField<{ readonly value: number; readonly unit: SizeUnit }>;
  /** Limit price (limit orders) or trigger price (stop orders); not read for a market order. */
  readonly price: FormField<number>;
  readonly leverage: FormField<number>;
  readonly marginMode: FormField<'cross' | 'isolated'>;
  readonly reduceOnly: FormField<boolean>;
  /** Base units per contract when the form states it (OKX "Single contract value 0.01 BTC"). */
  readonly contractSize: FormField<number>;
}

export interface PageDescriptor {
  /** The site, for the overlay's remembered place (binance serves two venues). */
  readonly site: 'binance' | 'bybit' | 'okx' | 'deribit' | 'hyperliquid';
  /** Match patterns the content script runs on: the trading pages only, not the whole site. */
  readonly matches: readonly string[];
  /** The instrument a page URL shows; null when the URL is not a trading page this reader knows. */
  instrumentFromUrl(url: string): PageInstrument | null;
  /**
   * The inverse of `instrumentFromUrl`: the page that trades `symbol` (a ccxt unified symbol) on
   * this site, or for an option its underlying's option chain where the site has one; null when
   * the site has no page for it. Reading the URL back gives the symbol (or that chain).
   */
  tradingPageUrl(symbol: string): string | null;
  /**
   * The order form's element (the overlay never covers it), or null when the page shows none a
   * reader recognises. Finds the form by structure and labels, never by hashed class names.
   */
  findOrderForm(document: Document): Element | null;
  /** Reads the form `findOrderForm` found. Never throws on odd markup: a field it cannot read says why. */
  readOrderForm(form: Element): OrderFormReading;
}
