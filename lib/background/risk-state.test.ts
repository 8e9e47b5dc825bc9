import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEMO_PORTFOLIO, RESIDUAL_HISTORY } from '../engine';
import Decimal from 'decimal.js';
import { portfolioItem } from '../storage/portfolio-item';
import { riskStateItem } from '../storage/risk-state-item';
import {
  HYPE_SHORT_ACCOUNT,
  HYPE_SHORT_LIQUIDATION_PRICE,
} from '../../test/portfolios/hyperliquid-hype-short';
import { createRiskState } from './risk-state';
import { handleMessage } from './handle-message';
import { VENUE_ADAPTERS } from '../venues/api/venue-adapters';
import { createBackgroundServices } from './background-services';

// No venue is connected in these tests: the portfolio is the stored (demo or imported) file.
const environment = {
  adapters: VENUE_ADAPTERS,
  openExchange: () => {
    throw new Error('no venue is connected in these tests');
  },
  openPublic: () => {
    throw new Error('no market data in these tests');
  },
  hasHostAccess: async () => false,
  onRefreshMinutesChanged: async () => {},
  now: () => Date.UTC(2026, 10, 24, 12),
  loadResidualHistory: async () => RESIDUAL_HISTORY,
  version: '0.1.0',
};
function background() {
  return createBackgroundServices(environment);
}
const storedRisk = () => background().risk;

const extension = {
  id: 'test-extension',
  origin: 'chrome-extension://test-extension',
  contentOrigins: ['https://www.binance.com', 'https://www.bybit.com'],
};
const popup = { id: 'test-extension', origin: extension.origin };
const page = { id: 'test-extension', origin: 'https://www.binance.com', tab: { id: 7 } };

beforeEach(() => fakeBrowser.reset());

describe('the risk state over the stored portfolio', () => {
  it('uses the embedded demo, labelled as such, when nothing is stored', async () => {
    const service = storedRisk();
    const view = await service.portfolioRisk();
    expect(view.source).toBe('demo');
    expect(view.report.accounts.map((account) => account.id)).toEqual([
      'binance-main',
      'binance-hedge',
    ]);
  });

  it('computes from what is stored, and recomputes when it changes', async () => {
    const service = storedRisk();
    const single = { ...DEMO_PORTFOLIO, accounts: [DEMO_PORTFOLIO.accounts[1]] };
    await portfolioItem.setValue({
      source: 'imported',
      savedAt: '2025-02-11T00:00:00Z',
      portfolio: single,
    });
    expect((await service.portfolioRisk()).report.accounts).toHaveLength(1);
    await portfolioItem.setValue({
      source: 'imported',
      savedAt: '2025-02-11T00:00:01Z',
      portfolio: DEMO_PORTFOLIO,
    });
    expect((await service.portfolioRisk()).report.accounts).toHaveLength(2);
    expect(await fakeBrowser.storage.local.get('portfolio$')).toEqual({ portfolio$: { v: 1 } });
  });

  it('reports a damaged stored portfolio instead of trusting it', async () => {
    await portfolioItem.setValue({
      source: 'imported',
      savedAt: '',
      portfolio: { version: 1, asOf: 'yesterday', accounts: 'none' },
    });
    const service = storedRisk();
    await expect(service.portfolioRisk()).rejects.toThrow(
      'The current portfolio cannot be used. The portfolio file has 2 problems',
    );
  });

  it('answers a page with every leg on its underlying and the accounts that hold them', async () => {
    const service = storedRisk();
    const view = await service.pageRisk({
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      underlying: 'BTC',
    });
    expect(view.legs.map((leg) => [leg.accountId, leg.side, leg.onThisPage])).toEqual(
      expect.arrayContaining([
        ['binance-main', 'long', true],
        ['binance-hedge', 'short', true],
      ]),
    );
    expect(view.accounts.map((account) => account.accountId).sort()).toEqual([
      'binance-hedge',
      'binance-main',
    ]);
    expect(
      view.accounts.every((account) => (account.liquidationProbability?.value ?? 0) >= 0),
    ).toBe(true);
    const sol = await service.pageRisk({
      venue: 'binanceusdm',
      symbol: 'SOL/USDT:USDT',
      underlying: 'SOL',
    });
    expect(sol.legs).toEqual([]);
    expect(sol.orderAccounts.map((account) => account.accountId)).toEqual([
      'binance-main',
      'binance-hedge',
    ]);
  });
});

describe('the risk state: computed once, persisted, served after a restart', () => {
  const hype = HYPE_SHORT_ACCOUNT;

  it('persists the state, and a restarted worker serves it without recomputing', async () => {
    await storedRisk().portfolioRisk();
    const stored = await riskStateItem.getValue();
    expect(stored?.outcome.ok).toBe(true);
    expect(stored?.computedAt).toBe('2026-11-24T12:00:00.000Z');
    // A new worker (new services, empty memory) an hour later: unchanged inputs serve the
    // stored state, computed at noon, instead of recomputing.
    const restarted = createBackgroundServices({
      ...environment,
      now: () => Date.UTC(2026, 10, 24, 13),
    });
    const view = await restarted.risk.portfolioRisk();
    expect(view.computedAt).toBe('2026-11-24T12:00:00.000Z');
    expect(view.report).toEqual(stored?.outcome.ok ? stored.outcome.report : null);
    // A changed input (an import) is computed anew, at the new time.
    await portfolioItem.setValue({
      source: 'imported',
      savedAt: '',
      portfolio: { ...DEMO_PORTFOLIO, accounts: [DEMO_PORTFOLIO.accounts[0]] },
    });
    expect((await restarted.risk.portfolioRisk()).computedAt).toBe('2026-11-24T13:00:00.000Z');
  });

  it('recomputes a stored state from another extension version', async () => {
    await storedRisk().portfolioRisk();
    const updated = createBackgroundServices({
      ...environment,
      version: '0.2.0',
      now: () => Date.UTC(2026, 10, 24, 13),
    });
    expect((await updated.risk.portfolioRisk()).computedAt).toBe('2026-11-24T13:00:00.000Z');
  });

  it('never lets a request that read older inputs commit after a newer one', async () => {
    let file: unknown = DEMO_PORTFOLIO;
    const stored: string[] = [];
    let releaseFirst: () => void = () => {};
    const firstRead = new Promise<void>((resolve) => (releaseFirst = resolve));
    let reads = 0;
    const state = createRiskState(
      async () => {
        const mine = file;
        reads += 1;
        if (reads === 1) await firstRead;
        return { origin: 'imported', file: mine, connections: [], accountConnections: {} };
      },
      {
        get: async () => null,
        set: async (value) => {
          stored.push(value.outcome.ok ? String(value.outcome.report.accounts.length) : 'error');
        },
      },
      () => Date.UTC(2026, 10, 24, 12),
      '0.1.0',
    );
    const older = state.portfolioRisk();
    await new Promise((resolve) => setTimeout(resolve, 0)); // the older request has read its inputs
    file = { ...DEMO_PORTFOLIO, accounts: [DEMO_PORTFOLIO.accounts[0]] };
    const newer = state.portfolioRisk();
    releaseFirst();
    expect((await older).report.accounts).toHaveLength(2);
    expect((await newer).report.accounts).toHaveLength(1);
    expect(stored).toEqual(['2', '1']);
    expect((await state.portfolioRisk()).report.accounts).toHaveLength(1);
    expect(stored).toEqual(['2', '1']);
  });

  it('refuses historical simulation by name when its history cannot be read, and reads again later', async () => {
    let attempts = 0;
    const services = createBackgroundServices({
      ...environment,
      loadResidualHistory: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('data/residual-history.json: HTTP 404');
        return RESIDUAL_HISTORY;
      },
    });
    await portfolioItem.setValue({
      source: 'imported',
      savedAt: '',
      portfolio: { ...DEMO_PORTFOLIO, model: { method: 'historical' } },
    });
    const first = await services.risk.portfolioRisk();
    expect(first.report.refusals.map((refusal) => refusal.kind)).toEqual([
      'missing-history',
      'missing-history',
    ]);
    expect(first.report.accounts).toHaveLength(2);
    // The next request reads it, and the same file is computed anew with it.
    expect((await services.risk.portfolioRisk()).report.refusals).toEqual([]);
    expect(attempts).toBe(2);
  });

  it('reads the packaged history once, only for a file that asks for historical simulation', async () => {
    let loads = 0;
    const services = createBackgroundServices({
      ...environment,
      loadResidualHistory: async () => {
        loads += 1;
        return RESIDUAL_HISTORY;
      },
    });
    await services.risk.portfolioRisk();
    expect(loads).toBe(0);
    await portfolioItem.setValue({
      source: 'imported',
      savedAt: '',
      portfolio: { ...DEMO_PORTFOLIO, model: { method: 'historical' } },
    });
    const view = await services.risk.portfolioRisk();
    expect(view.report.portfolio.method).toBe('historical');
    expect(view.report.refusals).toEqual([]);
    expect(view.report.portfolio.scenarios).toBe(RESIDUAL_HISTORY.residuals.length);
    await services.risk.pageRisk({
      venue: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      underlying: 'BTC',
    });
    expect(loads).toBe(1);
  });

  it('recomputes when an input changes, and the view says when it was computed', async () => {
    let now = Date.UTC(2026, 10, 24, 12);
    let file: unknown = DEMO_PORTFOLIO;
    const sets: string[] = [];
    const state = createRiskState(
      async () => ({ origin: 'imported', file, connections: [], accountConnections: {} }),
      {
        get: async () => null,
        set: async (value) => {
          sets.push(value.computedAt);
        },
      },
      () => now,
      '0.1.0',
    );
    await state.portfolioRisk();
    now += 60_000;
    await state.portfolioRisk();
    expect(sets).toHaveLength(1);
    file = { ...DEMO_PORTFOLIO, accounts: [DEMO_PORTFOLIO.accounts[0]] };
    const view = await state.portfolioRisk();
    expect(view.report.accounts).toHaveLength(1);
    expect(view.computedAt).toBe('2026-11-24T12:01:00.000Z');
    expect(sets).toHaveLength(2);
  });

  it('shows a lone account without a volatility with its venue figures and the refusal as data', async () => {
    await portfolioItem.setValue({
      source: 'imported',
      savedAt: '2025-02-11T00:00:00Z',
      portfolio: { version: 1, asOf: '2025-02-11T00:00:00Z', accounts: [hype] },
    });
    const view = await storedRisk().portfolioRisk();
    const [account] = view.report.accounts;
    // Hyperliquid: MM rate 1/(2·5) = 0.1; short liquidated where 5000 − 100·(P − 30) = 10·P.
    expect(account?.positions[0]?.liquidationPrice).toBeCloseTo(HYPE_SHORT_LIQUIDATION_PRICE, 9);
    expect(view.report.refusals).toEqual([
      expect.objectContaining({
        account: 'hl-hype',
        kind: 'missing-volatility',
        removes: 'scenario-measures',
      }),
    ]);
    const page = await storedRisk().pageRisk({
      venue: 'hyperliquid',
      symbol: 'HYPE/USDC:USDC',
      underlying: 'HYPE',
    });
    expect(page.legs[0]?.liquidationPrice).toBeCloseTo(HYPE_SHORT_LIQUIDATION_PRICE, 9);
    expect(page.legs[0]?.liquidationProbability).toBeNull();
    expect(page.accounts[0]?.liquidationProbability).toBeNull();
    expect(page.excludedAccounts).toBe(0);
  });

  it('lets a pre-trade check reuse the state until storage changes or 30 s pass', async () => {
    let now = Date.UTC(2026, 10, 24, 12);
    let loads = 0;
    let changeDuringRead = false;
    const state: ReturnType<typeof createRiskState> = createRiskState(
      async () => {
        loads += 1;
        if (changeDuringRead) state.inputsMayHaveChanged();
        return {
          origin: 'imported',
          file: DEMO_PORTFOLIO,
          connections: [],
          accountConnections: {},
        };
      },
      { get: async () => null, set: async () => undefined },
      () => now,
      '0.1.0',
    );
    const order = {
      accountId: 'binance-main',
      symbol: 'BTC/USDT:USDT',
      side: 'buy',
      type: 'market',
      contracts: new Decimal('0.1'),
      reduceOnly: false,
    } as const;
    await state.tradeImpact(order, { liquidationProbability: false });
    expect(loads).toBe(1);
    now += 29_999;
    await state.tradeImpact(order, { liquidationProbability: false });
    expect(loads).toBe(1);
    now += 2;
    await state.tradeImpact(order, { liquidationProbability: false });
    expect(loads).toBe(2);
    state.inputsMayHaveChanged();
    await state.tradeImpact(order, { liquidationProbability: false });
    expect(loads).toBe(3);
    // A change reported while the inputs are being read: that read is not trusted for reuse.
    now += 40_000;
    changeDuringRead = true;
    await state.tradeImpact(order, { liquidationProbability: false });
    changeDuringRead = false;
    await state.tradeImpact(order, { liquidationProbability: false });
    expect(loads).toBe(5);
  });

  it('answers the pre-trade check from the state, and again after a restart', async () => {
    const order = {
      accountId: 'binance-main',
      symbol: 'BTC/USDT:USDT',
      side: 'sell',
      type: 'market',
      contracts: new Decimal('0.4'),
      reduceOnly: true,
    } as const;
    const first = await storedRisk().tradeImpact(order, { liquidationProbability: false });
    const second = await storedRisk().tradeImpact(order, { liquidationProbability: false });
    expect('refused' in first).toBe(false);
    expect(second).toEqual(first);
    expect(!('refused' in first) && first.liquidationProbability).toBeNull();
    expect(!('refused' in first) && first.expectedShortfall?.change).toBeGreaterThan(0);
  });
});

describe('handleMessage', () => {
  const service = storedRisk();

  it('answers the popup with the portfolio report', async () => {
    const answer = await handleMessage(
      { type: 'getPortfolioRisk' },
      popup,
      extension,
      service,
      background().accounts,
    );
    expect(
      answer.ok && 'report' in answer.value && answer.value.report.portfolio.es,
    ).toBeGreaterThan(0);
  });

  it('refuses a page that asks for the whole portfolio', async () => {
    expect(
      await handleMessage(
        { type: 'getPortfolioRisk' },
        page,
        extension,
        service,
        background().accounts,
      ),
    ).toEqual({
      ok: false,
      error: 'refused: a content-script sender may not request getPortfolioRisk',
    });
  });

  it('answers a page only for the venues whose pages are at its origin', async () => {
    const ask = (venue: string, sender: typeof page) =>
      handleMessage(
        { type: 'getPageRisk', venue, symbol: 'BTC/USDT:USDT', underlying: 'BTC' },
        sender,
        extension,
        service,
        background().accounts,
      );
    expect((await ask('binanceusdm', page)).ok).toBe(true);
    // A forged request for another venue from binance.com reads nothing of that venue.
    expect(await ask('bybit', page)).toEqual({
      ok: false,
      error: 'refused: bybit is not the venue of this page',
    });
    const bybitPage = { ...page, origin: 'https://www.bybit.com' };
    expect(await ask('binanceusdm', bybitPage)).toEqual({
      ok: false,
      error: 'refused: binanceusdm is not the venue of this page',
    });
  });

  it('answers the pre-trade check of a page in the units its form shows', async () => {
    const answer = await handleMessage(
      {
        type: 'getTradeImpact',
        venue: 'binanceusdm',
        accountId: 'binance-main',
        symbol: 'BTC/USDT:USDT',
        side: 'sell',
        orderType: 'market',
        size: { value: 0.4, unit: 'base' },
        price: null,
        leverage: null,
        reduceOnly: true,
        contractSize: null,
        withProbability: true,
      },
      page,
      extension,
      service,
      background().accounts,
    );
    expect(answer.ok && 'ok' in answer.value && answer.value.ok).toBe(true);
    const impact = answer.ok && 'impact' in answer.value ? answer.value.impact : null;
    expect(impact?.filledContracts).toBe(0.4);
    expect(impact?.liquidationProbability?.after.value).toBeGreaterThanOrEqual(0);
  });

  it('refuses malformed messages and reports failures as errors, never throwing', async () => {
    expect(await handleMessage('hello', page, extension, service, background().accounts)).toEqual({
      ok: false,
      error: 'refused: message must be an object with a "type"',
    });
    const failing = {
      portfolioRisk: () => Promise.reject(new Error('boom')),
      pageRisk: () => Promise.reject(new Error('boom')),
      pageTradeImpact: () => Promise.reject(new Error('boom')),
    };
    expect(
      await handleMessage(
        { type: 'getPageRisk', venue: 'binanceusdm', symbol: 'BTC/USDT:USDT', underlying: 'BTC' },
        page,
        extension,
        failing,
        background().accounts,
      ),
    ).toEqual({ ok: false, error: 'boom' });
  });
});
