import { describe, expect, it } from 'vitest';
import {
  deribitNotification,
  deribitPortfolioNotification,
  deribitPositions,
  deribitResponse,
  HYPERLIQUID_PAGE_ADDRESS,
  hyperliquidClearinghousePush,
  hyperliquidPush,
  HYPERLIQUID_PAGE_STATE,
} from '../../test/fake-exchange/page-feed/page-feed-messages';
import { installPageFeedTap, type TapWindow } from './page-feed-tap';
import type { TappedMessage } from './tapped-message';

/**
 * What the tap forwards and what it leaves alone, in a scripted window: a WebSocket whose
 * messages the test delivers (trusted, as the browser's, or untrusted, as a page's synthetic
 * ones), and a fetch that answers with real `Response`s. That the wrapped natives answer as the
 * native ones do in a real page is checked in Chromium (test/e2e/page-feed.e2e.test.ts).
 */
type Listener = (event: unknown) => void;

class FakeEventTarget {
  readonly listeners: { type: string; listener: Listener }[] = [];
  addEventListener(type: string, listener: Listener): void {
    this.listeners.push({ type, listener });
  }
}

class FakeMessageEvent {
  constructor(
    readonly type: string,
    private readonly init: { data: unknown },
    readonly isTrusted: boolean,
  ) {}
  get data(): unknown {
    return this.init.data;
  }
}

interface Scripted {
  readonly window: TapWindow;
  readonly posted: TappedMessage[];
  readonly sent: unknown[];
  /** Delivers a message to every socket at `url`, as the browser would (or as a page forging it). */
  deliver(url: string, data: unknown, trusted?: boolean): void;
}

function scriptedWindow(
  venue: 'deribit' | 'hyperliquid',
  answer: (url: string) => Response,
  post?: (message: TappedMessage) => void,
): Scripted {
  const sockets: FakeWebSocket[] = [];
  const sent: unknown[] = [];
  class FakeWebSocket extends FakeEventTarget {
    static readonly OPEN = 1;
    readonly #url: string;
    constructor(url: string) {
      super();
      if (!url.startsWith('wss://')) throw new SyntaxError('The URL scheme must be wss');
      this.#url = url;
      sockets.push(this);
    }
    get url(): string {
      return this.#url;
    }
    send(data: unknown): void {
      sent.push(data);
    }
  }
  const window = {
    WebSocket: FakeWebSocket,
    MessageEvent: FakeMessageEvent,
    EventTarget: FakeEventTarget,
    Response,
    fetch: (input: string) => Promise.resolve(answer(input)),
  } as unknown as TapWindow;
  const posted: TappedMessage[] = [];
  installPageFeedTap(window, venue, post ?? ((message) => posted.push(message)));
  return {
    window,
    posted,
    sent,
    deliver(url, data, trusted = true) {
      for (const socket of sockets.filter((item) => item.url === url))
        for (const { type, listener } of socket.listeners)
          if (type === 'message') listener(new FakeMessageEvent('message', { data }, trusted));
    },
  };
}

const DERIBIT = 'wss://www.deribit.com/ws/api/v2';
const HYPERLIQUID = 'wss://api.hyperliquid.xyz/ws';

function openSocket(window: TapWindow, url: string): WebSocket {
  return new window.WebSocket(url);
}

describe('page-feed tap on Deribit', () => {
  it('forwards user.portfolio and user.changes notifications, nothing else', () => {
    const page = scriptedWindow('deribit', () => new Response(''));
    openSocket(page.window, DERIBIT);
    const portfolio = deribitPortfolioNotification('BTC');
    page.deliver(DERIBIT, portfolio);
    page.deliver(DERIBIT, deribitNotification('book.BTC-PERPETUAL.100ms', { bids: [] }));
    page.deliver(DERIBIT, deribitNotification('ticker.BTC-PERPETUAL.100ms', { mark_iv: 1 }));
    const optionTicker = deribitNotification('ticker.BTC-26DEC26-120000-C.100ms', { mark_iv: 52 });
    page.deliver(DERIBIT, optionTicker);
    expect(page.posted).toEqual([
      { site: 'deribit', kind: 'notification', text: portfolio },
      { site: 'deribit', kind: 'notification', text: optionTicker },
    ]);
  });

  it('matches responses to the tracked requests this socket sent, by id', () => {
    const page = scriptedWindow('deribit', () => new Response(''));
    const socket = openSocket(page.window, DERIBIT);
    const request = (id: number, method: string, params: object) =>
      JSON.stringify({ jsonrpc: '2.0', id, method, params });
    socket.send(request(1, 'private/get_positions', { currency: 'BTC' }));
    socket.send(request(2, 'private/get_open_orders', { currency: 'BTC' }));
    socket.send(request(3, 'private/get_positions', { currency: 'BTC', subaccount_id: 9 }));
    // The page's own messages go out unchanged.
    expect(page.sent).toHaveLength(3);
    const positions = deribitResponse(1, deribitPositions('BTC'));
    page.deliver(DERIBIT, deribitResponse(2, []));
    page.deliver(DERIBIT, deribitResponse(3, []));
    page.deliver(DERIBIT, positions);
    // Answered once: a second answer with the same id is not taken.
    page.deliver(DERIBIT, positions);
    expect(page.posted).toEqual([
      {
        site: 'deribit',
        kind: 'response',
        method: 'private/get_positions',
        currency: 'BTC',
        instrumentKind: null,
        text: positions,
      },
    ]);
  });

  it('drops an id sent twice while its request waits (the answers cannot be told apart)', () => {
    const page = scriptedWindow('deribit', () => new Response(''));
    const socket = openSocket(page.window, DERIBIT);
    socket.send(JSON.stringify({ id: 5, method: 'private/get_positions', params: {} }));
    socket.send(JSON.stringify({ id: 5, method: 'public/test', params: {} }));
    page.deliver(DERIBIT, deribitResponse(5, deribitPositions('ETH')));
    expect(page.posted).toEqual([]);
  });

  it('ignores untrusted (page-made) events, other sockets, and non-text data', () => {
    const page = scriptedWindow('deribit', () => new Response(''));
    openSocket(page.window, DERIBIT);
    openSocket(page.window, 'wss://example.com/ws');
    const portfolio = deribitPortfolioNotification('BTC');
    page.deliver(DERIBIT, portfolio, false);
    page.deliver('wss://example.com/ws', portfolio);
    page.deliver(DERIBIT, new ArrayBuffer(8));
    expect(page.posted).toEqual([]);
  });

  it('never lets a failure reach the page: a throwing port, malformed text, a bad URL', () => {
    const page = scriptedWindow(
      'deribit',
      () => new Response(''),
      () => {
        throw new Error('port closed');
      },
    );
    openSocket(page.window, DERIBIT);
    expect(() => page.deliver(DERIBIT, deribitPortfolioNotification('BTC'))).not.toThrow();
    expect(() =>
      page.deliver(DERIBIT, '{"method":"subscription","params":{"channel":"user.'),
    ).not.toThrow();
    // The native constructor's own error still reaches the page, as without the tap.
    expect(() => openSocket(page.window, 'http://www.deribit.com')).toThrow(SyntaxError);
  });

  it('looks like the native constructor', () => {
    const page = scriptedWindow('deribit', () => new Response(''));
    const { WebSocket: Wrapped } = page.window;
    const socket = openSocket(page.window, DERIBIT);
    expect(socket instanceof Wrapped).toBe(true);
    expect(socket.constructor).toBe(Wrapped);
    expect(Wrapped.prototype.constructor).toBe(Wrapped);
    expect(Wrapped.name).toBe('FakeWebSocket');
    expect(Wrapped.OPEN).toBe(1);
    expect(Function.prototype.toString.call(Wrapped)).toMatch(/^class FakeWebSocket/);
    expect(Function.prototype.toString.toString()).toBe('function toString() { [native code] }');
    expect(String(Wrapped.prototype.send)).toMatch(/^send\(data\)/);
  });
});

describe('page-feed tap on Hyperliquid', () => {
  it('forwards the account channels, nothing else', () => {
    const page = scriptedWindow('hyperliquid', () => new Response(''));
    openSocket(page.window, HYPERLIQUID);
    const state = hyperliquidClearinghousePush();
    page.deliver(HYPERLIQUID, state);
    page.deliver(HYPERLIQUID, hyperliquidPush('l2Book', { coin: 'BTC', levels: [] }));
    page.deliver(HYPERLIQUID, hyperliquidPush('subscriptionResponse', { method: 'subscribe' }));
    // Mentions an account channel but is not one.
    page.deliver(HYPERLIQUID, hyperliquidPush('trades', [{ note: '"webData2"' }]));
    expect(page.posted).toEqual([{ site: 'hyperliquid', kind: 'socket', text: state }]);
  });

  it('reads POST /info clearinghouseState answers from a clone, leaving the page’s body unread', async () => {
    const body = JSON.stringify(HYPERLIQUID_PAGE_STATE);
    const page = scriptedWindow('hyperliquid', () => new Response(body));
    const request = { type: 'clearinghouseState', user: HYPERLIQUID_PAGE_ADDRESS };
    const response = await page.window.fetch('https://api.hyperliquid.xyz/info', {
      method: 'POST',
      body: JSON.stringify(request),
    });
    await page.window.fetch('https://api.hyperliquid.xyz/info', {
      method: 'POST',
      body: JSON.stringify({ type: 'metaAndAssetCtxs' }),
    });
    await page.window.fetch('https://example.com/info', {
      method: 'POST',
      body: JSON.stringify(request),
    });
    expect(response.bodyUsed).toBe(false);
    expect(await response.text()).toBe(body);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(page.posted).toEqual([
      { site: 'hyperliquid', kind: 'info', user: HYPERLIQUID_PAGE_ADDRESS, dex: '', text: body },
    ]);
  });

  it('reads no getter of the page’s request object', async () => {
    const page = scriptedWindow('hyperliquid', () => new Response('{}'));
    let read = 0;
    const init = {
      method: 'POST',
      get body() {
        read += 1;
        return JSON.stringify({ type: 'clearinghouseState', user: HYPERLIQUID_PAGE_ADDRESS });
      },
    };
    await page.window.fetch('https://api.hyperliquid.xyz/info', init);
    expect(read).toBe(0);
    expect(page.posted).toEqual([]);
  });
});
