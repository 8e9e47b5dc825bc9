import { ALL_VENUE_API_HOSTS } from '../../../lib/venues/api/venue-hosts';
import { findChromium } from '../../../scripts/support/find-chromium';
import { grantHostAccess } from '../../../scripts/support/grant-host-access';
import {
  BUILT_EXTENSION,
  launchExtension,
  type LaunchedExtension,
} from '../../../scripts/support/launch-extension';
import {
  startFakeExchange,
  type FakeExchange,
  type FakeExchangeOptions,
} from '../../fake-exchange/server';

/**
 * What every end-to-end test starts from: the local HTTPS fake exchange (venue pages and APIs at
 * their real host names) and a real Chromium with the built extension loaded, the venues' hosts
 * mapped to the fake exchange. `grantHosts`: the trader allows the venues' API hosts (the
 * browser prompt no driver can answer; see grant-host-access.ts).
 */
export interface ExtensionSession {
  readonly exchange: FakeExchange;
  readonly browser: LaunchedExtension;
  close(): Promise<void>;
}

export async function startExtensionSession(
  exchangeOptions: FakeExchangeOptions,
  options: { readonly grantHosts?: boolean } = {},
): Promise<ExtensionSession> {
  const search = findChromium();
  if (!search.found) throw new Error(`no Chromium found (tried ${search.tried.join(', ')})`);
  const exchange = await startFakeExchange(exchangeOptions);
  const browser = await launchExtension({
    executablePath: search.path,
    extensionPath: BUILT_EXTENSION,
    headless: true,
    fakeExchangePort: exchange.port,
    hosts: exchange.hosts,
  });
  if (options.grantHosts === true)
    await grantHostAccess(browser.context, browser.extensionId, ALL_VENUE_API_HOSTS);
  return {
    exchange,
    browser,
    async close() {
      await browser.close();
      await exchange.close();
    },
  };
}

/** The credentials the end-to-end tests connect with (fake venues only; never real keys). */
export const E2E_PASSPHRASE = 'e2e passphrase, long enough';
export const E2E_SECRET = 'e2eSecretValue0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL';
export const E2E_READ_ONLY_KEY = 'e2eReadOnlyKey0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ';
