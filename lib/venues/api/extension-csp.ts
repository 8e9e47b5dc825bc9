import { ALL_VENUE_API_HOSTS } from './venue-hosts';

/**
 * The Content Security Policy of the extension's pages and its worker (manifest
 * `content_security_policy`; issue 13, finding 10). The worker holds the unlocked keys: should
 * anything ever make it send one elsewhere, the browser refuses to connect anywhere but the
 * package itself and the venues' API and public market-data hosts, the same list the manifest's
 * optional host permissions are (venue-hosts.ts, read off the venue descriptors). Scripts come
 * from the package only, with no `eval` and no WebAssembly (ccxt's one WebAssembly loader is cut
 * out of the bundle, stub-unused-ccxt-modules.ts), and no plugins.
 *
 * The end-to-end tests need nothing more: the browser maps the venues' real host names to the
 * local fake exchange (`--host-resolver-rules`, scripts/support/launch-extension.ts), so the
 * worker connects to `https://fapi.binance.com` there too. `wxt` (the dev server) adds its own
 * script source and needs its HMR socket on localhost: `devServer` allows that, and only in
 * `wxt` dev, never in a build.
 */
export function extensionPagesCsp(
  hosts: readonly string[],
  options: { readonly devServer?: boolean } = {},
): string {
  const connect = [
    "'self'",
    ...new Set(hosts.map(connectSourceOf)),
    ...(options.devServer === true ? ['http://localhost:*', 'ws://localhost:*'] : []),
  ];
  return `script-src 'self'; object-src 'none'; connect-src ${connect.join(' ')};`;
}

/**
 * The CSP source of a host permission's match pattern: `https://fapi.binance.com/*` →
 * `https://fapi.binance.com`. Only `https://<host>/*` patterns are venue hosts; anything else
 * (a wildcard host, another scheme, a path) is refused, naming the pattern.
 */
export function connectSourceOf(pattern: string): string {
  const match =
    /^(https:\/\/[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+)\/\*$/.exec(
      pattern,
    );
  if (match?.[1] === undefined)
    throw new Error(
      `connectSourceOf: ${JSON.stringify(pattern)} is not a venue host pattern (https://<host>/*)`,
    );
  return match[1];
}

/** The policy the built extension ships with, for every venue and market-data host. */
export const EXTENSION_PAGES_CSP = extensionPagesCsp(ALL_VENUE_API_HOSTS);
