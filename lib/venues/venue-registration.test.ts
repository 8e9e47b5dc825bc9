import { describe, expect, it } from 'vitest';
import wxtConfig from '../../wxt.config';
import { supportedVenueIds } from '../engine';
import { createExchange } from './api/create-exchange';
import { VENUE_ADAPTERS } from './api/venue-adapters';
import { ALL_VENUE_API_HOSTS, MARKET_DATA_HOSTS, VENUE_API_HOSTS } from './api/venue-hosts';
import { CONTENT_SCRIPT_MATCHES } from './content-script-matches';
import { VENUE_DESCRIPTORS, VENUE_IDS, VENUE_NAMES } from './venue-descriptors';

/**
 * Meta-test (Refined GitHub's convention tests): a venue is registered whole or not at all. Each
 * venue descriptor (lib/venues/<venue>/<venue>-venue.ts) must have engine margin rules, a ccxt
 * exchange class, an adapter, a name, API hosts, and valid page matches that a content script
 * declares; the engine must have no rules for a venue without a descriptor.
 */

// A match pattern as Chromium and Firefox accept it: scheme, host (`*`, `*.domain` or exact), path.
const MATCH_PATTERN = /^(\*|https?|wss?):\/\/(\*|(?:\*\.)?[a-z0-9.-]+)(\/.*)$/;
// An API host pattern as the code reads it (`host.replace('/*', '')` for display, the fake
// exchange's host list): one exact https host, every path.
const API_HOST_PATTERN = /^https:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+\/\*$/;

// Every content script entrypoint, with the options `defineContentScript` was given.
const CONTENT_SCRIPTS = import.meta.glob<{ default: { matches?: readonly string[] } }>(
  '../../entrypoints/*.content/index.{ts,tsx}',
  { eager: true },
);

const duplicates = (values: readonly string[]) =>
  values.filter((value, index) => values.indexOf(value) !== index);

describe('venue registration (meta-test)', () => {
  it('has one descriptor per venue id, and ids are unique', () => {
    expect(duplicates(VENUE_IDS)).toEqual([]);
    expect(VENUE_IDS.length).toBeGreaterThan(0);
  });

  it('has a descriptor for every venue the engine has margin rules for', () => {
    const undescribed = supportedVenueIds().filter(
      (id) => !(VENUE_IDS as readonly string[]).includes(id),
    );
    expect(undescribed, 'engine rules with no venue descriptor').toEqual([]);
  });

  describe.each(VENUE_DESCRIPTORS.map((venue) => [venue.id, venue] as const))('%s', (id, venue) => {
    it('has engine margin rules under its id', () => {
      expect(supportedVenueIds()).toContain(id);
    });

    it('is a ccxt exchange id with an exchange class in create-exchange.ts', () => {
      expect(createExchange(id, undefined).id).toBe(id);
    });

    it('has an adapter for its id that asks for its API hosts', () => {
      const adapter = VENUE_ADAPTERS[id];
      expect(adapter, 'no adapter in venue-adapters.ts').toBeDefined();
      expect(adapter.venue).toBe(id);
      expect(adapter.hostPermissions).toEqual(venue.apiHosts);
      // The key's passphrase is the descriptor's fact (`keyPassphrase`), read by the adapter.
      expect(adapter.needsPassword).toBe('keyPassphrase' in venue && venue.keyPassphrase);
    });

    it('has a name to show traders', () => {
      expect(venue.name.trim()).not.toBe('');
      expect(venue.name).toBe(venue.name.trim());
      expect(VENUE_NAMES[id]).toBe(venue.name);
    });

    it('has API hosts, each an exact https host pattern, listed in the manifest', () => {
      expect(venue.apiHosts.length).toBeGreaterThan(0);
      expect(duplicates(venue.apiHosts)).toEqual([]);
      for (const host of venue.apiHosts) {
        expect(host).toMatch(API_HOST_PATTERN);
        expect(ALL_VENUE_API_HOSTS).toContain(host);
      }
      expect(VENUE_API_HOSTS[id]).toEqual(venue.apiHosts);
    });

    it('says where it warns of margin running short (a margin ratio below liquidation) and cites why', () => {
      const { ratio, source } = venue.marginWarning;
      if (ratio !== null) {
        expect(ratio).toBeGreaterThan(0);
        expect(ratio).toBeLessThan(1);
      }
      expect(source).toMatch(/https:\/\/\S+/);
    });

    it('has page matches that are valid match patterns and trusted content-script origins', () => {
      expect(duplicates(venue.pageMatches)).toEqual([]);
      for (const pattern of venue.pageMatches) {
        expect(pattern).toMatch(MATCH_PATTERN);
        expect(CONTENT_SCRIPT_MATCHES).toContain(pattern);
      }
    });
  });

  it('finds the content scripts it checks', () => {
    expect(Object.keys(CONTENT_SCRIPTS)).toContain('../../entrypoints/overlay.content/index.tsx');
  });

  it('has every content script match come from a venue descriptor, and every page match served', () => {
    const declared = Object.entries(CONTENT_SCRIPTS).flatMap(([path, module]) => {
      const matches = module.default.matches ?? [];
      expect(matches.length, `${path} declares no matches`).toBeGreaterThan(0);
      return matches;
    });
    expect(
      declared.filter((pattern) => !CONTENT_SCRIPT_MATCHES.includes(pattern)),
      'content-script matches no venue descriptor lists (the background would not trust them)',
    ).toEqual([]);
    expect(
      CONTENT_SCRIPT_MATCHES.filter((pattern) => !declared.includes(pattern)),
      'descriptor page matches no content script declares',
    ).toEqual([]);
  });

  it('asks for live market data only on hosts a venue descriptor lists', () => {
    const venueHosts: readonly string[] = VENUE_DESCRIPTORS.flatMap((venue) => venue.apiHosts);
    expect(MARKET_DATA_HOSTS.filter((host) => !venueHosts.includes(host))).toEqual([]);
  });

  it.each(['chrome', 'firefox'])('lists every venue host in the %s manifest', async (browser) => {
    const env = {
      browser,
      manifestVersion: browser === 'firefox' ? 2 : 3,
      mode: 'production',
      command: 'build',
    } as const;
    const manifest = await (typeof wxtConfig.manifest === 'function'
      ? wxtConfig.manifest(env)
      : wxtConfig.manifest);
    expect(manifest?.optional_host_permissions ?? manifest?.optional_permissions).toEqual(
      ALL_VENUE_API_HOSTS,
    );
  });
});
