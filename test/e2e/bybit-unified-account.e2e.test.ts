import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaunchedExtension } from '../../scripts/support/launch-extension';
import {
  E2E_PASSPHRASE,
  E2E_READ_ONLY_KEY,
  E2E_SECRET,
  startExtensionSession,
  type ExtensionSession,
} from './support/extension-session';
import { createBybitFakeApi } from '../fake-exchange/api/bybit-api';
import { BYBIT_USDT_ON_USDC_AND_BTC_ACCOUNT } from '../fake-exchange/api/fixtures/bybit/bybit-unified-accounts';
import type { FakeExchange } from '../fake-exchange/server';
import { demoMarkPrices } from './demo-markets';

// A Bybit Unified Trading Account in cross margin whose USDT perpetuals (BTCUSDT long, DOGEUSDT
// short) are carried by USDC and BTC collateral, USDT itself below zero (the losses Bybit
// auto-borrows), connected with a read-only key in a real Chromium with the built extension:
// the service worker's ccxt reads https://api.bybit.com (mapped to the local fake venue, which
// serves Bybit's documented v5 answers), and the popup shows one account across the coins with
// the figures of Bybit's unified-account rule. The fixture
// (fixtures/bybit/bybit-unified-accounts.ts) derives Bybit's own, the estimated fees to close
// included: maintenance margin 838.52634425 USD, account MM rate 1.31%, BTCUSDT liquidation
// 49,462.10 and DOGEUSDT 0.94043.
//
// No live market data here: the account is figured at the prices the venue sent with it (its
// marks and USD indexes), so the popup's figures can be held against Bybit's.

const SLOW = { timeout: 10_000 };

let exchange: FakeExchange;
let browser: LaunchedExtension;
let session: ExtensionSession | undefined;

beforeAll(async () => {
  session = await startExtensionSession(
    {
      markPrices: demoMarkPrices(),
      api: {
        venues: [
          createBybitFakeApi({ accounts: { readOnly: BYBIT_USDT_ON_USDC_AND_BTC_ACCOUNT } }),
        ],
        state: { profiles: { [E2E_READ_ONLY_KEY]: 'readOnly' } },
      },
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

describe('a Bybit unified account with USDT and BTC collateral', () => {
  it('connects with a read-only key and shows one account across its coins in the popup', async () => {
    const page = await openOptions();
    await page.getByTestId('passphrase').fill(E2E_PASSPHRASE);
    await page.getByTestId('vault-submit').click();
    await expect
      .poll(() => page.getByTestId('vault').getAttribute('data-vault'), SLOW)
      .toBe('unlocked');
    await page.getByTestId('venue').selectOption('bybit');
    await page.getByTestId('field-label').fill('UTA');
    await page.getByTestId('field-apiKey').fill(E2E_READ_ONLY_KEY);
    await page.getByTestId('field-secret').fill(E2E_SECRET);
    await page.getByTestId('connect-venue').click();
    await expect.poll(() => page.getByTestId('connection').count(), SLOW).toBe(1);
    expect(await page.getByTestId('connection').getAttribute('data-freshness')).toBe('fresh');
    const read = (path: string) =>
      exchange.requests.some((line) => line.startsWith(`GET api.bybit.com ${path}`));
    expect(read('/v5/account/wallet-balance')).toBe(true);
    expect(read('/v5/spot-margin-trade/collateral')).toBe(true);
    await page.close();

    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const cards = popup.locator('[data-account^="bybit-"]');
    await expect.poll(() => cards.count(), SLOW).toBe(1);
    const card = cards.first();
    const rows = await card.getByTestId('position').evaluateAll((found) =>
      found.map((row) => ({
        name: row.querySelector('td')?.firstChild?.textContent ?? '',
        liquidation:
          row.querySelector('[data-testid="position-liquidation-price"]')?.textContent ?? '',
      })),
    );
    // One account: both USDT perpetuals, each liquidating where Bybit says within its tick (the
    // other coins at their marks): ours 49,462.13 and 0.940433 against the venue's "49462.10"
    // (tick 0.10) and "0.94043" (tick 0.00001), which round the exact prices to their ticks.
    expect(rows).toEqual([
      { name: 'BTC perp', liquidation: '49,462.13' },
      { name: 'DOGE perp', liquidation: '0.940433' },
    ]);
    // Bybit's totalMaintenanceMargin, 838.52634425 USD, in the account's settle currency.
    expect(await card.getByTestId('maintenance-margin').textContent()).toBe('838.53 USD');
    // 838.526 / 64,013.58 = 1.31%, Bybit's accountMMRate "0.0131".
    expect(await card.getByTestId('margin-ratio').textContent()).toBe('1.31%');
    await popup.setViewportSize({ width: 440, height: 900 });
    await popup.screenshot({ path: 'screenshots/popup-bybit-unified.png', fullPage: true });
    await popup.close();
  });
});
