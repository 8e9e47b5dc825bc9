import {
  DERIBIT_SOCKET_URLS,
  HYPERLIQUID_INFO_URLS,
  HYPERLIQUID_SOCKET_URLS,
  MAX_TAPPED_TEXT,
  PageFeedVenue,
} from './page-feed-sites';
import { DERIBIT_TRACKED_METHODS, type TappedMessage } from './tapped-message';

/**
 * The page-feed tap: installed in the page's own world (MAIN) at `document_start`, it observes
 * the traffic the venue's web app already receives and forwards the account messages, unaltered,
 * to `post` (the port to the ISOLATED-world reader, page-feed-channel.ts). It never sends,
 * replays, delays or changes anything, and reads no header, cookie or signature.
 *
 * What it observes (page-feed-sites.ts lists the endpoints):
 * - Deribit's WebSocket: incoming notifications whose `method` is "subscription" on a
 *   `user.portfolio.*` or `user.changes.*` channel, or an option `ticker.*` channel (mark_iv);
 *   incoming responses whose JSON-RPC `id` is that of an outgoing request this socket sent for
 *   one of DERIBIT_TRACKED_METHODS (its own account's: a request naming a `subaccount_id` is not
 *   tracked, and an id used twice while pending is dropped as ambiguous).
 *   https://docs.deribit.com/articles/notifications (notifications carry no id).
 * - Hyperliquid's WebSocket: pushes on the `clearinghouseState`, `allDexsClearinghouseState`,
 *   `webData2`, `webData3` and `activeAssetData` channels
 *   (hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket/subscriptions); and
 *   `fetch` answers of `POST /info` whose body is `{"type":"clearinghouseState", user, dex?}`,
 *   read from a `response.clone()` (a string URL and a string body only: a `Request` object's
 *   body is not read).
 *
 * What the page sees, in its own realm: `WebSocket`, `WebSocket.prototype.send` (Deribit) and
 * `fetch` (Hyperliquid) become Proxies of the natives, so their name, length, prototype, statics
 * and `instanceof` answer as before; the prototype's `constructor` points at the Proxy (so
 * `ws.constructor === WebSocket`); `Function.prototype.toString` is itself a Proxy that answers
 * the native text for each of them and for itself. Every property keeps its descriptor
 * attributes; nothing is added to `window`. Sockets and fetches to other URLs are untouched.
 * Errors: every observer runs inside try/catch and after the native call, so a failure here never
 * reaches the page or breaks its socket or fetch; the natives' own errors reach the page as
 * before.
 *
 * Known traces (the tap is detectable; README "Privacy" says so): a page that looks can tell it
 * is there, though not what it forwards.
 * - Cross-realm: another realm's native `Function.prototype.toString` (a fresh same-origin
 *   iframe's, `frame.contentWindow.Function.prototype.toString.call(WebSocket)`) answers
 *   "function () { [native code] }" for each Proxy (V8 prints every callable Proxy so, where the
 *   native says "function WebSocket() { [native code] }"), `fetch`, `send` and the toString Proxy
 *   itself included. Hiding it would mean patching every realm the page can create, before the page
 *   can reach it, which no content script can do for `about:blank` frames and `srcdoc` documents
 *   made by script; test/e2e/page-feed.e2e.test.ts asserts what such a check sees.
 * - A native error thrown through a Proxy has one more frame in its stack.
 *
 * Against a hostile page script (the tap lives where it runs): built-ins used after
 * `document_start` are captured at install and called through `Reflect.apply`; only trusted
 * events (`isTrusted`, an unforgeable own property) are read; message text comes from the
 * captured `MessageEvent.prototype.data` getter of the browser's own event. A page can still make
 * the tap skip a message (or send the venue requests of its own): that costs freshness, not
 * correctness, since the reader validates everything again.
 */
export interface TapWindow {
  readonly WebSocket: typeof WebSocket;
  readonly MessageEvent: typeof MessageEvent;
  readonly EventTarget: typeof EventTarget;
  readonly Response: typeof Response;
  fetch: typeof fetch;
}

/** At most this many tracked requests wait for their response on one socket. */
const MAX_PENDING = 256;
/** Outgoing Deribit messages longer than this are not read (requests are small). */
const MAX_SENT_TEXT = 65_536;
/** Hyperliquid info request bodies longer than this are not read. */
const MAX_INFO_BODY = 4_096;

const HYPERLIQUID_CHANNELS = [
  'clearinghouseState',
  'allDexsClearinghouseState',
  'webData2',
  'webData3',
  'activeAssetData',
] as const;

interface PendingRequest {
  readonly method: (typeof DERIBIT_TRACKED_METHODS)[number];
  readonly currency: string | null;
  readonly instrumentKind: string | null;
}

interface SocketState {
  readonly pending: Map<unknown, PendingRequest>;
  readonly ambiguous: Map<unknown, true>;
}

export function installPageFeedTap(
  scope: TapWindow,
  venue: PageFeedVenue,
  post: (message: TappedMessage) => void,
): void {
  // Built-ins captured now, at document_start, before any page script.
  const { apply, construct, defineProperty, getOwnPropertyDescriptor } = Reflect;
  const NativeProxy = Proxy;
  const parseJson = JSON.parse;
  const hasOwn = Object.prototype.hasOwnProperty;
  const indexOf = String.prototype.indexOf;
  const lastIndexOf = String.prototype.lastIndexOf;
  const slice = String.prototype.slice;
  const weakMapGet = WeakMap.prototype.get;
  const weakMapSet = WeakMap.prototype.set;
  const mapGet = Map.prototype.get;
  const mapSet = Map.prototype.set;
  const mapDelete = Map.prototype.delete;
  const mapClear = Map.prototype.clear;
  const mapSize = getterOf(Map.prototype, 'size');
  const promiseThen = Promise.prototype.then;
  const nativeToString = Function.prototype.toString;
  const addListener = scope.EventTarget.prototype.addEventListener;
  const messageData = getterOf(scope.MessageEvent.prototype, 'data');
  const socketUrl = getterOf(scope.WebSocket.prototype, 'url');
  const responseOk = getterOf(scope.Response.prototype, 'ok');
  const responseClone = scope.Response.prototype.clone;
  const responseText = scope.Response.prototype.text;
  const trackedMethods: readonly string[] = DERIBIT_TRACKED_METHODS;
  const channels: readonly string[] = HYPERLIQUID_CHANNELS;
  const quotedChannels: readonly string[] = HYPERLIQUID_CHANNELS.map((name) => `"${name}"`);
  const socketUrls =
    venue === PageFeedVenue.deribit ? DERIBIT_SOCKET_URLS : HYPERLIQUID_SOCKET_URLS;
  const infoUrls = HYPERLIQUID_INFO_URLS;
  const natives = new WeakMap<object, unknown>();
  const sockets = new WeakMap<object, SocketState>();
  const ignore = () => undefined;

  function getterOf(prototype: object, name: string): (() => unknown) | undefined {
    return getOwnPropertyDescriptor(prototype, name)?.get;
  }
  function contains(text: string, part: string): boolean {
    return apply(indexOf, text, [part]) >= 0;
  }
  function startsWithText(text: string, part: string): boolean {
    return apply(indexOf, text, [part]) === 0;
  }
  function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null;
  }
  /** An own data property's value (never a getter, never the prototype chain). */
  function own(record: object, key: string): unknown {
    const descriptor = getOwnPropertyDescriptor(record, key);
    return descriptor !== undefined && apply(hasOwn, descriptor, ['value'])
      ? descriptor.value
      : undefined;
  }
  /** `url` without its query, if it is one of `urls`. */
  function isOneOf(url: string, urls: readonly string[]): boolean {
    const query = apply(indexOf, url, ['?']);
    const bare = query < 0 ? url : (apply(slice, url, [0, query]) as string);
    for (let index = 0; index < urls.length; index += 1) if (urls[index] === bare) return true;
    return false;
  }
  function shortText(value: unknown): string | null {
    return typeof value === 'string' && value.length > 0 && value.length <= 40 ? value : null;
  }
  /** Replaces `owner[name]` with `value`, keeping the property's attributes. */
  function replaceValue(owner: object, name: string, value: unknown): void {
    const descriptor = getOwnPropertyDescriptor(owner, name);
    if (descriptor === undefined || !('value' in descriptor)) return;
    defineProperty(owner, name, { ...descriptor, value });
  }
  /** A Proxy of `native` whose text is the native's (Function.prototype.toString below). */
  function disguise<T extends object>(native: T, handler: ProxyHandler<T>): T {
    const proxy = new NativeProxy(native, handler);
    apply(weakMapSet, natives, [proxy, native]);
    return proxy;
  }

  // Function.prototype.toString answers each Proxy's native text, and its own.
  const toStringProxy = disguise(nativeToString, {
    apply(target, thisArg, args) {
      const native: unknown = apply(weakMapGet, natives, [thisArg]);
      return apply(target, native === undefined ? thisArg : native, args);
    },
  });
  replaceValue(Function.prototype, 'toString', toStringProxy);

  // WebSocket: sockets to the venue's endpoints get one more 'message' listener.
  const NativeWebSocket = scope.WebSocket;
  const WebSocketProxy = disguise(NativeWebSocket, {
    construct(target, args, newTarget) {
      const socket = construct(target, args, newTarget) as WebSocket;
      try {
        watchSocket(socket);
      } catch {
        // Never the page's problem.
      }
      return socket;
    },
  });
  replaceValue(NativeWebSocket.prototype, 'constructor', WebSocketProxy);
  replaceValue(scope, 'WebSocket', WebSocketProxy);

  if (venue === PageFeedVenue.deribit) {
    const nativeSend = NativeWebSocket.prototype.send;
    replaceValue(
      NativeWebSocket.prototype,
      'send',
      disguise(nativeSend, {
        apply(target, thisArg, args) {
          const result: unknown = apply(target, thisArg, args);
          try {
            const state: SocketState | undefined = apply(weakMapGet, sockets, [thisArg]);
            if (state !== undefined) noteSent(state, args[0]);
          } catch {
            // Never the page's problem.
          }
          return result;
        },
      }),
    );
  }

  if (venue === PageFeedVenue.hyperliquid) {
    replaceValue(
      scope,
      'fetch',
      disguise(scope.fetch, {
        apply(target, thisArg, args) {
          const promise = apply(target, thisArg, args) as Promise<Response>;
          try {
            const request = infoRequestOf(args);
            if (request !== undefined)
              apply(promiseThen, promise, [
                (response: Response) => readInfoAnswer(response, request),
                ignore,
              ]);
          } catch {
            // Never the page's problem.
          }
          return promise;
        },
      }),
    );
  }

  function watchSocket(socket: WebSocket): void {
    const url = apply(socketUrl as () => unknown, socket, []);
    if (typeof url !== 'string' || !isOneOf(url, socketUrls)) return;
    const state: SocketState = { pending: new Map(), ambiguous: new Map() };
    apply(weakMapSet, sockets, [socket, state]);
    const listener = (event: MessageEvent) => {
      try {
        if (event.isTrusted !== true) return;
        const data: unknown = apply(messageData as () => unknown, event, []);
        if (typeof data !== 'string' || data.length > MAX_TAPPED_TEXT) return;
        if (venue === PageFeedVenue.deribit) readDeribit(state, data);
        else readHyperliquid(data);
      } catch {
        // Never the page's problem.
      }
    };
    apply(addListener, socket, ['message', listener]);
  }

  function readDeribit(state: SocketState, text: string): void {
    if (contains(text, '"subscription"')) {
      const optionTicker =
        contains(text, '"ticker.') && (contains(text, '-C.') || contains(text, '-P.'));
      if (!contains(text, '"user.') && !optionTicker) return;
      const message: unknown = parseJson(text);
      if (!isRecord(message) || own(message, 'method') !== 'subscription') return;
      const params = own(message, 'params');
      const channel = isRecord(params) ? own(params, 'channel') : undefined;
      if (typeof channel !== 'string') return;
      if (
        startsWithText(channel, 'user.portfolio.') ||
        startsWithText(channel, 'user.changes.') ||
        isOptionTickerChannel(channel)
      )
        post({ site: PageFeedVenue.deribit, kind: 'notification', text });
      return;
    }
    if ((apply(mapSize as () => number, state.pending, []) as number) === 0) return;
    if (!contains(text, '"id"')) return;
    const message: unknown = parseJson(text);
    if (!isRecord(message)) return;
    const id = own(message, 'id');
    const request: PendingRequest | undefined = apply(mapGet, state.pending, [id]);
    if (request === undefined) return;
    apply(mapDelete, state.pending, [id]);
    if (!apply(hasOwn, message, ['result'])) return;
    post({
      site: PageFeedVenue.deribit,
      kind: 'response',
      method: request.method,
      currency: request.currency,
      instrumentKind: request.instrumentKind,
      text,
    });
  }

  /** `ticker.{instrument}.{interval}` for an option (`…-C` or `…-P`). */
  function isOptionTickerChannel(channel: string): boolean {
    if (!startsWithText(channel, 'ticker.')) return false;
    const end = apply(lastIndexOf, channel, ['.']) as number;
    const instrument = apply(slice, channel, [7, end]) as string;
    const type = apply(slice, instrument, [-2]) as string;
    return type === '-C' || type === '-P';
  }

  function noteSent(state: SocketState, data: unknown): void {
    if (typeof data !== 'string' || data.length > MAX_SENT_TEXT || !contains(data, '"id"')) return;
    const message: unknown = parseJson(data);
    if (!isRecord(message)) return;
    const id = own(message, 'id');
    if (typeof id !== 'number' && typeof id !== 'string') return;
    // An id sent twice while one of its requests waits: neither answer can be told apart.
    if (apply(mapGet, state.pending, [id]) !== undefined) {
      apply(mapDelete, state.pending, [id]);
      apply(mapSet, state.ambiguous, [id, true]);
      return;
    }
    const method = own(message, 'method');
    let tracked: PendingRequest['method'] | undefined;
    for (let index = 0; index < trackedMethods.length; index += 1)
      if (trackedMethods[index] === method) tracked = DERIBIT_TRACKED_METHODS[index];
    if (tracked === undefined || apply(mapGet, state.ambiguous, [id]) !== undefined) return;
    const params = own(message, 'params');
    const record = isRecord(params) ? params : {};
    // Another account's positions (a subaccount's) are not this page's account.
    if (own(record, 'subaccount_id') !== undefined) return;
    if (
      (apply(mapSize as () => number, state.pending, []) as number) >= MAX_PENDING ||
      (apply(mapSize as () => number, state.ambiguous, []) as number) >= MAX_PENDING
    ) {
      apply(mapClear, state.pending, []);
      apply(mapClear, state.ambiguous, []);
    }
    apply(mapSet, state.pending, [
      id,
      {
        method: tracked,
        currency: shortText(own(record, 'currency')),
        instrumentKind: shortText(own(record, 'kind')),
      },
    ]);
  }

  function readHyperliquid(text: string): void {
    let named = false;
    for (let index = 0; index < quotedChannels.length; index += 1)
      if (contains(text, quotedChannels[index] ?? '')) named = true;
    if (!named) return;
    const message: unknown = parseJson(text);
    if (!isRecord(message)) return;
    const channel = own(message, 'channel');
    for (let index = 0; index < channels.length; index += 1)
      if (channels[index] === channel) {
        post({ site: PageFeedVenue.hyperliquid, kind: 'socket', text });
        return;
      }
  }

  /** The `{user, dex}` of a `POST /info` clearinghouseState request, else undefined. */
  function infoRequestOf(args: readonly unknown[]): { user: string; dex: string } | undefined {
    const input = args[0];
    const init = args[1];
    if (typeof input !== 'string' || !isOneOf(input, infoUrls) || !isRecord(init)) return undefined;
    const method = own(init, 'method');
    if (method !== 'POST' && method !== 'post') return undefined;
    const body = own(init, 'body');
    if (typeof body !== 'string' || body.length > MAX_INFO_BODY) return undefined;
    const request: unknown = parseJson(body);
    if (!isRecord(request) || own(request, 'type') !== 'clearinghouseState') return undefined;
    const user = own(request, 'user');
    const dex = own(request, 'dex') ?? '';
    if (typeof user !== 'string' || typeof dex !== 'string') return undefined;
    return { user, dex };
  }

  function readInfoAnswer(response: Response, request: { user: string; dex: string }): void {
    try {
      if (apply(responseOk as () => unknown, response, []) !== true) return;
      const copy = apply(responseClone, response, []) as Response;
      apply(promiseThen, apply(responseText, copy, []), [
        (text: unknown) => {
          try {
            if (typeof text !== 'string' || text.length > MAX_TAPPED_TEXT) return;
            post({
              site: PageFeedVenue.hyperliquid,
              kind: 'info',
              user: request.user,
              dex: request.dex,
              text,
            });
          } catch {
            // Never the page's problem.
          }
        },
        ignore,
      ]);
    } catch {
      // Never the page's problem.
    }
  }
}
