import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackgroundServices } from '@/lib/background/background-services';
import { REQUEST_PORT_NAME } from '@/lib/messaging/request-port';
import { servePortRequests } from '@/lib/messaging/serve-request-port';
import { cachedExchanges } from '@/lib/background/exchange-cache';
import { RESIDUAL_HISTORY_FILE } from '@/lib/background/residual-history-file';
import { handleMessage } from '@/lib/background/handle-message';
import { matchPatternOrigin, originOf } from '@/lib/messaging/classify-sender';
import { DEMO_PORTFOLIO } from '@/lib/engine';
import { isExchangeStateKey, sessionExchangeState } from '@/lib/storage/exchange-state-items';
import { portfolioItem } from '@/lib/storage/portfolio-item';
import { refreshMinutesItem } from '@/lib/storage/refresh-settings-item';
import { createExchange } from '@/lib/venues/api/create-exchange';
import { VENUE_ADAPTERS } from '@/lib/venues/api/venue-adapters';
import { CONTENT_SCRIPT_MATCHES } from '@/lib/venues/content-script-matches';

const REFRESH_ALARM = 'refresh-accounts';
// The idle lock has its own alarm, so that a long refresh interval never keeps keys unlocked
// past the idle time the trader set (at most a minute late).
const IDLE_LOCK_ALARM = 'vault-idle-lock';

// Wiring only: storage, vault, ccxt and alarms → services → message handler. State lives in
// storage (accounts, statuses, encrypted keys) and session storage (the unlocked vault), so a
// restarted service worker answers exactly as before.
export default defineBackground(() => {
  // Content scripts run beside hostile pages and need no extension storage (they ask the worker):
  // the vault's ciphertext, accounts and settings are for the extension's own pages and worker
  // only. Chromium keeps this access level per extension; Firefox has no such setting for
  // storage.local (README, "Privacy"), so there the call is refused and storage stays as it was.
  void restrictStorageToTrustedContexts();
  const schedule = async (minutes: number) => {
    await browser.alarms.create(REFRESH_ALARM, {
      periodInMinutes: minutes,
      delayInMinutes: minutes,
    });
  };
  // Instances carry their venue's markets and rate-limiter level over from the previous worker
  // through session storage (stored-exchange-state.ts): the worker sleeps between alarms.
  const exchanges = cachedExchanges(
    createExchange,
    () => Date.now(),
    undefined,
    sessionExchangeState,
  );
  const services = createBackgroundServices({
    adapters: VENUE_ADAPTERS,
    openExchange: (venue, credentials) => exchanges.open(venue, credentials),
    forgetExchange: (venue, credentials) => exchanges.forget(venue, credentials),
    onVaultLocked: () => exchanges.clear(),
    openPublic: (venue) => exchanges.open(venue, undefined),
    hasHostAccess: (origins) => browser.permissions.contains({ origins: [...origins] }),
    releaseHostAccess: async (origins) => {
      await browser.permissions.remove({ origins: [...origins] });
    },
    onRefreshMinutesChanged: schedule,
    now: () => Date.now(),
    // Packaged beside the code (wxt.config.ts copies it), parsed only when a file asks for it.
    loadResidualHistory: async () => {
      const response = await fetch(browser.runtime.getURL(`/${RESIDUAL_HISTORY_FILE}`));
      if (!response.ok) throw new Error(`${RESIDUAL_HISTORY_FILE}: HTTP ${response.status}`);
      return response.json();
    },
    version: browser.runtime.getManifest().version,
  });
  const contentOrigins = CONTENT_SCRIPT_MATCHES.map(matchPatternOrigin).filter(
    (origin): origin is string => origin !== null,
  );
  const extension = {
    id: browser.runtime.id,
    origin: originOf(browser.runtime.getURL('/')) ?? '',
    contentOrigins,
  };

  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    if (reason === 'install' && (await portfolioItem.getValue()) === null) {
      await portfolioItem.setValue({
        source: 'demo',
        savedAt: new Date().toISOString(),
        portfolio: DEMO_PORTFOLIO,
      });
    }
  });

  // The alarm survives service-worker restarts; it is (re)made only when missing or changed.
  void (async () => {
    const minutes = await refreshMinutesItem.getValue();
    const existing = await browser.alarms.get(REFRESH_ALARM);
    if (existing?.periodInMinutes !== minutes) await schedule(minutes);
    if (!(await browser.alarms.get(IDLE_LOCK_ALARM)))
      await browser.alarms.create(IDLE_LOCK_ALARM, { periodInMinutes: 1 });
  })();
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM) void services.scheduledRefresh();
    if (alarm.name === IDLE_LOCK_ALARM) void services.lockIfIdle();
  });
  // A worker stopped between storing a key and listing its connection left a key that no page
  // can show or delete: it goes now, before any connect of this worker (connection-service.ts).
  void services
    .removeOrphanKeys()
    .catch((error: unknown) => console.error('Margin Lens could not tidy the key vault', error));
  // Alerts: a notification decided before a restart and not yet shown is shown now; a click
  // opens the venue's trading page for the instrument (or the popup, or the settings).
  void services.alerts.evaluate();
  browser.notifications.onClicked.addListener((id) => void services.alerts.clicked(id));

  // Every input of the risk state lives in storage: a change there ends the pre-trade check's
  // reuse (the ccxt instances' stored markets and rate limits are no input of it).
  browser.storage.onChanged.addListener((changes) => {
    if (Object.keys(changes).some((key) => !isExchangeStateKey(key)))
      services.risk.inputsMayHaveChanged();
  });
  browser.runtime.onMessage.addListener((message, sender) =>
    handleMessage(message, sender, extension, services.risk, services.accounts),
  );
  // The overlay's requests come over one port per page (lib/messaging/request-port.ts), answered
  // exactly as messages are, from the port's sender.
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== REQUEST_PORT_NAME || port.sender === undefined) return;
    const sender = port.sender;
    // An answer for a page that went away meanwhile is dropped (serve-request-port.ts).
    servePortRequests(port, (request) =>
      handleMessage(request, sender, extension, services.risk, services.accounts),
    );
  });
});

async function restrictStorageToTrustedContexts(): Promise<void> {
  const local = browser.storage.local as typeof browser.storage.local & {
    setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void>;
  };
  await local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
}
