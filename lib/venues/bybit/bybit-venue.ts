import type { VenueDescriptor } from '../venue-descriptor';

/** Bybit (bybit-adapter.ts): the v5 API on api.bybit.com. */
export const BYBIT_VENUE = {
  id: 'bybit',
  name: 'Bybit',
  apiHosts: ['https://api.bybit.com/*'],
  pageMatches: [],
} as const satisfies VenueDescriptor;
