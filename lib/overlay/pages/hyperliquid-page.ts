import { HYPERLIQUID_VENUE } from '../../venues/hyperliquid/hyperliquid-venue';
import type { PageDescriptor, PageInstrument } from '../page-descriptor';
import { pageOrigin } from './page-origin';
import { pagePath } from './page-path';
import { findOrderForm, readOrderForm, type OrderFormHints } from './read-order-form';

/**
 * Hyperliquid's trading page, `app.hyperliquid.xyz/trade/{coin}`.
 *
 * URLs (evidence, third-party link builders, public code index ids 69413280031, 55318212084,
 * 70904768326, unconfirmed on the live site): perpetuals `/trade/BTC`; HIP-3 markets
 * `/trade/xyz:NVDA`, also percent-encoded `/trade/xyz%3AHYUNDAI`; spot `/trade/HYPE/USDC`, which
 * is not a derivative (null). HIP-3 coins are `dex:SYMBOL` (nktkas/hyperliquid @db80d59,
 * 2026-08-02). `/trade` alone shows the last market viewed, which the URL does not name (null).
 *
 * Caveat: notes on HIP-3 slugs (index ids 54516973902, 2026-06-04, and 68924454566) say a slug
 * can be an alias (`xyz:SAMSUNG` for the coin `xyz:SMSN`); the URL then names a coin that does
 * not exist, and the overlay finds no market for it. The coin the app trades is in its traffic.
 *
 * Order form: no public DOM evidence; look-alike interfaces show "Market / Limit / Pro" and a
 * "Buy / Long" / "Sell / Short" toggle (weak). Read by label text only. No source says whether
 * a size in USD(C) is the order's value or its margin: a bare quote currency is not read.
 *
 * Symbols are ccxt's (hyperliquid.js parseMarket, ccxt 4.5.84): the coin upper-cased, a HIP-3
 * `dex:COIN` with the colon made a hyphen (`xyz:NVDA` → `XYZ-NVDA/USDC:USDC`), quoted and
 * settled in USDC. ccxt takes a HIP-3 dex's quote from its collateral token, which the URL does
 * not show; every HIP-3 dex in the evidence is USDC-collateralised.
 */

const HYPERLIQUID_FORM_HINTS: OrderFormHints = {};

const COIN = /^(?:([A-Za-z0-9]{1,20}):)?([A-Za-z0-9]{1,20})$/;

export function hyperliquidInstrumentFromUrl(url: string): PageInstrument | null {
  const path = pagePath(url, HYPERLIQUID_VENUE.pageMatches);
  if (path?.length !== 2 || path[0] !== 'trade') return null;
  const match = COIN.exec(path[1] ?? '');
  if (!match) return null;
  const [, dex, coin = ''] = match;
  const underlying = (dex === undefined ? coin : `${dex}-${coin}`).toUpperCase();
  return {
    venue: 'hyperliquid',
    symbol: `${underlying}/USDC:USDC`,
    underlying,
    kind: 'perpetual',
  };
}

/**
 * The trading page of a Hyperliquid perpetual: `BTC/USDC:USDC` → `/trade/BTC`, a HIP-3 market
 * `XYZ-NVDA/USDC:USDC` → `/trade/xyz:NVDA` (the dex lower-case, as the app writes it); null for
 * anything else. The coin is written upper-case: the app's own case for a few coins (`kPEPE`) is
 * not in the symbol, and the page reader reads either.
 */
export function hyperliquidTradingPageUrl(symbol: string): string | null {
  const match = /^(?:([A-Z0-9]{1,20})-)?([A-Z0-9]{1,20})\/USDC:USDC$/.exec(symbol);
  if (!match) return null;
  const [, dex, coin = ''] = match;
  const origin = pageOrigin(HYPERLIQUID_VENUE.pageMatches);
  return `${origin}/trade/${dex === undefined ? coin : `${dex.toLowerCase()}:${coin}`}`;
}

export const HYPERLIQUID_PAGE: PageDescriptor = {
  site: 'hyperliquid',
  matches: HYPERLIQUID_VENUE.pageMatches,
  instrumentFromUrl: hyperliquidInstrumentFromUrl,
  tradingPageUrl: hyperliquidTradingPageUrl,
  findOrderForm: (document) => findOrderForm(document, HYPERLIQUID_FORM_HINTS),
  readOrderForm: (form) =>
    readOrderForm(
      form,
      HYPERLIQUID_FORM_HINTS,
      hyperliquidInstrumentFromUrl(form.ownerDocument.URL),
    ),
};
