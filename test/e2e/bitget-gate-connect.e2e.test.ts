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
import { bitgetFakeApi } from '../fake-exchange/api/bitget-api';
import type { FakeProfile } from '../fake-exchange/api/fake-api';
import { gateFakeApi } from '../fake-exchange/api/gate-api';
import type { FakeExchange } from '../fake-exchange/server';
import { demoMarkPrices } from './demo-markets';

// The two venues added last, connected as a trader does it in a real Chromium with the built
// extension: the options page asks for the venue's host (api.bitget.com, api.gateio.ws, mapped
// to the local fake venue serving their documented answers), the service worker's ccxt reads
// the account with the key's permissions checked first, and the popup shows each account with
// its venue's rule. The figures come from the fixtures' derivations
// (fixtures/bitget/bitget-accounts.ts, fixtures/gate/gate-accounts.ts): Bitget MM 1,648 (its
// worked example) + 182, liquidations 92,886.83 (cross BTC) and 3,609.79 (isolated ETH); Gate
// MM 113.52527 + 30.505 = 144.03027, liquidations 58,998.83 and 3,391.35.
//
// No live market data: each account is figured at the prices its venue sent.

const TRADE_KEY = 'e2eTradeKey0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLM';
const profiles: Record<string, FakeProfile> = {
  [E2E_READ_ONLY_KEY]: 'readOnly',
  [TRADE_KEY]: 'tradeEnabled',
};
const BITGET_KEY_PASSPHRASE = 'e2eBitgetPassphrase1';
const SLOW = { timeout: 10_000 };

let exchange: FakeExchange;
let browser: LaunchedExtension;
let session: ExtensionSession | undefined;

beforeAll(async () => {
  session = await startExtensionSession(
    {
      markPrices: demoMarkPrices(),
      api: { venues: [bitgetFakeApi, gateFakeApi], state: { profiles } },
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
  if ((await page.getByTestId('vault').getAttribute('data-vault')) !== 'unlocked') {
    await page.getByTestId('passphrase').fill(E2E_PASSPHRASE);
    await page.getByTestId('vault-submit').click();
    await expect
      .poll(() => page.getByTestId('vault').getAttribute('data-vault'), SLOW)
      .toBe('unlocked');
  }
  return page;
}

async function fillKey(page: Page, venue: string, label: string, apiKey: string) {
  await page.getByTestId('venue').selectOption(venue);
  await page.getByTestId('field-label').fill(label);
  await page.getByTestId('field-apiKey').fill(apiKey);
  await page.getByTestId('field-secret').fill(E2E_SECRET);
}

/** Each position row of an account card: its name and liquidation price as the popup shows them. */
async function positionRows(popup: Page, accountPrefix: string) {
  const card = popup.locator(`[data-account^="${accountPrefix}"]`);
  await expect.poll(() => card.count(), SLOW).toBe(1);
  return {
    card,
    rows: await card.getByTestId('position').evaluateAll((found) =>
      found.map((row) => ({
        name: row.querySelector('td')?.firstChild?.textContent ?? '',
        liquidation:
          row.querySelector('[data-testid="position-liquidation-price"]')?.textContent ?? '',
      })),
    ),
  };
}

describe('connecting Bitget and Gate with read-only keys', () => {
  it('refuses a Gate key that can trade, naming what it can do', async () => {
    const page = await openOptions();
    await fillKey(page, 'gate', 'Trade', TRADE_KEY);
    await page.getByTestId('connect-venue').click();
    const problem = page.getByTestId('connect-problem');
    await problem.waitFor(SLOW);
    expect(await problem.getAttribute('data-problem')).toBe('tradeCapableKey');
    expect(await page.getByTestId('connection').count()).toBe(0);
    expect(exchange.requests).toContain('GET api.gateio.ws /api/v4/account/main_keys');
    // What the trader reads: the refusal, and Gate's key advice under the fields.
    await page.setViewportSize({ width: 800, height: 900 });
    await page
      .getByTestId('connect')
      .screenshot({ path: 'screenshots/options-gate-trade-key.png' });
    await page.close();
  });

  it('connects a Bitget key with its passphrase and a Gate key, and shows both accounts', async () => {
    const page = await openOptions();
    await fillKey(page, 'bitget', 'Main', E2E_READ_ONLY_KEY);
    await page.getByTestId('field-password').fill(BITGET_KEY_PASSPHRASE);
    await page.getByTestId('connect-venue').click();
    await expect.poll(() => page.getByTestId('connection').count(), SLOW).toBe(1);
    await fillKey(page, 'gate', 'Main', E2E_READ_ONLY_KEY);
    await page.getByTestId('connect-venue').click();
    await expect.poll(() => page.getByTestId('connection').count(), SLOW).toBe(2);
    const freshness = await page
      .getByTestId('connection')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-freshness')));
    expect(freshness).toEqual(['fresh', 'fresh']);
    // The permission reads came before any account read, on each venue's own host.
    const first = (prefix: string) =>
      exchange.requests.findIndex((line) => line.startsWith(prefix));
    expect(first('GET api.bitget.com /api/v2/spot/account/info')).toBeGreaterThanOrEqual(0);
    expect(first('GET api.bitget.com /api/v2/spot/account/info')).toBeLessThan(
      first('GET api.bitget.com /api/v2/mix/position/all-position'),
    );
    await page.close();

    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const bitget = await positionRows(popup, 'bitget-');
    expect(bitget.rows).toEqual([
      { name: 'BTC perp', liquidation: '92,886.83' },
      { name: 'ETH perp', liquidation: '3,609.79' },
    ]);
    // 1,648 (Bitget's worked example: 3 BTC at 110,000 with its 0.06% fee) + 182.
    expect(await bitget.card.getByTestId('maintenance-margin').textContent()).toBe('1,830.00 USDT');
    const gate = await positionRows(popup, 'gate-');
    expect(gate.rows).toEqual([
      { name: 'BTC perp', liquidation: '58,998.83' },
      { name: 'ETH perp', liquidation: '3,391.35' },
    ]);
    expect(await gate.card.getByTestId('maintenance-margin').textContent()).toBe('144.03 USDT');
    await popup.setViewportSize({ width: 440, height: 900 });
    await popup.screenshot({ path: 'screenshots/popup-bitget-gate.png', fullPage: true });
    await popup.close();
  });
});
