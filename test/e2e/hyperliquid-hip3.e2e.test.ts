import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaunchedExtension } from '../../scripts/support/launch-extension';
import {
  E2E_PASSPHRASE,
  startExtensionSession,
  type ExtensionSession,
} from './support/extension-session';
import { HYPERLIQUID_HIP3_ADDRESS } from '../fake-exchange/api/fixtures/hyperliquid/hyperliquid-hip3-clearinghouse';
import { hyperliquidApi } from '../fake-exchange/api/hyperliquid-api';
import { MARKET_DATA_API } from '../fake-exchange/api/market-data-api';
import type { FakeExchange } from '../fake-exchange/server';
import { demoMarkPrices } from './demo-markets';

// A Hyperliquid address whose positions are on two builder-deployed (HIP-3) dexes, `xyz`
// (USDC) and `flx` (USDH), connected in a real Chromium with the built extension: the service
// worker's ccxt reads https://api.hyperliquid.xyz (mapped to the local fake venue), one account
// per dex, and the popup shows each with the venue's names for its markets and the liquidation
// prices of Hyperliquid's rule (fixtures/hyperliquid/hyperliquid-hip3-clearinghouse.ts derives
// the venue's own: 84.07894737, 6048.7804878, 476.19047619).

const SLOW = { timeout: 10_000 };

let exchange: FakeExchange;
let browser: LaunchedExtension;
let session: ExtensionSession | undefined;

beforeAll(async () => {
  session = await startExtensionSession(
    {
      markPrices: demoMarkPrices(),
      api: { venues: [MARKET_DATA_API, hyperliquidApi], state: { profiles: {} } },
    },
    { grantHosts: true },
  );
  ({ exchange, browser } = session);
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

describe('a Hyperliquid account with HIP-3 positions', () => {
  it('connects by address and shows each dex’s account and figures in the popup', async () => {
    const page = await openOptions();
    await page.getByTestId('passphrase').fill(E2E_PASSPHRASE);
    await page.getByTestId('vault-submit').click();
    await expect
      .poll(() => page.getByTestId('vault').getAttribute('data-vault'), SLOW)
      .toBe('unlocked');
    await page.getByTestId('venue').selectOption('hyperliquid');
    await page.getByTestId('field-address').fill(HYPERLIQUID_HIP3_ADDRESS);
    await page.getByTestId('connect-venue').click();
    await expect.poll(() => page.getByTestId('connection').count(), SLOW).toBe(1);
    expect(await page.getByTestId('connection').getAttribute('data-freshness')).toBe('fresh');
    expect(
      exchange.requests.filter((line) => line.startsWith('POST api.hyperliquid.xyz /info')).length,
    ).toBeGreaterThanOrEqual(8);
    await page.close();

    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const xyz = popup.locator('[data-account$=":xyz"]');
    const flx = popup.locator('[data-account$=":flx"]');
    await expect.poll(() => xyz.count(), SLOW).toBe(1);
    expect(await flx.count()).toBe(1);
    const rows = async (card: typeof xyz) =>
      card.getByTestId('position').evaluateAll((found) =>
        found.map((row) => ({
          name: row.querySelector('td')?.firstChild?.textContent ?? '',
          liquidation:
            row.querySelector('[data-testid="position-liquidation-price"]')?.textContent ?? '',
        })),
      );
    // Each dex its own account, in its own collateral, with the venue's market names; the
    // liquidation prices are the venue's to the popup's digits.
    expect(await rows(xyz)).toEqual([
      { name: 'xyz:NVDA perp', liquidation: '84.0789' },
      { name: 'xyz:GOLD perp', liquidation: '6,048.78' },
    ]);
    expect(await rows(flx)).toEqual([{ name: 'flx:TSLA/USDH perp', liquidation: '476.1905' }]);
    // The dexes' crossMaintenanceMarginUsed: 1487.5 USDC and 190 USDH.
    expect(await xyz.getByTestId('maintenance-margin').textContent()).toBe('1,487.50 USDC');
    expect(await flx.getByTestId('maintenance-margin').textContent()).toBe('190.000000 USDH');
    // What the trader sees, for a look: one card per dex (screenshots/, as the other e2e views).
    await popup.setViewportSize({ width: 440, height: 900 });
    await popup.screenshot({ path: 'screenshots/popup-hip3.png', fullPage: true });
    await popup.close();
  });
});
