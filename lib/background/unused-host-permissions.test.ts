import { describe, expect, it } from 'vitest';
import { MARKET_DATA_HOSTS, VENUE_API_HOSTS } from '../venues/api/venue-hosts';
import type { VenueId } from '../venues/api/venue-api-types';
import { marketDataHostsToKeep, unusedHostPermissions } from './unused-host-permissions';

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

describe('marketDataHostsToKeep', () => {
  const all = MARKET_DATA_HOSTS.map(() => true);
  const grantedExcept = (host: string) => MARKET_DATA_HOSTS.map((h) => h !== host);
  const deribit = 'https://www.deribit.com/*';

  it('keeps every market data host when all are granted, and none when none are', () => {
    expect(marketDataHostsToKeep(MARKET_DATA_HOSTS, all, [...MARKET_DATA_HOSTS])).toEqual(
      MARKET_DATA_HOSTS,
    );
    expect(
      marketDataHostsToKeep(
        MARKET_DATA_HOSTS,
        MARKET_DATA_HOSTS.map(() => false),
        [],
      ),
    ).toEqual([]);
  });

  it('reads a partial grant as a grant where a granted host serves no connection', () => {
    // Deribit taken back; a Hyperliquid connection goes: Bybit's and OKX's hosts, granted with
    // no connection of theirs, show live market data was granted.
    expect(
      marketDataHostsToKeep(MARKET_DATA_HOSTS, grantedExcept(deribit), VENUE_API_HOSTS.hyperliquid),
    ).toEqual(MARKET_DATA_HOSTS.filter((host) => host !== deribit));
  });

  it('reads granted hosts that all serve connections as no market data grant', () => {
    // Only the Binance USDⓈ-M and Hyperliquid connections' hosts are granted.
    const granted = MARKET_DATA_HOSTS.map(
      (host) =>
        VENUE_API_HOSTS.binanceusdm.includes(host) || VENUE_API_HOSTS.hyperliquid.includes(host),
    );
    expect(
      marketDataHostsToKeep(MARKET_DATA_HOSTS, granted, [
        ...VENUE_API_HOSTS.binanceusdm,
        ...VENUE_API_HOSTS.hyperliquid,
      ]),
    ).toEqual([]);
  });
});
