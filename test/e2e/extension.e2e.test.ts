import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calculateRiskReport, DEMO_PORTFOLIO, parsePortfolio } from '../../lib/engine';
import { formatMoney, formatPercent, formatPrice } from '../../lib/format/format-figures';
import { distanceText } from '../../lib/overlay/overlay-words';
import type { LaunchedExtension } from '../../scripts/support/launch-extension';
import { startExtensionSession, type ExtensionSession } from './support/extension-session';
import { overlayText, readOverlay } from '../../scripts/support/overlay-reader';
import type { FakeExchange } from '../fake-exchange/server';
import { demoMarkPrices } from './demo-markets';

// What a trader sees, in a real Chromium with the built extension: the figures must be the ones
// the engine computes for the demo portfolio (computed here in Node for comparison).
const expected = calculateRiskReport(parsePortfolio(DEMO_PORTFOLIO));

let exchange: FakeExchange;
let browser: LaunchedExtension;
let session: ExtensionSession | undefined;

beforeAll(async () => {
  session = await startExtensionSession({ markPrices: demoMarkPrices() });
  ({ exchange, browser } = session);
});

afterAll(async () => {
  await session?.close();
});

describe('popup', () => {
  it('shows the portfolio equity, ES and each account’s margin ratio computed by the background', async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await expect
      .poll(() => page.getByTestId('portfolio-es').textContent())
      .toBe(formatMoney(expected.portfolio.es, 'USD'));
    expect(await page.getByTestId('portfolio-equity').textContent()).toBe(
      formatMoney(expected.portfolio.equity, 'USD'),
    );
    expect(await page.getByTestId('demo-badge').textContent()).toBe('Demo portfolio');
    for (const account of expected.accounts) {
      const row = page.locator(`[data-account="${account.id}"]`);
      expect(await row.getByTestId('margin-ratio').textContent()).toBe(
        formatPercent(account.marginRatio),
      );
      const { direction, distancePct } = account.liquidation;
      expect(await row.getByTestId('liquidation-distance').textContent()).toContain(
        distanceText(direction === 'down' ? -(distancePct ?? 0) : distancePct),
      );
    }
    expect(await page.getByTestId('contribution').count()).toBe(
      expected.portfolio.contributions.length,
    );
    await page.close();
  });

  it('draws its pictures: the P&L curve (uPlot, loaded on demand), the ladder and the stress grid', async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    // uPlot's canvas appears once its chunk has loaded in the extension page.
    await page.locator('[data-testid="pnl-chart"] canvas').first().waitFor({ timeout: 15_000 });
    const legs = expected.accounts.reduce((sum, account) => sum + account.positions.length, 0);
    expect(await page.getByTestId('ladder-leg').count()).toBe(legs);
    expect(await page.getByTestId('stress-cell').count()).toBe(7);
    expect(await page.getByTestId('most-endangered-leg').textContent()).toContain(
      'BTC perp short: liquidated if BTC rises 4.5%',
    );
    await page.close();
  });
});

describe('overlay on the exchange page', () => {
  const legOf = (overlay: Document | null, accountId: string) =>
    overlay?.querySelector(`[data-leg^="${accountId}|BTC/USDT:USDT"]`) ?? null;

  it('mounts on https://www.binance.com/en/futures/BTCUSDT with each leg’s own liquidation price', async () => {
    const page = await browser.context.newPage();
    const response = await page.goto('https://www.binance.com/en/futures/BTCUSDT');
    expect(response?.status()).toBe(200);
    expect(exchange.requests).toContain('www.binance.com /en/futures/BTCUSDT');
    await expect
      .poll(async () => (await readOverlay(page))?.querySelectorAll('[data-testid="leg"]').length)
      .toBe(2);
    const overlay = await readOverlay(page);
    expect(overlayText(overlay, 'overlay-instrument')).toBe('BTC perp');
    for (const account of expected.accounts) {
      const position = account.positions.find((item) => item.symbol === 'BTC/USDT:USDT');
      const leg = legOf(overlay, account.id);
      expect(leg?.querySelector('[data-testid="leg-liquidation-price"]')?.textContent).toBe(
        formatPrice(position?.liquidationPrice ?? null),
      );
    }
    // The isolated hedge leg has its own chance of liquidation; the cross leg's is its account's.
    expect(
      legOf(overlay, 'binance-hedge')?.querySelector('[data-testid="leg-chance"]'),
    ).not.toBeNull();
    expect(legOf(overlay, 'binance-main')?.querySelector('[data-testid="leg-chance"]')).toBeNull();
    await page.close();
  });

  it('keeps its figures out of reach of the page’s scripts (closed shadow root)', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://www.binance.com/en/futures/BTCUSDT');
    await expect
      .poll(async () => overlayText(await readOverlay(page), 'computed-at'))
      .not.toBeNull();
    // Page scripts get null for a closed root (an open one would hand them every figure).
    const seenByPage = await page.evaluate(() => {
      const host = document.querySelector('margin-lens-overlay');
      return { hostExists: host !== null, shadowRoot: host?.shadowRoot ?? null };
    });
    expect(seenByPage).toEqual({ hostExists: true, shadowRoot: null });
    await page.close();
  });

  it('follows in-page navigation to another symbol', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://www.binance.com/en/futures/BTCUSDT');
    await expect
      .poll(async () => (await readOverlay(page))?.querySelectorAll('[data-testid="leg"]').length)
      .toBe(2);
    await page.evaluate(() => history.pushState({}, '', '/en/futures/ETHUSDT'));
    const eth = expected.accounts[0]?.positions.find((item) => item.symbol === 'ETH/USDT:USDT');
    await expect
      .poll(async () => overlayText(await readOverlay(page), 'overlay-instrument'), {
        timeout: 10_000,
      })
      .toBe('ETH perp');
    const overlay = await readOverlay(page);
    expect(overlay?.querySelectorAll('[data-testid="leg"]').length).toBe(1);
    expect(overlayText(overlay, 'leg-liquidation-price')).toBe(
      formatPrice(eth?.liquidationPrice ?? null),
    );
    await page.close();
  });

  it('stays off pages that are not trading pages', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://www.binance.com/en/markets');
    await page.waitForTimeout(1_500);
    expect(await readOverlay(page)).toBeNull();
    await page.close();
  });
});

describe('background', () => {
  it('holds the account snapshot in versioned storage', async () => {
    const stored = await browser.serviceWorker.evaluate(async () => {
      const api = (
        globalThis as unknown as {
          chrome: { storage: { local: { get(key: null): Promise<Record<string, unknown>> } } };
        }
      ).chrome;
      return api.storage.local.get(null);
    });
    expect(stored.portfolio).toMatchObject({ source: 'demo', portfolio: { version: 1 } });
    // WXT keeps each item's version beside it, under `<key>$`.
    expect(stored['portfolio$']).toMatchObject({ v: 1 });
  });

  it('refuses a malformed message with a reason, without crashing', async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const answer = await page.evaluate(async () => {
      const api = (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
        }
      ).chrome;
      return api.runtime.sendMessage({
        type: 'getPageRisk',
        venue: 'binanceusdm',
        symbol: '<img src=x onerror=alert(1)>',
        underlying: 'BTC',
      });
    });
    expect(answer).toEqual({
      ok: false,
      error: 'refused: getPageRisk: "symbol" must be a ccxt unified symbol such as BTC/USDT:USDT',
    });
    await page.close();
  });
});
