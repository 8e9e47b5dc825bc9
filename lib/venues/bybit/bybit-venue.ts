import type { VenueDescriptor } from '../venue-descriptor';

/** Bybit (bybit-adapter.ts): the v5 API on api.bybit.com. */
export const BYBIT_VENUE = {
  id: 'bybit',
  name: 'Bybit',
  apiHosts: ['https://api.bybit.com/*'],
  // The derivatives trading pages, `/{lang?}/trade/{usdt|usdc|futures|inverse|option}/…`
  // (URL forms and their sources: lib/overlay/pages/bybit-page.ts). Spot pages share the
  // `/trade/` section and the app moves between them without a page load; the page reader
  // shows nothing there.
  pageMatches: ['https://www.bybit.com/trade/*', 'https://www.bybit.com/*/trade/*'],
  marginWarning: {
    ratio: null,
    source:
      'Bybit liquidates a cross or portfolio-margin account when its maintenance margin rate reaches 100% (https://www.bybit.com/en/help-center/article/UTA-Trading-Rules) and publishes no earlier warning level',
  },
  // Bybit inverse perpetuals and futures: 1 USD a contract (instruments-info `contractSize` of
  // the inverse category, bybit-exchange.github.io/docs/v5/market/instrument).
  inverseContractUsd: { '*': 1 },
} as const satisfies VenueDescriptor;
