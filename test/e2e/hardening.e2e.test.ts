import { gunzipSync } from 'node:zlib';
import type { CDPSession, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_VENUE_API_HOSTS } from '../../lib/venues/api/venue-hosts';
import { grantHostAccess } from '../../scripts/support/grant-host-access';
import type { LaunchedExtension } from '../../scripts/support/launch-extension';
import { overlayText, readOverlay } from '../../scripts/support/overlay-reader';
import { binanceApi } from '../fake-exchange/api/binance-api';
import type { FakeProfile } from '../fake-exchange/api/fake-api';
import { MARKET_DATA_API } from '../fake-exchange/api/market-data-api';
import { demoMarkPrices } from './demo-markets';
import {
  E2E_PASSPHRASE,
  E2E_READ_ONLY_KEY,
  E2E_SECRET,
  startExtensionSession,
  type ExtensionSession,
} from './support/extension-session';

// Issue 13 in the built extension, in a real Chromium against the local fake exchange: the CSP
// keeps the key-holding worker to the venues' hosts; a venue's host permissions go with its last
// connection; and after a whole connect / refresh / lock cycle no storage area (gzipped values
// unpacked), no message the worker sent to a content script (port, answer or pushed message), no
// stored problem text and no text of the overlay on the page holds a key, secret or passphrase.
const profiles: Record<string, FakeProfile> = { [E2E_READ_ONLY_KEY]: 'readOnly' };
const SLOW = { timeout: 10_000 };
const SECRETS = { key: E2E_READ_ONLY_KEY, secret: E2E_SECRET, passphrase: E2E_PASSPHRASE };

let browser: LaunchedExtension;
let session: ExtensionSession | undefined;

beforeAll(async () => {
  session = await startExtensionSession(
    {
      markPrices: demoMarkPrices(),
      api: { venues: [MARKET_DATA_API, binanceApi], state: { profiles } },
    },
    { grantHosts: true },
  );
  ({ browser } = session);
});

afterAll(async () => {
  await session?.close();
});

async function openOptions(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.getByTestId('vault').waitFor();
  return page;
}

async function currentWorker(): Promise<Worker> {
  return (
    browser.context.serviceWorkers().find((worker) => worker.url().includes(browser.extensionId)) ??
    (await browser.context.waitForEvent('serviceworker'))
  );
}

async function stopServiceWorker(page: Page): Promise<void> {
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

async function connectBinance(page: Page): Promise<void> {
  if ((await page.getByTestId('vault').getAttribute('data-vault')) === 'absent') {
    await page.getByTestId('passphrase').fill(E2E_PASSPHRASE);
    await page.getByTestId('vault-submit').click();
    await expect
      .poll(() => page.getByTestId('vault').getAttribute('data-vault'), SLOW)
      .toBe('unlocked');
  }
  await page.getByTestId('venue').selectOption('binanceusdm');
  await page.getByTestId('field-label').fill('Main');
  await page.getByTestId('field-apiKey').fill(E2E_READ_ONLY_KEY);
  await page.getByTestId('field-secret').fill(E2E_SECRET);
  await page.getByTestId('connect-venue').click();
  await expect
    .poll(() => page.locator('[data-connection="binanceusdm-main"]').count(), SLOW)
    .toBe(1);
}

/** Whether the worker may reach `origins` (as `permissions.contains` answers it). */
function hasHosts(worker: Worker, origins: readonly string[]): Promise<boolean> {
  return worker.evaluate(
    (list) =>
      (
        globalThis as unknown as {
          chrome: { permissions: { contains(p: { origins: string[] }): Promise<boolean> } };
        }
      ).chrome.permissions.contains({ origins: list }),
    [...origins],
  );
}

describe("the worker's Content Security Policy", () => {
  it('lets the worker reach the venue hosts, and no other host the browser could', async () => {
    const worker = await currentWorker();
    const reach = (url: string) =>
      worker.evaluate(
        (target) =>
          fetch(target, { mode: 'no-cors', cache: 'no-store' }).then(
            () => 'reached',
            (error: unknown) => `refused: ${(error as Error).message}`,
          ),
        url,
      );
    expect(await reach('https://fapi.binance.com/fapi/v1/time')).toBe('reached');
    // Served by the fake exchange too (the trading page), but not a venue API host.
    expect(await reach('https://www.binance.com/en/futures/BTCUSDT')).toMatch(/^refused: /);
  });
});

describe("a venue's host permissions", () => {
  const BINANCE_USDM = ['https://fapi.binance.com/*', 'https://api.binance.com/*'];

  async function connectThenDisconnect(page: Page): Promise<void> {
    await connectBinance(page);
    expect(await hasHosts(await currentWorker(), BINANCE_USDM)).toBe(true);
    await page.locator('[data-connection="binanceusdm-main"]').getByTestId('disconnect').click();
    await expect.poll(() => page.getByTestId('connection').count(), SLOW).toBe(0);
  }

  it('are given back when its last connection is removed', async () => {
    const page = await openOptions();
    await connectThenDisconnect(page);
    const worker = await currentWorker();
    await expect.poll(() => hasHosts(worker, ['https://fapi.binance.com/*']), SLOW).toBe(false);
    expect(await hasHosts(worker, ['https://api.binance.com/*'])).toBe(false);

    // With live market data on, the host it reads stays; the key-permission host goes.
    // (The trader allows the hosts again, as the browser's prompt would.)
    await grantHostAccess(browser.context, browser.extensionId, ALL_VENUE_API_HOSTS);
    await page.getByTestId('toggle-live-market').click();
    await expect
      .poll(() => page.getByTestId('live-market').getAttribute('data-allowed'), SLOW)
      .toBe('true');
    await connectThenDisconnect(page);
    await expect.poll(() => hasHosts(worker, ['https://api.binance.com/*']), SLOW).toBe(false);
    expect(await hasHosts(worker, ['https://fapi.binance.com/*'])).toBe(true);
    await grantHostAccess(browser.context, browser.extensionId, ALL_VENUE_API_HOSTS);
    await page.close();
  });
});

describe('secrets after a connect, refresh and lock cycle', () => {
  /**
   * Instruments the extension's content-script world of `page` (through the DevTools protocol):
   * every message the worker sends into it, on a port or as a `sendMessage` answer, is kept as
   * JSON in `marginLensSeen`. Ports opened before this are not seen: the caller restarts the
   * worker, which closes them, and the content script opens new ones.
   */
  async function instrumentContentScripts(
    page: Page,
  ): Promise<{ cdp: CDPSession; contextId: number }> {
    const cdp = await browser.context.newCDPSession(page);
    const contexts: { id: number; origin: string; type: string | undefined }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) =>
      contexts.push({
        id: context.id,
        origin: context.origin,
        type: (context.auxData as { type?: string } | undefined)?.type,
      }),
    );
    await cdp.send('Runtime.enable');
    await expect
      .poll(
        () =>
          contexts.some(
            (context) =>
              context.type === 'isolated' && context.origin.includes(browser.extensionId),
          ),
        SLOW,
      )
      .toBe(true);
    const world = contexts.find(
      (context) => context.type === 'isolated' && context.origin.includes(browser.extensionId),
    );
    const contextId = world?.id ?? -1;
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      contextId,
      returnByValue: true,
      expression: `(() => {
        const seen = (globalThis.marginLensSeen = []);
        const runtime = chrome.runtime;
        const connect = runtime.connect.bind(runtime);
        const sendMessage = runtime.sendMessage.bind(runtime);
        runtime.connect = (...args) => {
          const port = connect(...args);
          port.onMessage.addListener((message) => seen.push(JSON.stringify(message)));
          return port;
        };
        runtime.sendMessage = async (...args) => {
          const answer = await sendMessage(...args);
          seen.push(JSON.stringify(answer));
          return answer;
        };
        // Messages the worker pushes to the page's content script (tabs.sendMessage).
        runtime.onMessage.addListener((message) => {
          seen.push(JSON.stringify(message));
        });
        return runtime.connect !== connect;
      })()`,
    });
    expect(exceptionDetails).toBeUndefined();
    expect(result.value).toBe(true);
    return { cdp, contextId };
  }

  async function seenByContentScripts(cdp: CDPSession, contextId: number): Promise<string[]> {
    const { result } = await cdp.send('Runtime.evaluate', {
      contextId,
      returnByValue: true,
      expression: 'globalThis.marginLensSeen',
    });
    return result.value as string[];
  }

  /**
   * Every secret that shows in `text`, whole or any 16 characters of it (the key's fingerprint,
   * 4 + 4 characters, is meant to show; 16 are more than any English phrase of the passphrase
   * shares with a problem's words).
   */
  function leaks(text: string): string[] {
    return Object.entries(SECRETS).flatMap(([name, secret]) =>
      Array.from({ length: secret.length - 15 }, (_, i) => secret.slice(i, i + 16))
        .filter((window) => text.includes(window))
        .map((window) => `${name}: …${window}…`),
    );
  }

  /**
   * The text a stored area holds, with every gzipped value unpacked: the ccxt instances' market
   * lists are stored gzipped and base64-encoded (`packed`, lib/storage/exchange-state-items.ts),
   * where a secret would not show as text.
   */
  function unpackedText(area: Record<string, unknown>): string {
    const unpacked: string[] = [];
    const visit = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (typeof value === 'object' && value !== null)
        for (const [key, item] of Object.entries(value)) {
          if (key === 'packed' && typeof item === 'string')
            unpacked.push(gunzipSync(Buffer.from(item, 'base64')).toString('utf8'));
          else visit(item);
        }
    };
    visit(area);
    return [JSON.stringify(area), ...unpacked].join('\n');
  }

  /** Every storage area as the extension's options page reads it. */
  async function readStorage(
    page: Page,
  ): Promise<Record<'local' | 'session' | 'sync', Record<string, unknown>>> {
    return page.evaluate(async () => {
      const areas = (
        globalThis as unknown as {
          chrome: {
            storage: Record<
              'local' | 'session' | 'sync',
              { get(key: null): Promise<Record<string, unknown>> }
            >;
          };
        }
      ).chrome.storage;
      return {
        local: await areas.local.get(null),
        session: await areas.session.get(null),
        sync: await areas.sync.get(null),
      };
    });
  }

  it('holds no key, secret or passphrase in storage, content-script messages, problems or the overlay', async () => {
    const options = await openOptions();
    await connectBinance(options);

    // The trader on the venue's page: the overlay asks the worker for the page's figures.
    const exchangePage = await browser.context.newPage();
    await exchangePage.goto('https://www.binance.com/en/futures/BTCUSDT');
    await expect
      .poll(async () => overlayText(await readOverlay(exchangePage), 'leg-level'), SLOW)
      .toBeTruthy();
    const { cdp, contextId } = await instrumentContentScripts(exchangePage);
    await stopServiceWorker(options);
    // The overlay asks every 5 s; its new port goes through the instrumented world.
    await exchangePage.locator('[id^="unitAmount-"]').first().fill('0.5');
    await expect
      .poll(async () => (await seenByContentScripts(cdp, contextId)).length, {
        timeout: 15_000,
      })
      .toBeGreaterThan(1);

    // A refresh that fails leaves a problem text in storage.
    profiles[E2E_READ_ONLY_KEY] = 'expired';
    await options.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
        }
      ).chrome.runtime.sendMessage({ type: 'refreshAccounts', force: true }),
    );
    profiles[E2E_READ_ONLY_KEY] = 'readOnly';
    // Before the lock too: the lock empties session storage, where the unlocked worker keeps the
    // ccxt instances' state (market lists gzipped, rate limiters) beside the unlocked vault —
    // which holds the keys by design (README, Connecting your accounts) and is left out.
    const unlocked = await readStorage(options);
    await options.getByTestId('lock-vault').click();
    await expect
      .poll(() => options.getByTestId('vault').getAttribute('data-vault'), SLOW)
      .toBe('locked');

    const storage = await readStorage(options);
    const problems = Object.values(
      (storage.local['connectionStatus'] ?? {}) as Record<
        string,
        { problem: { message: string; whatToDo?: string } | null }
      >,
    ).flatMap((status) => (status.problem === null ? [] : [JSON.stringify(status.problem)]));
    const messages = await seenByContentScripts(cdp, contextId);
    const overlay = (await readOverlay(exchangePage))?.documentElement?.outerHTML ?? '';
    await cdp.detach();
    await exchangePage.close();
    await options.close();

    // The scans saw something: the connection, the overlay's figures, the refresh's problem.
    expect(JSON.stringify(storage.local)).toContain('binanceusdm-main');
    expect(messages.join('\n')).toContain('"ok":true');
    expect(problems.length).toBeGreaterThan(0);
    const { keyVaultUnlocked, ...workerState } = unlocked.session;
    expect(keyVaultUnlocked).toBeDefined();
    // The unlocked worker's own state was seen (Binance's rate limiter after the reads).
    expect(Object.keys(workerState)).toContain('venueRateLimiter.binanceusdm');
    const sessionText = [unpackedText(workerState), unpackedText(storage.session)].join('\n');
    expect(overlay).toContain('data-testid');
    expect({
      local: leaks([unpackedText(unlocked.local), unpackedText(storage.local)].join('\n')),
      session: leaks(sessionText),
      sync: leaks([unpackedText(unlocked.sync), unpackedText(storage.sync)].join('\n')),
      contentScriptMessages: leaks(messages.join('\n')),
      problems: leaks(problems.join('\n')),
      overlay: leaks(overlay),
    }).toEqual({
      local: [],
      session: [],
      sync: [],
      contentScriptMessages: [],
      problems: [],
      overlay: [],
    });
  });
});
