import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calculateRiskReport, DEMO_PORTFOLIO, parsePortfolio } from '../../lib/engine';
import { formatMoney } from '../../lib/format/format-figures';
import { binanceApi } from '../fake-exchange/api/binance-api';
import { demoMarkPrices } from './demo-markets';
import { E2E_PASSPHRASE, E2E_READ_ONLY_KEY, E2E_SECRET } from './support/extension-session';
import { findFirefox, FIREFOX_INSTALL_HINT } from './support/find-firefox';
import { startFirefoxSession, type FirefoxSession } from './support/firefox-session';

// A smoke test of the Firefox build (Manifest V2) in a real Firefox (Debian's firefox-esr),
// driven over WebDriver BiDi: the popup on the embedded demo, then one Binance USDⓈ-M connection
// with a read-only key through the options page, ccxt in the background page reaching
// https://fapi.binance.com (proxied to the local fake exchange). The Chromium specs cover the rest.
const firefox = findFirefox();
const SLOW = { timeout: 15_000 };

if (!firefox.found) {
  console.error(
    [
      '',
      '================================================================',
      ' FIREFOX END-TO-END TEST SKIPPED: no Firefox found.',
      ` Tried: ${firefox.tried.join(', ')}`,
      ...FIREFOX_INSTALL_HINT.split('\n').map((line) => ` ${line}`),
      '================================================================',
    ].join('\n'),
  );
  // The policy of scripts/test.ts for Chromium: skipped locally, a failure under CI=true.
  if (process.env.CI === 'true')
    it('finds Firefox (CI=true: a missing browser is a failure)', () => {
      expect.fail(`no Firefox found (tried ${firefox.tried.join(', ')})`);
    });
}

describe.skipIf(!firefox.found)('the Firefox add-on in firefox-esr', () => {
  const expected = calculateRiskReport(parsePortfolio(DEMO_PORTFOLIO));
  let session: FirefoxSession | undefined;

  beforeAll(async () => {
    if (!firefox.found) return;
    session = await startFirefoxSession(firefox.path, {
      markPrices: demoMarkPrices(),
      api: { venues: [binanceApi], state: { profiles: { [E2E_READ_ONLY_KEY]: 'readOnly' } } },
    });
  });

  afterAll(async () => {
    await session?.close();
  });

  function current(): FirefoxSession {
    if (!session) throw new Error('the Firefox session did not start');
    return session;
  }

  const text = (page: Page, testId: string) =>
    page.$eval(`[data-testid="${testId}"]`, (element) => element.textContent).catch(() => null);
  const attribute = (page: Page, testId: string, name: string) =>
    page
      .$eval(`[data-testid="${testId}"]`, (element, key) => element.getAttribute(key), name)
      .catch(() => null);

  it('shows the embedded demo in the popup, with the figures the engine computes', async () => {
    const popup = await current().openAddonPage('popup.html');
    await expect.poll(() => text(popup, 'demo-badge'), SLOW).toBe('Demo portfolio');
    await expect
      .poll(() => text(popup, 'portfolio-es'), SLOW)
      .toBe(formatMoney(expected.portfolio.es, 'USD'));
    expect(await text(popup, 'portfolio-equity')).toBe(
      formatMoney(expected.portfolio.equity, 'USD'),
    );
    await popup.close();
  });

  it('connects Binance USDⓈ-M with a read-only key and shows the account in the popup', async () => {
    const { exchange, openAddonPage } = current();
    const options = await openAddonPage('options.html');
    await options.locator('[data-testid="passphrase"]').fill(E2E_PASSPHRASE);
    await options.locator('[data-testid="vault-submit"]').click();
    await expect.poll(() => attribute(options, 'vault', 'data-vault'), SLOW).toBe('unlocked');
    await options.select('[data-testid="venue"]', 'binanceusdm');
    await options.locator('[data-testid="field-label"]').fill('Main');
    await options.locator('[data-testid="field-apiKey"]').fill(E2E_READ_ONLY_KEY);
    await options.locator('[data-testid="field-secret"]').fill(E2E_SECRET);
    await options.locator('[data-testid="connect-venue"]').click();
    // A refusal shows its text here instead of a timeout.
    await expect
      .poll(
        async () =>
          (await text(options, 'connect-problem')) ??
          (await attribute(options, 'connection', 'data-freshness')),
        SLOW,
      )
      .toBe('fresh');
    expect(await options.$$eval('[data-testid="connection"]', (rows) => rows.length)).toBe(1);
    // Granted by permissions.request() from the click (the prompt is off in this profile).
    expect(
      await options.evaluate(() =>
        (
          globalThis as unknown as {
            browser: { permissions: { contains(p: { origins: string[] }): Promise<boolean> } };
          }
        ).browser.permissions.contains({ origins: ['https://fapi.binance.com/*'] }),
      ),
    ).toBe(true);
    expect(
      exchange.requests.some((line) => line.includes('fapi.binance.com /fapi/v3/positionRisk')),
    ).toBe(true);
    await options.close();

    const popup = await openAddonPage('popup.html');
    await expect
      .poll(() => popup.$$eval('[data-account^="binanceusdm-main"]', (rows) => rows.length), SLOW)
      .toBeGreaterThan(0);
    expect(await popup.$('[data-testid="demo-badge"]')).toBeNull();
    await popup.close();
  });
});
