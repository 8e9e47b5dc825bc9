import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPrice } from '../../lib/format/format-figures';
import { readOverlay } from '../../scripts/support/overlay-reader';
import type { PortfolioRiskView } from '../../lib/messaging/protocol';
import { PAGE_FEED_HANDSHAKE_EVENT } from '../../lib/page-feed/page-feed-sites';
import type { LaunchedExtension } from '../../scripts/support/launch-extension';
import { startExtensionSession, type ExtensionSession } from './support/extension-session';
import {
  DERIBIT_PAGE_ACCOUNT_ID,
  deribitNotification,
  deribitResponse,
  deribitSummary,
  HYPERLIQUID_PAGE_ADDRESS,
} from '../fake-exchange/page-feed/page-feed-messages';
import { pageFeedRoutes, type PageFeedRoutes } from '../fake-exchange/page-feed/page-feed-server';
import type { FakeExchange } from '../fake-exchange/server';

/**
 * The page feed in a real Chromium with the built extension: a page at Deribit's real URL talks
 * to "Deribit" over a WebSocket and a page at Hyperliquid's asks "Hyperliquid" for the account's
 * clearinghouse state (the local fake exchange answers for both hosts), and the background then
 * holds the accounts, as the popup's getPortfolioRisk shows. The page's scripts see native
 * WebSocket and fetch from their own realm (from another realm they can tell: asserted as the
 * known trace it is), and what they forge is not taken. A Hyperliquid page's account is taken
 * only once the page has named its own address, never another address it looked up.
 */
const DERIBIT_PAGE = 'https://www.deribit.com/futures/BTC-PERPETUAL';
const HYPERLIQUID_PAGE = 'https://app.hyperliquid.xyz/trade/BTC';
const DERIBIT_ACCOUNT = `deribit-page-${DERIBIT_PAGE_ACCOUNT_ID}:BTC`;
const HYPERLIQUID_ACCOUNT = `hyperliquid-page-${HYPERLIQUID_PAGE_ADDRESS}`;
/** Someone else's address, whose state the page looks up (a vault, the explorer). */
const OTHER_ADDRESS = '0x00000000000000000000000000000000000000aa';

let routes: PageFeedRoutes;
let exchange: FakeExchange;
let browser: LaunchedExtension;
let session: ExtensionSession | undefined;

beforeAll(async () => {
  routes = pageFeedRoutes();
  session = await startExtensionSession({ markPrices: {}, routes });
  ({ exchange, browser } = session);
});

afterAll(async () => {
  await browser?.close();
  routes?.close();
  await exchange?.close();
});

/** getPortfolioRisk, asked from the extension's popup page as the popup asks it. */
async function portfolioRisk(): Promise<PortfolioRiskView> {
  const popup = await browser.context.newPage();
  try {
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const answer = await popup.evaluate(async () => {
      const api = (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
        }
      ).chrome;
      return api.runtime.sendMessage({ type: 'getPortfolioRisk' });
    });
    const response = answer as
      { ok: true; value: PortfolioRiskView } | { ok: false; error: string };
    if (!response.ok) throw new Error(response.error);
    return response.value;
  } finally {
    await popup.close();
  }
}

/** The stored page reads, straight from the extension's storage. */
async function storedPageAccounts(): Promise<
  {
    identity: string | null;
    readAt: string;
    pending: string[];
    accounts: { id: string; positions: { symbol: string }[] }[];
  }[]
> {
  return browser.serviceWorker.evaluate(async () => {
    const api = (
      globalThis as unknown as {
        chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };
      }
    ).chrome;
    return ((await api.storage.local.get('pageAccounts')).pageAccounts ?? []) as never;
  });
}

/** When the page last sent each stored read again, unchanged (page-accounts-item.ts). */
async function storedConfirmations(): Promise<Record<string, string>> {
  return browser.serviceWorker.evaluate(async () => {
    const api = (
      globalThis as unknown as {
        chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };
      }
    ).chrome;
    return ((await api.storage.local.get('pageAccountsConfirmedAt')).pageAccountsConfirmedAt ??
      {}) as never;
  });
}

/**
 * Plays Hyperliquid's web app naming its own address: subscribes `webData3` for the connected
 * wallet on the venue's socket; resolves once the push came.
 */
async function nameHyperliquidOwner(page: Page): Promise<string[]> {
  return page.evaluate(
    (user) =>
      new Promise<string[]>((resolve) => {
        const socket = new WebSocket('wss://api.hyperliquid.xyz/ws');
        const seen: string[] = [];
        socket.onopen = () =>
          socket.send(
            JSON.stringify({ method: 'subscribe', subscription: { type: 'webData3', user } }),
          );
        socket.onmessage = (event) => {
          seen.push((JSON.parse(String(event.data)) as { channel: string }).channel);
          if (seen.length === 2) resolve(seen);
        };
      }),
    HYPERLIQUID_PAGE_ADDRESS,
  );
}

/** The page's own `POST /info` clearinghouseState for `user`: the status and positions read. */
async function fetchClearinghouseState(page: Page, user: string) {
  return page.evaluate(async (address) => {
    const response = await fetch('https://api.hyperliquid.xyz/info', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'clearinghouseState', user: address }),
    });
    // The page reads its own answer as usual.
    const state = (await response.json()) as { assetPositions: unknown[] };
    return { status: response.status, positions: state.assetPositions.length };
  }, user);
}

/**
 * Plays Deribit's web app in the page: opens the socket, asks for the account summary, the BTC
 * positions and the option chain, subscribes to the BTC portfolio; resolves once every answer
 * came. The socket lives in a closure: the page adds no global of its own.
 */
async function playDeribitApp(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const socket = new WebSocket('wss://www.deribit.com/ws/api/v2');
        const requests = [
          {
            id: 1,
            method: 'private/get_account_summary',
            params: { currency: 'BTC', extended: true },
          },
          { id: 2, method: 'private/get_positions', params: { currency: 'BTC' } },
          {
            id: 3,
            method: 'public/get_book_summary_by_currency',
            params: { currency: 'BTC', kind: 'option' },
          },
          { id: 4, method: 'private/subscribe', params: { channels: ['user.portfolio.btc'] } },
        ];
        let received = 0;
        socket.onerror = () => reject(new Error('socket failed'));
        socket.onopen = () => {
          for (const request of requests)
            socket.send(JSON.stringify({ jsonrpc: '2.0', ...request }));
        };
        socket.onmessage = () => {
          received += 1;
          // Four answers and the portfolio notification.
          if (received === 5) resolve(received);
        };
      }),
  );
}

async function accountIds(): Promise<string[]> {
  return (await portfolioRisk()).report.accounts.map((account) => account.id);
}

describe('page feed: accounts read from the page, no key', () => {
  it('leaves WebSocket and fetch looking native to the page, adds no global, throws nothing', async () => {
    const page = await browser.context.newPage();
    await page.goto(DERIBIT_PAGE);
    const seen = await page.evaluate(async () => {
      const errors: string[] = [];
      window.addEventListener('error', (event) => errors.push(String(event.message)));
      window.addEventListener('unhandledrejection', (event) => errors.push(String(event.reason)));
      const frame = document.createElement('iframe');
      document.body.append(frame);
      const pristine = frame.contentWindow as unknown as typeof window;
      const describeProperty = (owner: object, name: string) => {
        const descriptor = Object.getOwnPropertyDescriptor(owner, name);
        return descriptor === undefined
          ? 'absent'
          : `${String(descriptor.writable)} ${String(descriptor.enumerable)} ${String(descriptor.configurable)} ${typeof descriptor.value}`;
      };
      const keys = (target: object) =>
        Object.keys(target)
          .filter((key) => !/^\d+$/.test(key))
          .sort()
          .join(',');
      const socket = new WebSocket('wss://www.deribit.com/ws/api/v2');
      await new Promise((resolve) => (socket.onopen = resolve));
      socket.send(JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'public/test', params: {} }));
      await new Promise((resolve) => (socket.onmessage = resolve));
      // A failing native call still fails as it would without the extension.
      const errorName = (open: () => unknown) => {
        try {
          open();
          return 'none';
        } catch (error) {
          return `${(error as Error).name}: ${(error as Error).message}`;
        }
      };
      const pairs = {
        name: [WebSocket.name, pristine.WebSocket.name],
        length: [WebSocket.length, pristine.WebSocket.length],
        string: [String(WebSocket), String(pristine.WebSocket)],
        functionToString: [
          Function.prototype.toString.call(WebSocket),
          pristine.Function.prototype.toString.call(pristine.WebSocket),
        ],
        sendString: [String(WebSocket.prototype.send), String(pristine.WebSocket.prototype.send)],
        fetchString: [fetch.toString(), pristine.fetch.toString()],
        fetchName: [fetch.name, pristine.fetch.name],
        toStringToString: [
          Function.prototype.toString.toString(),
          pristine.Function.prototype.toString.toString(),
        ],
        toStringOfToString: [
          Function.prototype.toString.call(Function.prototype.toString),
          pristine.Function.prototype.toString.call(pristine.Function.prototype.toString),
        ],
        webSocketProperty: [
          describeProperty(window, 'WebSocket'),
          describeProperty(pristine, 'WebSocket'),
        ],
        fetchProperty: [describeProperty(window, 'fetch'), describeProperty(pristine, 'fetch')],
        constructorProperty: [
          describeProperty(WebSocket.prototype, 'constructor'),
          describeProperty(pristine.WebSocket.prototype, 'constructor'),
        ],
        sendProperty: [
          describeProperty(WebSocket.prototype, 'send'),
          describeProperty(pristine.WebSocket.prototype, 'send'),
        ],
        keys: [keys(window), keys(pristine)],
        nativeError: [
          errorName(() => new WebSocket('ftp://www.deribit.com/ws/api/v2')),
          errorName(() => new pristine.WebSocket('ftp://www.deribit.com/ws/api/v2')),
        ],
        callWithoutNew: [
          errorName(() => (WebSocket as unknown as () => unknown)()),
          errorName(() => (pristine.WebSocket as unknown as () => unknown)()),
        ],
      };
      // Known trace (page-feed-tap.ts): another realm's native toString sees the Proxies.
      const otherRealm = pristine.Function.prototype.toString;
      const crossRealm = {
        webSocket: otherRealm.call(WebSocket),
        send: otherRealm.call(WebSocket.prototype.send),
        toString: otherRealm.call(Function.prototype.toString),
        fetch: otherRealm.call(fetch),
        nativeWebSocket: otherRealm.call(pristine.WebSocket),
        nativeSend: otherRealm.call(pristine.WebSocket.prototype.send),
      };
      socket.close();
      return {
        pairs,
        crossRealm,
        instance: [
          socket instanceof WebSocket,
          socket.constructor === WebSocket,
          WebSocket.prototype.constructor === WebSocket,
          Object.getPrototypeOf(socket) === WebSocket.prototype,
        ],
        errors,
      };
    });
    for (const [what, [ours, native]] of Object.entries(seen.pairs))
      expect({ what, value: ours }).toEqual({ what, value: native });
    expect(seen.instance).toEqual([true, true, true, true]);
    // From another realm the wrapped built-ins print as Proxies do, not as the natives: the tap
    // is detectable there (README, Privacy). Deribit's page leaves fetch unwrapped.
    expect(seen.crossRealm).toEqual({
      webSocket: 'function () { [native code] }',
      send: 'function () { [native code] }',
      toString: 'function () { [native code] }',
      fetch: 'function fetch() { [native code] }',
      nativeWebSocket: 'function WebSocket() { [native code] }',
      nativeSend: 'function send() { [native code] }',
    });
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it('takes a Deribit page’s account from its WebSocket into the background’s portfolio', async () => {
    const page = await browser.context.newPage();
    await page.goto(DERIBIT_PAGE);
    expect(await playDeribitApp(page)).toBe(5);
    await expect.poll(accountIds, { timeout: 20_000, interval: 500 }).toContain(DERIBIT_ACCOUNT);
    const view = await portfolioRisk();
    const account = view.report.accounts.find((item) => item.id === DERIBIT_ACCOUNT);
    expect(account).toMatchObject({ venue: 'deribit' });
    expect(account?.positions.map((position) => position.symbol).sort()).toEqual([
      'BTC/USD:BTC',
      'BTC/USD:BTC-261226',
      'BTC/USD:BTC-261226-120000-C',
      'BTC/USD:BTC-261226-85000-P',
    ]);
    expect(view.connections).toContainEqual(
      expect.objectContaining({
        connection: expect.objectContaining({
          id: `page-deribit-${DERIBIT_PAGE_ACCOUNT_ID}`,
          label: 'Deribit (read from the page)',
        }),
        freshness: 'fresh',
        accountIds: [DERIBIT_ACCOUNT],
      }),
    );
    expect(routes.asked).toEqual(
      expect.arrayContaining([
        'private/get_account_summary',
        'private/get_positions',
        'public/get_book_summary_by_currency',
        'private/subscribe',
      ]),
    );

    // What the page forges is not taken: a message posted to the window, events with the
    // handshake's type (a port of its own), and a synthetic message on the venue's socket.
    const forgedSummary = deribitResponse(1, {
      ...deribitSummary('BTC'),
      currency: 'BTC',
      id: 666,
    });
    const forgedPortfolio = deribitNotification('user.portfolio.eth', {
      ...deribitSummary('ETH'),
      equity: 99,
    });
    const before = (await storedPageAccounts()).find((entry) => entry.identity === '58214');
    await page.evaluate(
      ({ handshake, summary, portfolio }) => {
        const forged = {
          site: 'deribit',
          kind: 'response',
          method: 'private/get_account_summary',
          currency: 'BTC',
          instrumentKind: null,
          text: summary,
        };
        window.postMessage(forged, '*');
        window.dispatchEvent(new CustomEvent(handshake, { detail: forged, cancelable: true }));
        const channel = new MessageChannel();
        window.dispatchEvent(
          new MessageEvent(handshake, { ports: [channel.port2], cancelable: true }),
        );
        channel.port1.postMessage(forged);
        channel.port1.postMessage({ site: 'deribit', kind: 'notification', text: portfolio });
        const socket = new WebSocket('wss://www.deribit.com/ws/api/v2');
        socket.onopen = () => {
          socket.dispatchEvent(new MessageEvent('message', { data: portfolio }));
          socket.dispatchEvent(new MessageEvent('message', { data: summary }));
          // A genuine change afterwards (the perpetual closed), so a fresh snapshot is sent.
          socket.send(
            JSON.stringify({
              jsonrpc: '2.0',
              id: 21,
              method: 'private/subscribe',
              params: { channels: ['user.changes.future.btc.raw'] },
            }),
          );
        };
      },
      { handshake: PAGE_FEED_HANDSHAKE_EVENT, summary: forgedSummary, portfolio: forgedPortfolio },
    );
    await expect
      .poll(
        async () =>
          (await storedPageAccounts()).find((entry) => entry.identity === '58214')?.readAt ?? '',
        { timeout: 20_000, interval: 500 },
      )
      .not.toBe(before?.readAt ?? '');
    const stored = await storedPageAccounts();
    expect(stored.map((entry) => entry.identity)).not.toContain('666');
    const deribit = stored.find((entry) => entry.identity === '58214');
    expect(deribit?.accounts.map((item) => item.id)).toEqual([DERIBIT_ACCOUNT]);
    expect(deribit?.accounts[0]?.positions.map((position) => position.symbol)).toEqual([
      'BTC/USD:BTC-261226',
      'BTC/USD:BTC-261226-120000-C',
      'BTC/USD:BTC-261226-85000-P',
    ]);
    // The forged ETH portfolio would have left ETH pending (no positions for it).
    expect(deribit?.pending).toEqual([]);
    await page.close();
  });

  it('takes a Hyperliquid page’s account from its POST /info clearinghouseState once the page names its address, never another address', async () => {
    const page = await browser.context.newPage();
    await page.goto(HYPERLIQUID_PAGE);
    // The page looks up someone else's account, then its own, before naming its own address.
    expect(await fetchClearinghouseState(page, OTHER_ADDRESS)).toEqual({
      status: 200,
      positions: 4,
    });
    expect(await fetchClearinghouseState(page, HYPERLIQUID_PAGE_ADDRESS)).toEqual({
      status: 200,
      positions: 4,
    });
    // Past the content script's settling time and the background's write: nothing stored.
    await page.waitForTimeout(4_000);
    expect(
      (await storedPageAccounts()).filter((entry) => entry.identity?.startsWith('0x')),
    ).toEqual([]);
    expect(await nameHyperliquidOwner(page)).toEqual(['subscriptionResponse', 'webData3']);
    await expect
      .poll(accountIds, { timeout: 20_000, interval: 500 })
      .toContain(HYPERLIQUID_ACCOUNT);
    const account = (await portfolioRisk()).report.accounts.find(
      (item) => item.id === HYPERLIQUID_ACCOUNT,
    );
    expect(account?.positions.map((position) => position.symbol).sort()).toEqual([
      'BTC/USDC:USDC',
      'DYDX/USDC:USDC',
      'ETH/USDC:USDC',
      'SOL/USDC:USDC',
    ]);
    expect(routes.asked).toContain('info clearinghouseState');
    expect((await storedPageAccounts()).map((entry) => entry.identity)).not.toContain(
      OTHER_ADDRESS,
    );
    expect(await accountIds()).not.toContain(`hyperliquid-page-${OTHER_ADDRESS}`);
    // The overlay on the same page shows the page-read leg with the engine's liquidation price.
    const btc = account?.positions.find((position) => position.symbol === 'BTC/USDC:USDC');
    await expect
      .poll(
        async () =>
          (await readOverlay(page))?.querySelector(
            `[data-leg^="${HYPERLIQUID_ACCOUNT}|BTC/USDC:USDC|"] [data-testid="leg-liquidation-price"]`,
          )?.textContent ?? null,
        { timeout: 20_000, interval: 500 },
      )
      .toBe(btc?.liquidationPrice == null ? 'no liquidation' : formatPrice(btc.liquidationPrice));
    await page.close();
  });

  it('takes a Hyperliquid page’s clearinghouseState pushes over its WebSocket; the same state again only confirms the stored read', async () => {
    const stored = (await storedPageAccounts()).find(
      (entry) => entry.identity === HYPERLIQUID_PAGE_ADDRESS,
    );
    const key = `hyperliquid:${HYPERLIQUID_PAGE_ADDRESS}`;
    const confirmedBefore = (await storedConfirmations())[key];
    const page = await browser.context.newPage();
    await page.goto(HYPERLIQUID_PAGE);
    expect(await nameHyperliquidOwner(page)).toEqual(['subscriptionResponse', 'webData3']);
    const channels = await page.evaluate(
      (user) =>
        new Promise<string[]>((resolve) => {
          const socket = new WebSocket('wss://api.hyperliquid.xyz/ws');
          const seen: string[] = [];
          socket.onopen = () =>
            socket.send(
              JSON.stringify({
                method: 'subscribe',
                subscription: { type: 'clearinghouseState', user },
              }),
            );
          socket.onmessage = (event) => {
            seen.push((JSON.parse(String(event.data)) as { channel: string }).channel);
            if (seen.length === 2) resolve(seen);
          };
        }),
      HYPERLIQUID_PAGE_ADDRESS,
    );
    expect(channels).toEqual(['subscriptionResponse', 'clearinghouseState']);
    // The same account as the info answer's: the page confirmed it, the read was not rewritten.
    await expect
      .poll(async () => (await storedConfirmations())[key], { timeout: 20_000, interval: 500 })
      .not.toBe(confirmedBefore);
    expect(
      (await storedPageAccounts()).find((entry) => entry.identity === HYPERLIQUID_PAGE_ADDRESS)
        ?.readAt,
    ).toBe(stored?.readAt);
    expect(await accountIds()).toContain(HYPERLIQUID_ACCOUNT);
    await page.close();
  });
});
