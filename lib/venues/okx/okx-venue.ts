import type { VenueDescriptor } from '../venue-descriptor';

/** OKX (okx-adapter.ts): the v5 API on www.okx.com. */
export const OKX_VENUE = {
  id: 'okx',
  name: 'OKX',
  apiHosts: ['https://www.okx.com/*'],
  // The trading pages, `/{lang?}/trade-swap/…`, `/trade-futures/…`, `/trade-option/…` and
  // `/trade-option-chain/…` (URL forms and their sources: lib/overlay/pages/okx-page.ts). OKX's
  // other `trade-` pages (spot, margin) are reached without a page load; the reader shows
  // nothing there.
  pageMatches: ['https://www.okx.com/trade-*', 'https://www.okx.com/*/trade-*'],
} as const satisfies VenueDescriptor;
