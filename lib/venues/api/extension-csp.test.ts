import { describe, expect, it } from 'vitest';
import wxtConfig from '../../../wxt.config';
import { VENUE_DESCRIPTORS } from '../venue-descriptors';
import { connectSourceOf, EXTENSION_PAGES_CSP, extensionPagesCsp } from './extension-csp';
import { ALL_VENUE_API_HOSTS, MARKET_DATA_HOSTS } from './venue-hosts';

/** The `connect-src` sources of a policy. */
const connectSources = (policy: string) =>
  /(?:^|;\s*)connect-src ([^;]+)/.exec(policy)?.[1]?.split(' ') ?? [];

describe('the extension pages CSP', () => {
  it('connects only to the package and exactly the venue and market-data hosts', () => {
    const hosts = [
      ...new Set([...VENUE_DESCRIPTORS.flatMap((venue) => venue.apiHosts), ...MARKET_DATA_HOSTS]),
    ].map((pattern) => pattern.replace('/*', ''));
    expect(connectSources(EXTENSION_PAGES_CSP).sort()).toEqual(["'self'", ...hosts].sort());
    expect(EXTENSION_PAGES_CSP).toBe(
      `script-src 'self'; object-src 'none'; connect-src 'self' ${hosts.join(' ')};`,
    );
  });

  it("allows the dev server's socket only in wxt dev", () => {
    expect(
      connectSources(extensionPagesCsp(['https://api.bybit.com/*'], { devServer: true })),
    ).toEqual(["'self'", 'https://api.bybit.com', 'http://localhost:*', 'ws://localhost:*']);
    expect(EXTENSION_PAGES_CSP).not.toContain('localhost');
  });

  it('refuses a host pattern that is not a single https host', () => {
    expect(connectSourceOf('https://www.deribit.com/*')).toBe('https://www.deribit.com');
    for (const pattern of [
      'https://*/*',
      '<all_urls>',
      'http://api.bybit.com/*',
      'https://api.bybit.com/v5/*',
      'https://*.okx.com/*',
    ])
      expect(() => connectSourceOf(pattern)).toThrow(
        `${JSON.stringify(pattern)} is not a venue host pattern`,
      );
  });

  it.each(['chrome', 'firefox'])('is in the %s manifest', async (browser) => {
    const manifest = await (typeof wxtConfig.manifest === 'function'
      ? wxtConfig.manifest({
          browser,
          manifestVersion: browser === 'firefox' ? 2 : 3,
          mode: 'production',
          command: 'build',
        })
      : wxtConfig.manifest);
    expect(manifest?.content_security_policy).toEqual({ extension_pages: EXTENSION_PAGES_CSP });
    expect(ALL_VENUE_API_HOSTS.length).toBeGreaterThan(0);
  });
});
