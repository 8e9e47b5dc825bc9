import { vi } from 'vitest';
import type { RunningFakeApi } from '../fake-exchange/api/fake-api';
import { pointExchangeAt } from '../fake-exchange/api/point-exchange-at';
import { RESIDUAL_HISTORY } from '../../lib/engine';
import type { AlertNotifier } from '../../lib/background/alert-service';

/**
 * One service worker as the extension's background entrypoint wires it (services, ccxt
 * instances cached with their markets and rate limiters carried over in session storage), with
 * ccxt talking to the local fake venue APIs. Each call is a new worker: modules are reset and
 * imported afresh, so nothing in module memory survives from the last one (stoppable-storage.ts
 * stops them).
 */
export async function fakeApiWorker(options: {
  readonly api: RunningFakeApi;
  readonly now: () => number;
  readonly notifier: AlertNotifier;
}) {
  vi.resetModules();
  const { createBackgroundServices } = await import('../../lib/background/background-services');
  const { handleAccountRequest } = await import('../../lib/background/account-requests');
  const { cachedExchanges } = await import('../../lib/background/exchange-cache');
  const { sessionExchangeState } = await import('../../lib/storage/exchange-state-items');
  const { createExchange } = await import('../../lib/venues/api/create-exchange');
  const { VENUE_ADAPTERS } = await import('../../lib/venues/api/venue-adapters');
  const exchanges = cachedExchanges(
    (venue, credentials) =>
      pointExchangeAt(createExchange(venue, credentials), options.api.baseUrl),
    options.now,
    undefined,
    sessionExchangeState,
  );
  const services = createBackgroundServices({
    adapters: VENUE_ADAPTERS,
    openExchange: (venue, credentials) => exchanges.open(venue, credentials),
    forgetExchange: (venue, credentials) => exchanges.forget(venue, credentials),
    onVaultLocked: () => exchanges.clear(),
    openPublic: (venue) => exchanges.open(venue, undefined),
    hasHostAccess: async (origins) => origins.length > 0,
    onRefreshMinutesChanged: async () => {},
    now: options.now,
    loadResidualHistory: async () => RESIDUAL_HISTORY,
    version: '0.1.0',
    alertNotifier: options.notifier,
  });
  return {
    services,
    request: <T extends Parameters<typeof handleAccountRequest>[0]>(request: T) =>
      handleAccountRequest(request, services.accounts),
  };
}

export type FakeApiWorker = Awaited<ReturnType<typeof fakeApiWorker>>;
