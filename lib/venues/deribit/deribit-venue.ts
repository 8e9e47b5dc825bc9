import type { VenueDescriptor } from '../venue-descriptor';

/** Deribit (deribit-adapter.ts): the v2 API on www.deribit.com. */
export const DERIBIT_VENUE = {
  id: 'deribit',
  name: 'Deribit',
  apiHosts: ['https://www.deribit.com/*'],
  // The trading pages, `/futures/{instrument}` and `/options/{currency}[/{expiry}]` (URL forms
  // and their sources: lib/overlay/pages/deribit-page.ts).
  pageMatches: ['https://www.deribit.com/futures/*', 'https://www.deribit.com/options/*'],
  marginWarning: {
    ratio: null,
    source:
      'Deribit liquidates step by step once maintenance margin exceeds equity (https://www.deribit.com/docs/auto-liquidation/) and publishes no earlier warning level',
  },
  // Deribit's inverse futures: BTC 10 USD and ETH 1 USD a contract (the instruments'
  // `contract_size`, docs.deribit.com/api-reference/market-data/public-get_instruments).
  inverseContractUsd: { BTC: 10, ETH: 1 },
} as const satisfies VenueDescriptor;
