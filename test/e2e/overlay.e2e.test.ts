import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calculateRiskReport, parsePortfolio } from '../../lib/engine';
import { formatMoney, formatPrice } from '../../lib/format/format-figures';
import type { LaunchedExtension } from '../../scripts/support/launch-extension';
import { startExtensionSession, type ExtensionSession } from './support/extension-session';
import { overlayBox, overlayText, readOverlay } from '../../scripts/support/overlay-reader';
import { SIX_VENUE_BOOK } from '../portfolios/six-venue-book';
import { demoMarkPrices } from './demo-markets';

// The overlay on each venue's trading page, in a real Chromium with the built extension: the
// venues' real URLs are served by the local fake exchange (the pages' order forms are the
// hand-written samples in test/pages/), the book is imported through the extension's own
// import, and every figure is compared with the engine's, computed here in Node.
const expected = calculateRiskReport(parsePortfolio(SIX_VENUE_BOOK));
const SCREENSHOTS = path.join(import.meta.dirname, '..', '..', 'screenshots');

interface VenuePage {
  readonly site: string;
  readonly url: string;
  readonly accountId: string;
  readonly symbol: string;
  /** The order form's size field, and a size to type in the units the venue shows. */
  readonly sizeField: string;
  readonly size: string;
  /** The instrument's name in the overlay: told apart from the book's other BTC perps. */
  readonly instrument: string;
}

const PAGES: readonly VenuePage[] = [
  {
    site: 'binance',
    url: 'https://www.binance.com/en/futures/BTCUSDT',
    accountId: 'binance-main',
    symbol: 'BTC/USDT:USDT',
    sizeField: '[id^="unitAmount-"]',
    size: '0.5',
    instrument: 'BTC perp (USDT)',
  },
  {
    site: 'binance-coinm',
    url: 'https://www.binance.com/en/delivery/BTCUSD_PERP',
    accountId: 'binance-coinm',
    symbol: 'BTC/USD:BTC',
    sizeField: '[id^="unitAmount-"]',
    size: '0.2',
    instrument: 'BTC perp (inverse)',
  },
  {
    site: 'bybit',
    url: 'https://www.bybit.com/trade/usdt/BTCUSDT',
    accountId: 'bybit-hedge',
    symbol: 'BTC/USDT:USDT',
    sizeField: '.oc__row:has(.oc__label:text-is("Qty")) input',
    size: '0.2',
    instrument: 'BTC perp (USDT)',
  },
  {
    site: 'okx',
    url: 'https://www.okx.com/trade-swap/btc-usdt-swap',
    accountId: 'okx-swap',
    symbol: 'BTC/USDT:USDT',
    sizeField: '#size-field',
    size: '10',
    instrument: 'BTC perp (USDT)',
  },
  {
    site: 'deribit',
    url: 'https://www.deribit.com/futures/BTC-PERPETUAL',
    accountId: 'deribit-btc',
    symbol: 'BTC/USD:BTC',
    sizeField: '.row:has(> span:text-is("Amount")) input',
    size: '5000',
    instrument: 'BTC perp (inverse)',
  },
  {
    site: 'hyperliquid',
    url: 'https://app.hyperliquid.xyz/trade/BTC',
    accountId: 'hl-main',
    symbol: 'BTC/USDC:USDC',
    sizeField: '#order-size',
    size: '0.1',
    instrument: 'BTC perp (USDC)',
  },
];

let browser: LaunchedExtension;
let session: ExtensionSession | undefined;

beforeAll(async () => {
  session = await startExtensionSession({ markPrices: demoMarkPrices(SIX_VENUE_BOOK) });
  ({ browser } = session);
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const answer = await options.evaluate(async (file) => {
    const api = (
      globalThis as unknown as {
        chrome: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean }> } };
      }
    ).chrome;
    return api.runtime.sendMessage({ type: 'importPortfolio', file });
  }, SIX_VENUE_BOOK);
  expect(answer.ok).toBe(true);
  await options.close();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await session?.close();
});

const legSelector = (accountId: string, symbol: string) => `[data-leg^="${accountId}|${symbol}|"]`;

async function openPage(venue: VenuePage): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 820 });
  const response = await page.goto(venue.url);
  expect(response?.status(), venue.url).toBe(200);
  await expect
    .poll(
      async () =>
        (await readOverlay(page))?.querySelector(legSelector(venue.accountId, venue.symbol)) ??
        null,
      {
        timeout: 15_000,
      },
    )
    .not.toBeNull();
  return page;
}

describe('the overlay on each venue’s trading page', () => {
  it.each(PAGES)(
    '$site: this account’s leg with the engine’s liquidation price, and the pre-trade check as the trader types',
    async (venue) => {
      const page = await openPage(venue);
      const position = expected.accounts
        .find((account) => account.id === venue.accountId)
        ?.positions.find((item) => item.symbol === venue.symbol);
      const overlay = await readOverlay(page);
      const leg = overlay?.querySelector(legSelector(venue.accountId, venue.symbol));
      expect(leg?.querySelector('[data-testid="leg-liquidation-price"]')?.textContent).toBe(
        position?.liquidationPrice == null
          ? 'no liquidation'
          : formatPrice(position.liquidationPrice),
      );
      expect(overlayText(overlay, 'overlay-instrument')).toBe(venue.instrument);
      await page.screenshot({ path: path.join(SCREENSHOTS, `overlay-${venue.site}.png`) });

      await page.locator(venue.sizeField).first().fill(venue.size);
      await expect
        .poll(
          async () =>
            (await readOverlay(page))?.querySelector('[data-testid="impact-liquidation"]')
              ?.textContent ?? null,
          {
            timeout: 10_000,
          },
        )
        .not.toBeNull();
      const checked = await readOverlay(page);
      expect(overlayText(checked, 'pretrade-source')).toMatch(/^From the page’s order form/);
      // "Now" is the engine's own figure for this account; the order changes its margin.
      const account = expected.accounts.find((item) => item.id === venue.accountId);
      const row = (testId: string) =>
        [...(checked?.querySelectorAll(`[data-testid="${testId}"] td`) ?? [])].map(
          (cell) => cell.textContent ?? '',
        );
      expect(row('impact-liquidation')[0]).toBe(
        position?.liquidationPrice == null ? 'none' : formatPrice(position.liquidationPrice),
      );
      const [nowMargin, ...afterMargins] = row('impact-maintenance-margin');
      expect(nowMargin).toBe(
        formatMoney(account?.maintenanceMargin ?? null, account?.settle).split(' ')[0],
      );
      expect(afterMargins.some((after) => after !== nowMargin)).toBe(true);
      // The simulated chance of liquidation follows once the trader pauses.
      await expect
        .poll(
          async () => {
            const cells = (await readOverlay(page))?.querySelectorAll(
              '[data-testid="impact-chance"] td',
            );
            return [...(cells ?? [])].every((cell) => /%/.test(cell.textContent ?? ''));
          },
          { timeout: 10_000 },
        )
        .toBe(true);
      await page.screenshot({ path: path.join(SCREENSHOTS, `pretrade-${venue.site}.png`) });
      await page.close();
    },
  );
});

describe('a hedge across two venues', () => {
  it('shows both legs on both venues’ pages, and names the leg that dies first', async () => {
    const binance = await openPage(PAGES[0] as VenuePage);
    const onBinance = await readOverlay(binance);
    expect(overlayText(onBinance, 'first-to-die')).toBe(
      '⚠ Your Bybit BTC perp (USDT) short is liquidated first, at 99,326.00 (+4.5%).',
    );
    // Expanded: every leg on BTC, the accounts and the book's true margin.
    const placed = await overlayBox(binance);
    expect(placed).not.toBeNull();
    if (placed) {
      await binance.mouse.click(placed.x + placed.width - 36, placed.y + 14);
      await expect
        .poll(
          async () =>
            (await readOverlay(binance))?.querySelectorAll('[data-testid="account"]').length ?? 0,
        )
        .toBe(6);
      await binance.screenshot({ path: path.join(SCREENSHOTS, 'overlay-expanded-binance.png') });
    }
    await binance.close();

    const bybit = await openPage(PAGES[2] as VenuePage);
    const onBybit = await readOverlay(bybit);
    expect(overlayText(onBybit, 'first-to-die')).toBeNull();
    const here = onBybit?.querySelector(legSelector('bybit-hedge', 'BTC/USDT:USDT'));
    expect(here?.getAttribute('data-level')).toBe('caution');
    expect(overlayText(onBybit, 'other-legs-count')).toContain('5 other legs on BTC');
    await bybit.close();
  });
});

describe('warnings before the order is placed', () => {
  it('warns that a large Binance order does not fit, is liquidated at once and becomes first to die', async () => {
    const page = await openPage(PAGES[0] as VenuePage);
    await page.locator('[role=tab]:text-is("Market")').first().click();
    await page.locator('[id^="unitAmount-"]').fill('40');
    await expect
      .poll(
        async () =>
          [
            ...((await readOverlay(page))?.querySelectorAll(
              '[data-testid="impact-buy"] [data-warning]',
            ) ?? []),
          ].map((item) => item.getAttribute('data-warning')),
        { timeout: 10_000 },
      )
      .toEqual(expect.arrayContaining(['liquidated-at-once', 'does-not-fit', 'first-to-die']));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'pretrade-warnings-binance.png') });
    await page.close();
  });

  it('warns that a Bybit stop beyond the short’s liquidation price is never reached alive', async () => {
    const page = await openPage(PAGES[2] as VenuePage);
    await page.locator('[role=tab]:text-is("Conditional")').click();
    await page.locator('#trigger-row input').fill('100000');
    await page.locator('.oc__row:has(.oc__label:text-is("Qty")) input').fill('0.8');
    await expect
      .poll(
        async () =>
          [
            ...((await readOverlay(page))?.querySelectorAll(
              '[data-testid="impact-buy"] [data-warning]',
            ) ?? []),
          ].map((item) => item.getAttribute('data-warning')),
        { timeout: 10_000 },
      )
      .toContain('liquidated-before-fill');
    await page.close();
  });
});

describe('single-page navigation', () => {
  it('follows the trader to another instrument and tears the overlay down off trading pages', async () => {
    const page = await openPage(PAGES[5] as VenuePage);
    await page.evaluate(() => history.pushState({}, '', '/trade/ETH'));
    await expect
      .poll(async () => overlayText(await readOverlay(page), 'overlay-instrument'), {
        timeout: 10_000,
      })
      .toBe('ETH perp');
    expect(overlayText(await readOverlay(page), 'no-position')).toBe(
      'No ETH perp position on Hyperliquid.',
    );
    await page.evaluate(() => history.pushState({}, '', '/portfolio'));
    await expect.poll(async () => readOverlay(page), { timeout: 10_000 }).toBeNull();
    await page.close();
  });
});

describe('where the overlay sits', () => {
  const overlapsBox = (
    a: { x: number; y: number; width: number; height: number },
    b: { x: number; y: number; width: number; height: number },
  ) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  it('never covers the order form, and keeps the place the trader drags it to', async () => {
    const page = await openPage(PAGES[3] as VenuePage);
    const form = await page.locator('form.okui-form').boundingBox();
    const placed = await overlayBox(page);
    expect(form).not.toBeNull();
    expect(placed).not.toBeNull();
    if (!form || !placed) return;
    expect(overlapsBox(placed, form)).toBe(false);
    // Dragged by its header 150 px left and 100 px up; the place is kept for the next page load.
    await page.mouse.move(placed.x + 60, placed.y + 12);
    await page.mouse.down();
    await page.mouse.move(placed.x - 90, placed.y - 88, { steps: 5 });
    await page.mouse.up();
    const dragged = await overlayBox(page);
    expect(dragged?.x).toBeCloseTo(placed.x - 150, 0);
    expect(dragged?.y).toBeCloseTo(placed.y - 100, 0);
    await page.reload();
    await expect
      .poll(async () => (await overlayBox(page))?.x ?? null, { timeout: 15_000 })
      .toBeCloseTo(placed.x - 150, 0);
    // Dragged onto the form, it moves off it again.
    const current = (await overlayBox(page)) ?? placed;
    await page.mouse.move(current.x + 60, current.y + 12);
    await page.mouse.down();
    await page.mouse.move(form.x + 60, current.y + 12, { steps: 5 });
    await page.mouse.up();
    await expect
      .poll(async () => {
        const box = await overlayBox(page);
        return box === null ? null : overlapsBox(box, form);
      })
      .toBe(false);
    await page.close();
  });

  it('follows a light page in a light theme', async () => {
    const page = await openPage(PAGES[3] as VenuePage);
    await page.addStyleTag({
      content:
        'body, .panel, form, section, div { background: #fafafa !important; color: #1e2329 !important; }',
    });
    // The theme is read again with the form on the next reading (a poll or an input).
    await page.locator('#size-field').fill('12');
    await expect
      .poll(
        async () => (await readOverlay(page))?.querySelector('aside')?.getAttribute('class') ?? '',
        {
          timeout: 10_000,
        },
      )
      .toContain('ml--light');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'pretrade-okx-light.png') });
    await page.close();
  });
});

describe('what a content script can reach', () => {
  it('cannot read or write the extension’s storage (keys, accounts, settings)', async () => {
    const page = await openPage(PAGES[0] as VenuePage);
    const session = await page.context().newCDPSession(page);
    const contexts: { id: number; name: string; origin: string; auxData?: { type?: string } }[] =
      [];
    session.on('Runtime.executionContextCreated', (event: { context: (typeof contexts)[number] }) =>
      contexts.push(event.context),
    );
    await session.send('Runtime.enable');
    // The overlay's own isolated world: the extension's content-script context on this page.
    const world = contexts.find(
      (context) =>
        context.auxData?.type === 'isolated' && context.origin.startsWith('chrome-extension://'),
    );
    expect(world, 'the overlay content script’s world').toBeDefined();
    const contextId = world?.id ?? -1;
    const attempt = async (expression: string) =>
      (
        (await session.send('Runtime.evaluate', {
          expression,
          contextId,
          awaitPromise: true,
          returnByValue: true,
        })) as { result: { value?: unknown } }
      ).result.value;
    expect(
      await attempt(
        `chrome.storage.local.get(null).then((items) => 'read ' + Object.keys(items).length, (error) => 'refused: ' + error.message)`,
      ),
    ).toMatch(/^refused: /);
    expect(
      await attempt(
        `chrome.storage.local.set({ portfolio: 1 }).then(() => 'written', (error) => 'refused: ' + error.message)`,
      ),
    ).toMatch(/^refused: /);
    await session.detach();
    await page.close();
  });
});
