import type { VenueDescriptor } from '../venue-descriptor';

/** Bitget (bitget-adapter.ts): the v2 API on api.bitget.com, USDT-M futures of a classic account. */
export const BITGET_VENUE = {
  id: 'bitget',
  name: 'Bitget',
  apiHosts: ['https://api.bitget.com/*'],
  // No page reader yet.
  pageMatches: [],
  marginWarning: {
    ratio: null,
    source:
      'Bitget liquidates when the margin ratio (maintenance margin / equity, as ours) reaches 100% ("Bitget futures: Leverage and risk management", https://www.bitget.com/support/articles/360058821652) and publishes no earlier warning level',
  },
  // Bitget API keys have a passphrase, sent as `ACCESS-PASSPHRASE`
  // (https://www.bitget.com/api-doc/common/signature).
  keyPassphrase: true,
} as const satisfies VenueDescriptor;
