/**
 * `npx tsx scripts/popup-screenshots.ts`: the popup as a trader sees it, in Chromium with the
 * built extension (`wxt build` first; `WXT_OUT_DIR` picks a second build), saved to
 * screenshots/: the embedded demo (popup-demo.png), a two-venue hedge imported as a portfolio
 * file (popup-hedge.png), the six-venue book (popup-six-venue.png) and the demo with a HYPE
 * account nobody has a volatility for (popup-refusal.png), and an OKX account holding options
 * (popup-okx-options.png). Each is the full popup page at the
 * popup's width, after the background's figures and the P&L picture are on screen.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoMarkPrices } from '../test/e2e/demo-markets';
import { startFakeExchange } from '../test/fake-exchange/server';
import { SIX_VENUE_BOOK } from '../test/portfolios/six-venue-book';
import { TWO_VENUE_HEDGE } from '../test/portfolios/two-venue-hedge';
import { HYPE_SHORT_ACCOUNT } from '../test/portfolios/hyperliquid-hype-short';
import { OKX_OPTIONS_BOOK } from '../test/portfolios/okx-options-book';
import { DEMO_PORTFOLIO } from '../lib/engine';
import { findChromium, INSTALL_HINT } from './support/find-chromium';
import { BUILT_EXTENSION, launchExtension } from './support/launch-extension';

const root = path.resolve(import.meta.dirname, '..');
const folder = path.join(root, 'screenshots');
const POPUP_WIDTH = 440;

const chromium = findChromium();
if (!chromium.found) {
  console.error(`No Chromium found (tried ${chromium.tried.join(', ')}). ${INSTALL_HINT}`);
  process.exit(1);
}
mkdirSync(folder, { recursive: true });
const exchange = await startFakeExchange({ markPrices: demoMarkPrices() });
const browser = await launchExtension({
  executablePath: chromium.path,
  extensionPath: BUILT_EXTENSION,
  headless: true,
  fakeExchangePort: exchange.port,
  hosts: exchange.hosts,
});

/** Opens the popup page and waits for its figures and its P&L picture. */
async function openPopup(): Promise<Page> {
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: POPUP_WIDTH, height: 600 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await popup.getByTestId('portfolio-es').waitFor({ timeout: 30_000 });
  // The background's own figures (the first paint is the stored state's), then the picture.
  await popup.waitForFunction(
    () => performance.getEntriesByName('margin-lens:live-figures').length > 0,
    undefined,
    { timeout: 30_000 },
  );
  await popup.locator('[data-testid="pnl-chart"] canvas').first().waitFor({ timeout: 30_000 });
  await popup.waitForTimeout(300);
  return popup;
}

async function shoot(name: string): Promise<void> {
  const popup = await openPopup();
  const file = path.join(folder, name);
  await popup.screenshot({ path: file, fullPage: true });
  console.log(`${file}: ${await popup.getByTestId('most-endangered-leg').textContent()}`);
  await popup.close();
}

async function importPortfolio(file: unknown): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const answer = await page.evaluate(async (portfolio) => {
    const api = (
      globalThis as unknown as {
        chrome: {
          runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; error?: string }> };
        };
      }
    ).chrome;
    return api.runtime.sendMessage({ type: 'importPortfolio', file: portfolio });
  }, file);
  if (!answer.ok) throw new Error(`importPortfolio failed: ${answer.error ?? ''}`);
  await page.close();
}

try {
  await shoot('popup-demo.png');
  await importPortfolio(TWO_VENUE_HEDGE);
  await shoot('popup-hedge.png');
  await importPortfolio(SIX_VENUE_BOOK);
  await shoot('popup-six-venue.png');
  // The demo's accounts and a HYPE short nobody has a volatility for: named, kept in the venue figures.
  await importPortfolio({
    ...DEMO_PORTFOLIO,
    accounts: [...DEMO_PORTFOLIO.accounts, HYPE_SHORT_ACCOUNT],
  });
  await shoot('popup-refusal.png');
  await importPortfolio(OKX_OPTIONS_BOOK);
  await shoot('popup-okx-options.png');
} finally {
  await browser.close();
  await exchange.close();
}
