import type { VenueDescriptor } from '../venue-descriptor';

/** Deribit (deribit-adapter.ts): the v2 API on www.deribit.com. */
export const DERIBIT_VENUE = {
  id: 'deribit',
  name: 'Deribit',
  apiHosts: ['https://www.deribit.com/*'],
  pageMatches: [],
} as const satisfies VenueDescriptor;
