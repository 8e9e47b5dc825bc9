/**
 * The path of a venue page URL as decoded segments, for the per-site URL readers
 * (`<site>-page.ts`): null unless the URL is on one of the site's match patterns, so that a reader
 * accepts exactly the pages its content script runs on, and the host is written once, in the
 * match patterns (the venue descriptor's `pageMatches`).
 *
 * Match patterns follow the browsers' rules (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns):
 * scheme `*` is http or https; host `*`, `*.example.com` (the domain or a subdomain) or exact;
 * the path is a glob (`*` = any run of characters, slashes included) over path and query. A
 * pattern without a port matches any port, as in Chrome.
 *
 * A leading language segment (`en`, `zh-CN`, `zh-hans`, `pt-br`) is dropped: the venues serve the
 * same page under every language. Segments are percent-decoded (`xyz%3ANVDA` → `xyz:NVDA`); a
 * malformed escape, an empty segment (`//`) or an unparseable URL gives null. A trailing slash
 * is allowed. URLs longer than 2,048 characters (no trading page's is) give null, which bounds
 * the glob matching. Cost: O(URL length² × patterns) at worst, O(URL length × patterns) typically.
 */
export function pagePath(url: string, matches: readonly string[]): readonly string[] | null {
  if (url.length > MAX_URL_LENGTH) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!matches.some((pattern) => urlMatchesPattern(parsed, pattern))) return null;
  const raw = parsed.pathname.replace(/^\//, '').replace(/\/$/, '').split('/');
  const segments: string[] = [];
  for (const segment of raw) {
    if (segment === '') return null;
    try {
      segments.push(decodeURIComponent(segment));
    } catch {
      return null;
    }
  }
  return LANGUAGE_SEGMENT.test(segments[0] ?? '') ? segments.slice(1) : segments;
}

const MAX_URL_LENGTH = 2048;

// `en`, `fr`, `zh-CN`, `zh-TW`, `ja-JP`, `zh-hans`, `zh-hant`, `pt-br`: a two-letter language
// with an optional region or script subtag. No venue section name has this shape.
const LANGUAGE_SEGMENT = /^[a-z]{2}(?:-[A-Za-z]{2,4})?$/;

const PATTERN = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*:]+)(\/.*)$/;

function urlMatchesPattern(url: URL, pattern: string): boolean {
  const match = PATTERN.exec(pattern);
  if (!match) return false;
  const [, scheme = '', host = '', path = ''] = match;
  const protocol = url.protocol.replace(/:$/, '');
  if (scheme === '*' ? protocol !== 'http' && protocol !== 'https' : protocol !== scheme)
    return false;
  if (!hostMatches(url.hostname, host.toLowerCase())) return false;
  return globToRegExp(path).test(url.pathname + url.search);
}

function hostMatches(hostname: string, host: string): boolean {
  if (host === '*') return true;
  if (host.startsWith('*.')) {
    const domain = host.slice(2);
    return hostname === domain || hostname.endsWith(`.${domain}`);
  }
  return hostname === host;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 's');
}
