/**
 * The origin a site's pages are opened at (`https://www.bybit.com`), read from its first match
 * pattern so that the host is written once, in the venue descriptor's `pageMatches`. The
 * per-site URL writers (`tradingPageUrl` in `<site>-page.ts`) put their paths after it. A
 * pattern with a wildcard scheme opens over https; one with a wildcard host has no origin to
 * open and is refused (no site's first pattern has one).
 */
export function pageOrigin(matches: readonly string[]): string {
  const match = /^(\*|https?):\/\/([^/*]+)\//.exec(matches[0] ?? '');
  if (!match) throw new Error(`pageOrigin: no literal host in ${JSON.stringify(matches[0])}`);
  const [, scheme = '', host = ''] = match;
  return `${scheme === '*' ? 'https' : scheme}://${host}`;
}
