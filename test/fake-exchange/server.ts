import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { ALL_VENUE_API_HOSTS } from '../../lib/venues/api/venue-hosts';
import { CONTENT_SCRIPT_MATCHES } from '../../lib/venues/content-script-matches';
import { fakeApiListener, type FakeApiState, type FakeVenueApi } from './api/fake-api';
import { pageDescriptorForUrl } from '../../lib/overlay/pages/page-descriptors';
import { venuePage } from './venue-pages';
import type { FakeRoutes } from './page-feed/page-feed-server';

/**
 * A local HTTPS fake exchange on 127.0.0.1 that answers for the venues' real host names (the
 * browser maps them here with --host-resolver-rules). It serves exchange pages at their real
 * paths, so content scripts run exactly as on the live sites, and nothing leaves the machine.
 * The certificate is self-signed and made at start-up (no key is committed).
 */
export interface FakeExchange {
  readonly port: number;
  /** The venue host names this server answers for. */
  readonly hosts: readonly string[];
  /** Every request seen, as `host path`, for tests to assert on. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

export interface FakeExchangeOptions {
  /** Mark price shown on each trading page, by ccxt symbol (BTC/USDT:USDT). */
  readonly markPrices: Readonly<Record<string, string>>;
  readonly port?: number;
  /** The venues' REST APIs (api/*.ts), answered on their API hosts. */
  readonly api?: { readonly venues: readonly FakeVenueApi[]; readonly state: FakeApiState };
  /** Routes a test adds, asked first (page-feed/page-feed-server.ts), and WebSocket upgrades. */
  readonly routes?: FakeRoutes;
}

/** Exchange pages (content scripts run there) and the API hosts ccxt calls (venue descriptors). */
export const FAKE_EXCHANGE_HOSTS: readonly string[] = [
  ...new Set(
    [...CONTENT_SCRIPT_MATCHES, ...ALL_VENUE_API_HOSTS].map(
      (pattern) => new URL(pattern.replace('/*', '/')).host,
    ),
  ),
];

export async function startFakeExchange(options: FakeExchangeOptions): Promise<FakeExchange> {
  const pems = await generate([{ name: 'commonName', value: 'www.binance.com' }], {
    keyType: 'ec',
    curve: 'P-256',
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          ...FAKE_EXCHANGE_HOSTS.map((host) => ({ type: 2 as const, value: host })),
          { type: 7 as const, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  const requests: string[] = [];
  const api = options.api
    ? fakeApiListener(options.api.venues, options.api.state, requests)
    : undefined;
  const server: Server = createServer(
    { key: pems.private, cert: pems.cert },
    (request, response) => {
      if (options.routes?.request(request, response)) return;
      const host = request.headers.host ?? '';
      const url = new URL(request.url ?? '/', `https://${host}`);
      // A venue's trading page at its real path (the page descriptors read it), else its API.
      const site = pageDescriptorForUrl(url.href)?.descriptor.site;
      const page =
        request.method === 'GET' && site !== undefined
          ? venuePage(site, url.href, options.markPrices)
          : null;
      if (page !== null) {
        requests.push(`${host} ${url.pathname}`);
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(page);
        return;
      }
      if (api && site === undefined && !host.startsWith('www.binance.com')) {
        api(request, response);
        return;
      }
      const path = url.pathname;
      requests.push(`${host} ${path}`);
      if (host.startsWith('www.binance.com') && path === '/') {
        response.writeHead(302, { location: '/en/futures/BTCUSDT' });
        response.end();
        return;
      }
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end(`fake exchange: nothing at ${host}${path}`);
    },
  );
  server.on('upgrade', (request, socket, head: Buffer) => {
    if (!options.routes?.upgrade(request, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    hosts: FAKE_EXCHANGE_HOSTS,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
