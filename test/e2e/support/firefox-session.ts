import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import {
  startFakeExchange,
  type FakeExchange,
  type FakeExchangeOptions,
} from '../../fake-exchange/server';
import { startVenueProxy, type VenueProxy } from './venue-proxy';

/** The built Firefox add-on (`wxt build -b firefox`); `WXT_OUT_DIR` as for the Chromium build. */
export const BUILT_FIREFOX_ADDON = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
  process.env.WXT_OUT_DIR ?? '.output',
  'firefox-mv2',
);

/**
 * The Firefox counterpart of extension-session.ts: the local HTTPS fake exchange, a proxy that
 * sends the venues' host names to it and refuses everything else (venue-proxy.ts), and a
 * headless Firefox driven over WebDriver BiDi (puppeteer-core) with the built add-on installed
 * as a temporary add-on. Its pages are at `extensionUrl` (moz-extension://<uuid>/), the UUID
 * fixed by `extensions.webextensions.uuids` before the install.
 */
export interface FirefoxSession {
  readonly exchange: FakeExchange;
  readonly proxy: VenueProxy;
  readonly browser: Browser;
  readonly extensionUrl: string;
  /** A new tab on the add-on's `file` (popup.html, options.html), once its document has loaded. */
  openAddonPage(file: string): Promise<Page>;
  close(): Promise<void>;
}

export async function startFirefoxSession(
  executablePath: string,
  exchangeOptions: FakeExchangeOptions,
): Promise<FirefoxSession> {
  const geckoId = builtGeckoId();
  const uuid = randomUUID();
  const exchange = await startFakeExchange(exchangeOptions);
  const proxy = await startVenueProxy(exchange.hosts, exchange.port);
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      // BiDi refuses to navigate to moz-extension:// pages without it ("Navigation to
      // moz-extension://… is not allowed in this context"): geckodriver's --allow-system-access.
      args: ['--remote-allow-system-access'],
      // The fake exchange's certificate is self-signed (made at its start-up).
      acceptInsecureCerts: true,
      extraPrefsFirefox: {
        // Every request through the venue proxy (localhost, where BiDi listens, never is).
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.no_proxies_on': '',
        'network.http.http3.enable': false,
        // permissions.request() for the venue's hosts grants without the doorhanger prompt,
        // which no driver can answer (the trader clicks "Allow" there).
        'extensions.webextOptionalPermissionPrompts': false,
        'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
      },
    });
    const installed = await browser.installExtension(BUILT_FIREFOX_ADDON);
    if (installed !== geckoId)
      throw new Error(`Firefox installed the add-on as ${installed}, expected ${geckoId}`);
  } catch (error) {
    await browser?.close();
    await proxy.close();
    await exchange.close();
    throw error;
  }
  const launched = browser;
  const extensionUrl = `moz-extension://${uuid}/`;
  return {
    exchange,
    proxy,
    browser: launched,
    extensionUrl,
    openAddonPage: (file) => openAddonPage(launched, `${extensionUrl}${file}`),
    async close() {
      await launched.close();
      await proxy.close();
      await exchange.close();
    },
  };
}

/**
 * Firefox's WebDriver BiDi sends no navigation events for documents in the add-on process
 * ("Filter out notifications for webextension contexts until support gets added (bug 1755014)",
 * remote/shared/NavigationManager.sys.mjs), so puppeteer's `goto` never sees the load it waits
 * for, although the page loads. The navigation is started and the document itself polled (an
 * evaluation that meets the document being replaced fails, and is retried).
 */
async function openAddonPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  // Resolves once Firefox reports add-on navigations; until then it times out, harmlessly.
  void page.goto(url, { timeout: PAGE_LOAD_MS }).catch(() => undefined);
  const deadline = Date.now() + PAGE_LOAD_MS;
  for (;;) {
    const loaded = await page
      .evaluate((expected) => location.href === expected && document.readyState === 'complete', url)
      .catch(() => false);
    if (loaded) return page;
    if (Date.now() > deadline) {
      await page.close();
      throw new Error(`${url} did not load within ${PAGE_LOAD_MS} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const PAGE_LOAD_MS = 15_000;

function builtGeckoId(): string {
  const manifestPath = path.join(BUILT_FIREFOX_ADDON, 'manifest.json');
  if (!existsSync(manifestPath))
    throw new Error(`no Firefox build at ${BUILT_FIREFOX_ADDON}: run \`wxt build -b firefox\``);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (id === undefined)
    throw new Error(`${manifestPath} has no browser_specific_settings.gecko.id`);
  return id;
}
