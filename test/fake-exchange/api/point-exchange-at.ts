import type { CcxtExchange } from '../../../lib/venues/api/venue-api-types';

/**
 * Points a ccxt exchange at the local fake API: every URL in `urls.api` keeps its path and gets
 * `baseUrl` as its origin (research/toolchain.md §5a: host-name overrides do not reach every
 * venue's URLs). Test-only; in the browser, host mapping does this without touching ccxt.
 */
export function pointExchangeAt<T extends CcxtExchange>(exchange: T, baseUrl: string): T {
  const hostname = (exchange as { hostname?: string }).hostname ?? '';
  const rewrite = (node: Record<string, unknown>): void => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') {
        node[key] = value.replace('{hostname}', hostname).replace(/^https?:\/\/[^/]+/, baseUrl);
      } else if (value !== null && typeof value === 'object') {
        rewrite(value as Record<string, unknown>);
      }
    }
  };
  rewrite((exchange as unknown as { urls: { api: Record<string, unknown> } }).urls.api);
  return exchange;
}
