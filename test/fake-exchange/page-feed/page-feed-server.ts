import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  deribitAccountSummaryResult,
  deribitNotification,
  deribitOptionBook,
  deribitPortfolioNotification,
  deribitPositions,
  deribitResponse,
  HYPERLIQUID_PAGE_ADDRESS,
  HYPERLIQUID_PAGE_STATE,
  hyperliquidClearinghousePush,
  hyperliquidWebData3Push,
} from './page-feed-messages';

/**
 * The fake exchange's side of the page feed (lib/page-feed): the Deribit and Hyperliquid web
 * apps' endpoints, answering in the venues' documented formats (page-feed-messages.ts) for the
 * fake accounts the adapters read.
 *
 * - Blank trading pages at the real paths (`https://www.deribit.com/futures/…`,
 *   `https://app.hyperliquid.xyz/trade/…`): the end-to-end test's own script plays the web app.
 * - Deribit's JSON-RPC WebSocket (`wss://www.deribit.com/ws/api/v2`): answers
 *   `private/get_account_summary`, `private/get_positions` and
 *   `public/get_book_summary_by_currency` by id, and on `private/subscribe` pushes one
 *   notification per channel: the currency's summary on `user.portfolio.*`, and on
 *   `user.changes.*` the BTC perpetual closed (`direction` "zero", `size` 0).
 * - Hyperliquid's info endpoint (`POST https://api.hyperliquid.xyz/info`, CORS open as the
 *   venue's: the app is on another origin) for `clearinghouseState` (the fake account's state,
 *   for any address: a page may look up other people's), and its WebSocket
 *   (`wss://api.hyperliquid.xyz/ws`), which pushes the state on a `clearinghouseState`
 *   subscription and, on a `webData3` one, the user's `webData3` (naming the page's own address).
 * The WebSocket framing is RFC 6455's, written out for the few frames these tests need: text
 * frames up to 2^53 bytes, client frames masked and unfragmented, close and ping answered.
 */
export interface FakeRoutes {
  /** Answers the request and returns true, or returns false to let the server go on. */
  request(request: IncomingMessage, response: ServerResponse): boolean;
  /** Takes an upgrade request and returns true, or returns false (the server closes it). */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
}

export interface PageFeedRoutes extends FakeRoutes {
  /** Every JSON-RPC method and Hyperliquid info type the pages asked for, in order. */
  readonly asked: readonly string[];
  /** Closes every open WebSocket (upgraded sockets outlive the HTTP server's connections). */
  close(): void;
}

const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export function pageFeedRoutes(): PageFeedRoutes {
  const asked: string[] = [];
  const sockets = new Set<Duplex>();

  const request = (incoming: IncomingMessage, response: ServerResponse): boolean => {
    const host = incoming.headers.host ?? '';
    const url = new URL(incoming.url ?? '/', `https://${host}`);
    const blankPage =
      incoming.method === 'GET' &&
      ((url.host === 'www.deribit.com' && /^\/(futures|options)\//.test(url.pathname)) ||
        (url.host === 'app.hyperliquid.xyz' && url.pathname.startsWith('/trade')));
    if (blankPage) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        '<!doctype html><html><head><title>Page feed test</title></head><body><p>Local page-feed test page, not the exchange.</p></body></html>',
      );
      return true;
    }
    if (url.host !== 'api.hyperliquid.xyz' || url.pathname !== '/info') return false;
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'content-type',
    };
    if (incoming.method === 'OPTIONS') {
      response.writeHead(204, cors);
      response.end();
      return true;
    }
    let body = '';
    incoming.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    incoming.on('end', () => {
      const asks = JSON.parse(body) as { type?: string; user?: string };
      asked.push(`info ${asks.type ?? '?'}`);
      if (asks.type !== 'clearinghouseState' || !/^0x[0-9a-f]{40}$/.test(asks.user ?? '')) {
        response.writeHead(422, cors);
        response.end('Failed to deserialize the JSON body into the target type');
        return;
      }
      response.writeHead(200, { ...cors, 'content-type': 'application/json' });
      response.end(JSON.stringify(HYPERLIQUID_PAGE_STATE));
    });
    return true;
  };

  const upgrade = (incoming: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
    const host = incoming.headers.host ?? '';
    const path = new URL(incoming.url ?? '/', `https://${host}`).pathname;
    const answer =
      host === 'www.deribit.com' && path === '/ws/api/v2'
        ? deribitAnswers
        : host === 'api.hyperliquid.xyz' && path === '/ws'
          ? hyperliquidAnswers
          : undefined;
    const key = incoming.headers['sec-websocket-key'];
    if (answer === undefined || typeof key !== 'string') return false;
    const accept = createHash('sha1').update(`${key}${WEBSOCKET_GUID}`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => sockets.delete(socket));
    const send = (text: string) => socket.write(frame(0x1, Buffer.from(text, 'utf8')));
    let pending = head;
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const read = readFrame(pending);
        if (read === undefined) return;
        pending = pending.subarray(read.length);
        if (read.opcode === 0x8) {
          socket.end(frame(0x8, Buffer.alloc(0)));
          return;
        }
        if (read.opcode === 0x9) socket.write(frame(0xa, read.payload));
        if (read.opcode === 0x1) answer(read.payload.toString('utf8'), send);
      }
    });
    return true;
  };

  function deribitAnswers(text: string, send: (text: string) => void): void {
    const message = JSON.parse(text) as {
      id: number;
      method: string;
      params?: { currency?: string; channels?: string[] };
    };
    asked.push(message.method);
    const currency = message.params?.currency ?? 'BTC';
    switch (message.method) {
      case 'private/get_account_summary':
        return send(deribitResponse(message.id, deribitAccountSummaryResult(currency)));
      case 'private/get_positions':
        return send(deribitResponse(message.id, deribitPositions(currency)));
      case 'public/get_book_summary_by_currency':
        return send(deribitResponse(message.id, deribitOptionBook(currency)));
      case 'private/subscribe': {
        const channels = message.params?.channels ?? [];
        send(deribitResponse(message.id, channels));
        for (const channel of channels) {
          const portfolio = /^user\.portfolio\.([a-z]+)$/.exec(channel);
          if (portfolio) send(deribitPortfolioNotification((portfolio[1] ?? '').toUpperCase()));
          else if (channel.startsWith('user.changes.'))
            send(
              deribitNotification(channel, {
                trades: [],
                positions: [closedPerpetual()],
                orders: [],
              }),
            );
        }
        return;
      }
      default:
        return send(
          JSON.stringify({
            jsonrpc: '2.0',
            id: message.id,
            error: { code: -32601, message: 'Method not found' },
          }),
        );
    }
  }

  function hyperliquidAnswers(text: string, send: (text: string) => void): void {
    const message = JSON.parse(text) as {
      method?: string;
      subscription?: { type?: string; user?: string };
    };
    asked.push(`subscribe ${message.subscription?.type ?? '?'}`);
    send(JSON.stringify({ channel: 'subscriptionResponse', data: message }));
    if (message.method !== 'subscribe' || message.subscription?.user !== HYPERLIQUID_PAGE_ADDRESS)
      return;
    if (message.subscription.type === 'clearinghouseState') send(hyperliquidClearinghousePush());
    if (message.subscription.type === 'webData3') send(hyperliquidWebData3Push());
  }

  return {
    asked,
    request,
    upgrade,
    close() {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
  };
}

/** The BTC perpetual as Deribit reports a position just closed. */
function closedPerpetual(): Record<string, unknown> {
  const perpetual = deribitPositions('BTC').find(
    (position) => position.instrument_name === 'BTC-PERPETUAL',
  );
  return { ...perpetual, direction: 'zero', size: 0, size_currency: 0 };
}

/** One unmasked, final server frame (RFC 6455 §5.2). */
function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x80 | opcode, length])
      : length < 65_536
        ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), uint64(length)]);
  return Buffer.concat([header, payload]);
}

function uint64(value: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(value));
  return bytes;
}

/** The first complete client frame in `data` (masked, as clients must send), or undefined. */
function readFrame(data: Buffer): { opcode: number; payload: Buffer; length: number } | undefined {
  if (data.length < 2) return undefined;
  const opcode = (data[0] ?? 0) & 0x0f;
  const masked = ((data[1] ?? 0) & 0x80) !== 0;
  let length = (data[1] ?? 0) & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (data.length < 4) return undefined;
    length = data.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (data.length < 10) return undefined;
    length = Number(data.readBigUInt64BE(2));
    offset = 10;
  }
  const maskLength = masked ? 4 : 0;
  if (data.length < offset + maskLength + length) return undefined;
  const mask = data.subarray(offset, offset + maskLength);
  const payload = Buffer.from(data.subarray(offset + maskLength, offset + maskLength + length));
  if (masked)
    for (let index = 0; index < payload.length; index += 1)
      payload[index] = (payload[index] ?? 0) ^ (mask[index % 4] ?? 0);
  return { opcode, payload, length: offset + maskLength + length };
}
