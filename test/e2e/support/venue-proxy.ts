import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP proxy that tunnels HTTPS (CONNECT host:443) for the venues' host names to the fake
 * exchange on 127.0.0.1 and refuses every other request: Firefox's counterpart of Chromium's
 * `--host-resolver-rules` "MAP host 127.0.0.1:port, MAP * ~NOTFOUND" (Firefox has no per-host
 * port mapping; its proxy settings send every request here, so nothing leaves the machine).
 */
export interface VenueProxy {
  readonly port: number;
  /** Every request refused, as `METHOD target`, for a failing test to show. */
  readonly refused: readonly string[];
  close(): Promise<void>;
}

export async function startVenueProxy(
  hosts: readonly string[],
  fakeExchangePort: number,
): Promise<VenueProxy> {
  const mapped = new Set(hosts);
  const refused: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    refused.push(`${request.method ?? '?'} ${request.url ?? ''}`);
    response.writeHead(403, { 'content-type': 'text/plain' });
    response.end('venue proxy: only HTTPS to the venues is tunnelled');
  });
  server.on('connect', (request, client: Socket, head: Buffer) => {
    const target = request.url ?? '';
    const [host, port] = target.split(':');
    if (host === undefined || !mapped.has(host) || port !== '443') {
      refused.push(`CONNECT ${target}`);
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(fakeExchangePort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
