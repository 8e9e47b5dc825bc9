import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertState } from '../../lib/alerts/alert-state';
import { DEFAULT_MARKET } from '../../lib/engine/market/default-market';
import type { LaunchedExtension } from '../../scripts/support/launch-extension';
import {
  E2E_PASSPHRASE,
  E2E_READ_ONLY_KEY,
  E2E_SECRET,
  startExtensionSession,
  type ExtensionSession,
} from './support/extension-session';
import { binanceApi } from '../fake-exchange/api/binance-api';
import type { FakeProfile } from '../fake-exchange/api/fake-api';
import { hyperliquidApi } from '../fake-exchange/api/hyperliquid-api';
import { movingHyperliquidAccount } from '../fake-exchange/api/hyperliquid-moving-account';
import { MARKET_DATA_API } from '../fake-exchange/api/market-data-api';
import { demoMarkPrices } from './demo-markets';

// Alerts as a trader gets them, in a real Chromium with the built extension and no exchange tab
// open: a Binance USDⓈ-M account (read-only key; its BTC shorts) hedges a 1 BTC cross long on
// Hyperliquid (public address), and the local venue moves Hyperliquid's BTC mark. Each step is
// one scheduled refresh (the extension's own alarm, made due now), and what the service worker
// shows is read from it: chrome.notifications.getAll() for what is showing, the alert state in
// storage for the words of each notification.
const HEDGE_ADDRESS = '0x7a1e470000000000000000000000000000c0ffee';
const profiles: Record<string, FakeProfile> = { [E2E_READ_ONLY_KEY]: 'readOnly' };

// 1 BTC long at 62,000 on 5,000 USDC, 20×: liquidated at 57,721.52 (Hyperliquid's formula,
// hyperliquid-moving-account.ts), 6.9% below 62,000.
const LIQUIDATION = 57_721.52;
const hedge = movingHyperliquidAccount({
  address: HEDGE_ADDRESS,
  size: '1',
  entry: '62000',
  deposit: '5000',
  mark: '62000',
});
const LEG = 'Hyperliquid BTC perp long';
/**
 * The distance in daily σ the words give at `mark`, as a regular expression: |ln(liquidation /
 * mark)| over the embedded BTC vol's daily σ (lib/engine/measure/liquidation-distance.ts), to one
 * decimal — so the test follows a refit of the embedded market.
 */
function sigmas(mark: number): string {
  const dailySigma = (DEFAULT_MARKET.annualVols['BTC'] ?? Number.NaN) / Math.sqrt(365);
  return (Math.abs(Math.log(LIQUIDATION / mark)) / dailySigma).toFixed(1).replace('.', '\\.');
}
/** A chance with its 95% interval ("1.5% (1.2–1.8%)"), or a bound ("< 0.30%"). */
const CHANCE = String.raw`(?:\d+\.\d+% \((?:0|\d+\.\d+)–\d+\.\d+%\)|< \d+\.\d+%) chance within 24 h\.`;

const SLOW = { timeout: 20_000 };

let browser: LaunchedExtension;
let session: ExtensionSession | undefined;

beforeAll(async () => {
  session = await startExtensionSession(
    {
      markPrices: demoMarkPrices(),
      api: {
        venues: [hedge.api, MARKET_DATA_API, binanceApi, hyperliquidApi],
        state: { profiles },
      },
    },
    { grantHosts: true },
  );
  ({ browser } = session);
});

afterAll(async () => {
  await session?.close();
});

async function currentWorker(): Promise<Worker> {
  return (
    browser.context.serviceWorkers().find((worker) => worker.url().includes(browser.extensionId)) ??
    (await browser.context.waitForEvent('serviceworker'))
  );
}

interface Observed {
  /** chrome.notifications.getAll(): the ids showing. */
  readonly showing: readonly string[];
  readonly state: AlertState | null;
}

/** What the service worker shows now, and the alert state it keeps. */
async function observe(): Promise<Observed> {
  const worker = await currentWorker();
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: {
        notifications: { getAll(): Promise<Record<string, boolean>> };
        storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
      };
    };
    const showing = Object.keys(await chrome.notifications.getAll()).sort();
    const { alertState } = await chrome.storage.local.get('alertState');
    return { showing, state: (alertState as AlertState | undefined) ?? null };
  });
}

interface Created {
  readonly id: string;
  readonly title: string;
  readonly message: string;
}

/**
 * Records each notification the worker creates from now on (chrome.notifications.create, which
 * the extension calls through WXT's `browser`); a worker's record ends with the worker.
 */
async function recordCreated(): Promise<void> {
  const worker = await currentWorker();
  await worker.evaluate(() => {
    type Create = (id: string, options: { title: string; message: string }) => Promise<string>;
    const scope = globalThis as unknown as {
      chrome: { notifications: { create: Create } };
      createdNotifications?: { id: string; title: string; message: string }[];
    };
    if (scope.createdNotifications !== undefined) return;
    const record: { id: string; title: string; message: string }[] = [];
    scope.createdNotifications = record;
    const api = scope.chrome.notifications;
    const create = api.create.bind(api);
    api.create = (id, options) => {
      record.push({ id, title: options.title, message: options.message });
      return create(id, options);
    };
  });
}

/** What the current worker created since `recordCreated`. */
async function created(): Promise<Created[]> {
  const worker = await currentWorker();
  return worker.evaluate(
    () => (globalThis as { createdNotifications?: Created[] }).createdNotifications ?? [],
  );
}

/** Their titles. */
async function createdTitles(): Promise<string[]> {
  return (await created()).map((notification) => notification.title);
}

/** The alarm that drives the scheduled refresh, made due now (an unpacked extension may). */
async function scheduledRefresh(): Promise<void> {
  const worker = await currentWorker();
  await worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: {
        alarms: {
          create(name: string, info: { when: number; periodInMinutes: number }): Promise<void>;
        };
      };
    };
    await chrome.alarms.create('refresh-accounts', { when: Date.now(), periodInMinutes: 1 });
  });
}

/** Stops the extension's service worker (as the browser does when it is idle). */
async function stopServiceWorker(page: Page): Promise<void> {
  const session = await browser.context.newCDPSession(page);
  await session.send('ServiceWorker.enable');
  await session.send('ServiceWorker.stopAllWorkers');
  await session.detach();
}

/** The active alert on the Hyperliquid leg, once its message satisfies `test`. */
async function untilLegMessage(test: RegExp): Promise<Observed> {
  let last: Observed | undefined;
  await expect
    .poll(async () => {
      last = await observe();
      return Object.values(last.state?.active ?? {}).find((alert) => alert.subject === LEG)
        ?.message;
    }, SLOW)
    .toMatch(test);
  if (last === undefined) throw new Error('not observed');
  return last;
}

describe('alerts on a hedge across Binance and Hyperliquid', () => {
  it(
    'connects both legs, and sets the rules on the options page',
    { timeout: 120_000 },
    async () => {
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
      await page.getByTestId('passphrase').fill(E2E_PASSPHRASE);
      await page.getByTestId('vault-submit').click();
      await expect
        .poll(() => page.getByTestId('vault').getAttribute('data-vault'), SLOW)
        .toBe('unlocked');
      await page.getByTestId('venue').selectOption('binanceusdm');
      await page.getByTestId('field-label').fill('Main');
      await page.getByTestId('field-apiKey').fill(E2E_READ_ONLY_KEY);
      await page.getByTestId('field-secret').fill(E2E_SECRET);
      await page.getByTestId('connect-venue').click();
      await expect.poll(() => page.getByTestId('connection').count(), SLOW).toBe(1);
      await page.getByTestId('venue').selectOption('hyperliquid');
      await page.getByTestId('field-address').fill(HEDGE_ADDRESS);
      await page.getByTestId('connect-venue').click();
      await expect.poll(() => page.getByTestId('connection').count(), SLOW).toBe(2);

      // The alert rules list the portfolio's accounts (read when the page opens).
      await page.reload();
      const rows = page.locator('[data-testid="alert-account"]');
      await expect.poll(() => rows.count(), SLOW).toBe(3);
      expect(await rows.locator('td:first-child').allTextContents()).toEqual([
        'Binance USDⓈ-M futures (Main, USDT)the venue warns at 80%',
        'Binance USDⓈ-M futures (Main, USDC)the venue warns at 80%',
        'Hyperliquid80% by Margin Lens (the venue publishes none)',
      ]);
      // The Binance fixture's own ETH leg is near its liquidation price, and its book would not
      // survive the stress grid's worst day: this test watches the hedge alone.
      for (const row of await rows.all())
        if ((await row.getAttribute('data-account'))?.startsWith('binanceusdm'))
          await row.getByTestId('alert-account-muted').check();
      await page.getByTestId('alert-stressPct').fill('');
      await page.getByTestId('save-alert-rules').click();
      await expect
        .poll(() => page.getByTestId('alert-rules-result').textContent(), SLOW)
        .toBe('Saved: the rules apply from now.');
      await page.getByTestId('alert-rules').screenshot({ path: 'screenshots/alerts-options.png' });
      await page.close();

      // Nothing of the hedge is near its limits at 62,000: nothing shows (what the Binance account
      // raised on connecting was taken down when the rules were saved).
      await expect.poll(async () => (await observe()).showing, SLOW).toEqual([]);
      expect((await observe()).state?.active).toEqual({});
      await recordCreated();
    },
  );

  it('notifies once within one refresh when the mark nears liquidation, in plain words', async () => {
    hedge.setMark('59400');
    await scheduledRefresh();
    await expect.poll(createdTitles, SLOW).toEqual([`Near liquidation: ${LEG}`]);
    const [shown] = await created();
    expect(shown?.message).toMatch(
      new RegExp(
        String.raw`^2\.8% \(${sigmas(59_400)} daily σ\) from liquidation at 57,721\.52, if the price falls; ${CHANCE}$`,
      ),
    );
    // It stays until the trader acts on it; the worker's record of it says what and where.
    await expect.poll(async () => (await observe()).showing, SLOW).toEqual([shown?.id]);
    const observed = await observe();
    const entry = observed.state?.history.find((n) => n.id === shown?.id);
    expect(entry?.context).toBe("daily σ = a typical day's move of the price.");
    expect(entry?.target).toEqual({ kind: 'page', url: 'https://app.hyperliquid.xyz/trade/BTC' });
  });

  it('does not notify again as the mark moves further, nor after a service-worker restart', async () => {
    const before = await observe();
    hedge.setMark('58600');
    await scheduledRefresh();
    const nearer = await untilLegMessage(
      new RegExp(String.raw`^1\.5% \(${sigmas(58_600)} daily σ\) from liquidation at 57,721\.52`),
    );
    expect(nearer.showing).toEqual(before.showing);
    expect(nearer.state?.sequence).toBe(before.state?.sequence);
    expect(await created()).toHaveLength(1);

    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await stopServiceWorker(page);
    await page.reload();
    expect(await created()).toEqual([]); // a new worker: nothing recorded, nothing remembered
    await page.close();
    await recordCreated();

    hedge.setMark('58500');
    await scheduledRefresh();
    const after = await untilLegMessage(
      new RegExp(String.raw`^1\.3% \(${sigmas(58_500)} daily σ\) from liquidation at 57,721\.52`),
    );
    expect(after.showing).toEqual(before.showing);
    expect(after.state?.sequence).toBe(before.state?.sequence);
    expect(after.state?.history).toEqual(before.state?.history);
    expect(await created()).toEqual([]);
  });

  it('says "back to safe" when the mark moves back past the margin, taking the alert down', async () => {
    const [alertId] = (await observe()).showing;
    hedge.setMark('62000');
    await scheduledRefresh();
    await expect.poll(createdTitles, SLOW).toEqual([`Back to safe: ${LEG}`]);
    expect((await created())[0]?.message).toMatch(
      new RegExp(
        String.raw`^6\.9% \(${sigmas(62_000)} daily σ\) from liquidation at 57,721\.52, if the price falls; ${CHANCE}$`,
      ),
    );
    // Taken down once the new one is shown (the worker shows, then takes down).
    await expect
      .poll(async () => (await observe()).showing.includes(alertId ?? ''), SLOW)
      .toBe(false);
    expect((await observe()).state?.active).toEqual({});
  });

  it('raises the broken-hedge alert when the leg near liquidation disappears', async () => {
    hedge.setMark('59400');
    await scheduledRefresh();
    await expect
      .poll(createdTitles, SLOW)
      .toEqual([`Back to safe: ${LEG}`, `Near liquidation: ${LEG}`]);
    const nearId = (await created())[1]?.id;

    hedge.liquidate('300');
    await scheduledRefresh();
    await expect
      .poll(createdTitles, SLOW)
      .toEqual([`Back to safe: ${LEG}`, `Near liquidation: ${LEG}`, 'Hedge broken on BTC']);
    const broken = (await created())[2];
    expect(broken?.message).toBe(
      'Hyperliquid BTC perp long is gone, probably liquidated (at the last read it was 2.8% from liquidation at 57,721.52); Binance USDⓈ-M futures (Main, USDT) BTC perp short (0.2 BTC) and Binance USDⓈ-M futures (Main, USDT) BTC 25 Dec 26 future short (0.1 BTC) now stand alone.',
    );
    // The broken hedge stays; the leg's own alert is taken down (the hedge says what became of it).
    await expect
      .poll(async () => (await observe()).showing.includes(nearId ?? ''), SLOW)
      .toBe(false);
    await expect.poll(async () => (await observe()).showing, SLOW).toContain(broken?.id);
    const observed = await observe();
    const event = observed.state?.history.find((n) => n.id === broken?.id);
    expect(event?.target).toEqual({
      kind: 'page',
      url: 'https://www.binance.com/en/futures/BTCUSDT',
    });
    expect(observed.state?.active).toEqual({});
  });
  it('lists what was sent in the popup, newest first', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const history = popup.getByTestId('alert-history');
    await history.waitFor(SLOW);
    const entries = history.getByTestId('alert-entry');
    await expect.poll(() => entries.count(), SLOW).toBeGreaterThan(0);
    expect(await entries.first().locator('strong').textContent()).toBe('Hedge broken on BTC');
    expect(await entries.first().getAttribute('data-kind')).toBe('broken-hedge');
    expect(await history.getByTestId('alerts-quiet').textContent()).toBe(
      'Nothing is beyond your alert rules now.',
    );
    await history.screenshot({ path: 'screenshots/alerts-popup.png' });
    await popup.close();
  });
});
