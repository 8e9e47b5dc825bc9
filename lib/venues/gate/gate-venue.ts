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
  // The key's permissions come from Gate's main-account key list (gate-key-permissions.ts), which
  // holds no sub-account key and may be refused; the delivery book is read to refuse a position
  // there (gate-other-books.ts), so the key needs its read permission too.
  keyAdvice:
    "On Gate, give the key Account, Perpetual futures and Delivery, each read only. Gate tells Margin Lens a key's permissions only for its main account's keys: for a sub-account's key, or when Gate refuses to show them, the key is not confirmed — Margin Lens says so, and you must make sure it is read-only yourself.",
  marginWarning: {
    ratio: null,
    source:
      'Gate liquidates a position when its margin balance falls to its maintenance margin (help centre "Calculation of Liquidation Price", https://www.gate.com/help/futures/perpetual/22160/calculation-of-liquidation-price) and publishes no earlier warning level for a classic futures account',
  },
} as const satisfies VenueDescriptor;
