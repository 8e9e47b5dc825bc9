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
  marginWarning: {
    ratio: null,
    source:
      'OKX liquidates when its margin ratio (equity / maintenance margin, the inverse of ours) falls to 100% (https://www.okx.com/help/v-tiered-maintenance-margin-ratio-rules) and publishes no earlier warning level',
  },
  // OKX coin-margined swaps and futures: `ctVal` 100 USD for BTC-USD, 10 USD for the others
  // (public instruments, www.okx.com/docs-v5/en/#public-data-rest-api-get-instruments).
  inverseContractUsd: { BTC: 100, '*': 10 },
  // OKX API keys have a passphrase, sent as `OK-ACCESS-PASSPHRASE`
  // (https://www.okx.com/docs-v5/en/#overview-rest-authentication).
  keyPassphrase: true,
} as const satisfies VenueDescriptor;
