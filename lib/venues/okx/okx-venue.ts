import type { VenueDescriptor } from '../venue-descriptor';

/** OKX (okx-adapter.ts): the v5 API on www.okx.com. */
export const OKX_VENUE = {
  id: 'okx',
  name: 'OKX',
  apiHosts: ['https://www.okx.com/*'],
  pageMatches: [],
} as const satisfies VenueDescriptor;
