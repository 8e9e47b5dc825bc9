import type { VenueDescriptor } from '../venue-descriptor';

/**
 * Gate (gate-adapter.ts): API v4 on api.gateio.ws, the one host ccxt 4.5.84's `gate.js` gives
 * every v4 path (`urls.api.public.futures`, `urls.api.private.futures`, `…account`), which is all
 * a risk read of USDT-margined perpetuals calls. No page reader yet.
 */
export const GATE_VENUE = {
  id: 'gate',
  name: 'Gate',
  apiHosts: ['https://api.gateio.ws/*'],
  pageMatches: [],
  marginWarning: {
    ratio: null,
    source:
      'Gate liquidates a position when its margin balance falls to its maintenance margin (help centre "Calculation of Liquidation Price", https://www.gate.com/help/futures/perpetual/22160/calculation-of-liquidation-price) and publishes no earlier warning level for a classic futures account',
  },
} as const satisfies VenueDescriptor;
