/**
 * `npm start`: builds the extension and opens Chromium with it loaded on the local demo exchange
 * (https://www.binance.com/en/futures/BTCUSDT served from 127.0.0.1, embedded demo portfolio, no
 * account, no network). With a display the browser stays open; without one it runs headless,
 * saves screenshots of the overlay and the popup to screenshots/ and says so. Prints the demo
 * risk summary either way. CHROME_PATH overrides the browser search; --headless forces headless.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { formatRiskTable } from '../lib/cli/format-risk-table';
import { calculateRiskReport, DEMO_PORTFOLIO, parsePortfolio } from '../lib/engine';
import { demoMarkPrices } from '../test/e2e/demo-markets';
import { startFakeExchange } from '../test/fake-exchange/server';
import { findChromium, INSTALL_HINT } from './support/find-chromium';
import { BUILT_EXTENSION, launchExtension } from './support/launch-extension';
import { overlayText, readOverlay } from './support/overlay-reader';
import { grantHostAccess } from './support/grant-host-access';
import { ALL_VENUE_API_HOSTS } from '../lib/venues/api/venue-hosts';
import { binanceApi } from '../test/fake-exchange/api/binance-api';
import { HYPERLIQUID_ADDRESS_WITH_POSITIONS } from '../test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-clearinghouse';
import { hyperliquidApi } from '../test/fake-exchange/api/hyperliquid-api';
import { MARKET_DATA_API } from '../test/fake-exchange/api/market-data-api';

const DEMO_READ_ONLY_KEY = 'demo-read-only-key';
const DEMO_TRADE_KEY = 'demo-trade-key';

const root = path.resolve(import.meta.dirname, '..');
const DEMO_URL = 'https://www.binance.com/en/futures/BTCUSDT';

const report = calculateRiskReport(parsePortfolio(DEMO_PORTFOLIO));
console.log(
  `Demo portfolio risk summary (embedded demo data, computed by the engine):\n\n${formatRiskTable(report)}\n`,
);

const browser = findChromium();
if (!browser.found) {
  console.error(
    `No Chromium found, so the extension cannot be shown. Tried: ${browser.tried.join(', ')}\n${INSTALL_HINT}`,
  );
  process.exit(1);
}

console.log('Building the extension…');
if (
  spawnSync(path.join(root, 'node_modules', '.bin', 'wxt'), ['build'], {
    cwd: root,
    stdio: 'inherit',
  }).status !== 0
) {
  console.error('wxt build failed.');
  process.exit(1);
}

const hasDisplay =
  process.platform === 'darwin' ||
  process.platform === 'win32' ||
  Boolean(process.env.DISPLAY ?? process.env.WAYLAND_DISPLAY);
const headless = process.argv.includes('--headless') || !hasDisplay;

// The demo exchange also answers the venues' APIs (their documented payloads), so connecting an
// account can be tried on the options page with the demo key below.
const exchange = await startFakeExchange({
  markPrices: demoMarkPrices(),
  api: {
    venues: [MARKET_DATA_API, binanceApi, hyperliquidApi],
    state: {
      profiles: {
        [DEMO_READ_ONLY_KEY]: 'readOnly',
        [DEMO_TRADE_KEY]: 'tradeEnabled',
        [HYPERLIQUID_ADDRESS_WITH_POSITIONS]: 'readOnly',
      },
    },
  },
});
const launched = await launchExtension({
  executablePath: browser.path,
  extensionPath: BUILT_EXTENSION,
  headless,
  fakeExchangePort: exchange.port,
  hosts: exchange.hosts,
});
const shutdown = async () => {
  await launched.close().catch(() => undefined);
  await exchange.close();
};

// Stands in for the trader allowing the venues' hosts when the browser asks.
await grantHostAccess(launched.context, launched.extensionId, ALL_VENUE_API_HOSTS);
const page = await launched.context.newPage();
await page.goto(DEMO_URL);
for (let attempt = 0; overlayText(await readOverlay(page), 'computed-at') === null; attempt++) {
  if (attempt > 60) throw new Error('the overlay did not appear on the demo page within 30 s');
  await page.waitForTimeout(500);
}
const popup = await launched.context.newPage();
await popup.setViewportSize({ width: 440, height: 600 });
await popup.goto(`chrome-extension://${launched.extensionId}/popup.html`);
await popup.getByTestId('portfolio-es').waitFor({ timeout: 30_000 });
// The background's own figures (the first paint is the stored state's), then the P&L picture,
// drawn once uPlot has loaded on demand.
await popup.waitForFunction(
  () => performance.getEntriesByName('margin-lens:live-figures').length > 0,
  undefined,
  { timeout: 30_000 },
);
await popup.locator('[data-testid="pnl-chart"] canvas').first().waitFor({ timeout: 30_000 });

if (headless) {
  const folder = path.join(root, 'screenshots');
  mkdirSync(folder, { recursive: true });
  await page.bringToFront();
  await page.screenshot({ path: path.join(folder, 'overlay.png') });
  await popup.screenshot({ path: path.join(folder, 'popup.png'), fullPage: true });
  // The settings page, with the demo key connected as a trader would do it.
  const options = await launched.context.newPage();
  await options.setViewportSize({ width: 760, height: 1100 });
  await options.goto(`chrome-extension://${launched.extensionId}/options.html`);
  await options.getByTestId('passphrase').fill('demo passphrase');
  await options.getByTestId('vault-submit').click();
  await options.getByTestId('lock-vault').waitFor({ timeout: 30_000 });
  await options.getByTestId('field-label').fill('Demo');
  await options.getByTestId('field-apiKey').fill(DEMO_READ_ONLY_KEY);
  await options.getByTestId('field-secret').fill('demo-secret');
  await options.getByTestId('connect-venue').click();
  await options.getByTestId('connection').waitFor({ timeout: 30_000 });
  await options.screenshot({ path: path.join(folder, 'options.png'), fullPage: true });
  const shown = await popup.getByTestId('portfolio-es').textContent();
  console.log(
    [
      `No display found, so Chromium ran headless with Margin Lens loaded (${browser.path}).`,
      `The popup showed portfolio ES ${shown ?? '?'}; the overlay ran on ${DEMO_URL} (served locally).`,
      `The settings page connected the demo exchange's Binance USDⓈ-M account with key ${DEMO_READ_ONLY_KEY}.`,
      'Screenshots: screenshots/overlay.png, screenshots/popup.png, screenshots/options.png',
    ].join('\n'),
  );
  await shutdown();
} else {
  const options = await launched.context.newPage();
  await options.goto(`chrome-extension://${launched.extensionId}/options.html`);
  await page.bringToFront();
  console.log(
    [
      `Chromium is open with Margin Lens on the local demo exchange (${DEMO_URL}), its popup and its settings in tabs.`,
      'To try connecting an account (served by the local demo exchange): in the settings tab create a vault,',
      `choose Binance USDⓈ-M futures, API key ${DEMO_READ_ONLY_KEY} with any secret (or ${DEMO_TRADE_KEY} to see a`,
      `trade-capable key refused), or Hyperliquid with address ${HYPERLIQUID_ADDRESS_WITH_POSITIONS}.`,
      'Close the browser or press Ctrl-C to stop.',
    ].join('\n'),
  );
  process.on('SIGINT', () => void shutdown().then(() => process.exit(0)));
  launched.context.on('close', () => void exchange.close().then(() => process.exit(0)));
}
