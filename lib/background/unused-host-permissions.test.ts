import { describe, expect, it } from 'vitest';
import { MARKET_DATA_HOSTS, VENUE_API_HOSTS } from '../venues/api/venue-hosts';
import type { VenueId } from '../venues/api/venue-api-types';
import { unusedHostPermissions } from './unused-host-permissions';

const hostsOf = (venue: VenueId) => VENUE_API_HOSTS[venue];

describe('unusedHostPermissions', () => {
  it("gives back a venue's hosts when its last connection goes", () => {
    expect(unusedHostPermissions(['bybit'], [{ venue: 'okx' }], hostsOf, [])).toEqual(
      VENUE_API_HOSTS.bybit,
    );
    expect(unusedHostPermissions(['bybit'], [{ venue: 'bybit' }], hostsOf, [])).toEqual([]);
  });

  it('keeps a host another venue still reads through, or live market data needs', () => {
    expect(
      unusedHostPermissions(['binanceusdm'], [{ venue: 'binancecoinm' }], hostsOf, []),
    ).toEqual(['https://fapi.binance.com/*', 'https://papi.binance.com/*']);
    const released = unusedHostPermissions(['binanceusdm'], [], hostsOf, MARKET_DATA_HOSTS);
    expect(released).toEqual(['https://papi.binance.com/*', 'https://api.binance.com/*']);
  });

  it('releases each host once when several venues go together', () => {
    expect(unusedHostPermissions(['binanceusdm', 'binancecoinm'], [], hostsOf, [])).toEqual([
      'https://fapi.binance.com/*',
      'https://papi.binance.com/*',
      'https://api.binance.com/*',
      'https://dapi.binance.com/*',
    ]);
  });
});
