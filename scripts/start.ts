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

const exchange = await startFakeExchange({ markPrices: demoMarkPrices() });
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

const page = await launched.context.newPage();
await page.goto(DEMO_URL);
for (let attempt = 0; overlayText(await readOverlay(page), 'portfolio-es') === null; attempt++) {
  if (attempt > 60) throw new Error('the overlay did not appear on the demo page within 30 s');
  await page.waitForTimeout(500);
}
const popup = await launched.context.newPage();
await popup.setViewportSize({ width: 380, height: 720 });
await popup.goto(`chrome-extension://${launched.extensionId}/popup.html`);
await popup.getByTestId('portfolio-es').waitFor({ timeout: 30_000 });

if (headless) {
  const folder = path.join(root, 'screenshots');
  mkdirSync(folder, { recursive: true });
  await page.bringToFront();
  await page.screenshot({ path: path.join(folder, 'overlay.png') });
  await popup.screenshot({ path: path.join(folder, 'popup.png'), fullPage: true });
  const shown = await popup.getByTestId('portfolio-es').textContent();
  console.log(
    [
      `No display found, so Chromium ran headless with Margin Lens loaded (${browser.path}).`,
      `The popup showed portfolio ES ${shown ?? '?'}; the overlay ran on ${DEMO_URL} (served locally).`,
      'Screenshots: screenshots/overlay.png, screenshots/popup.png',
    ].join('\n'),
  );
  await shutdown();
} else {
  await page.bringToFront();
  console.log(
    `Chromium is open with Margin Lens on the local demo exchange (${DEMO_URL}) and its popup in a tab. Close the browser or press Ctrl-C to stop.`,
  );
  process.on('SIGINT', () => void shutdown().then(() => process.exit(0)));
  launched.context.on('close', () => void exchange.close().then(() => process.exit(0)));
}
