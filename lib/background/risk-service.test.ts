import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEMO_PORTFOLIO } from '../engine';
import { portfolioItem } from '../storage/portfolio-item';
import { handleMessage } from './handle-message';
import { VENUE_ADAPTERS } from '../venues/api/venue-adapters';
import { createBackgroundServices } from './background-services';

// No venue is connected in these tests: the portfolio is the stored (demo or imported) file.
function background() {
  return createBackgroundServices({
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
  });
}
const storedRisk = () => background().risk;

const extension = {
  id: 'test-extension',
  origin: 'chrome-extension://test-extension',
  contentOrigins: ['https://www.binance.com'],
};
const popup = { id: 'test-extension', origin: extension.origin };
const page = { id: 'test-extension', origin: 'https://www.binance.com', tab: { id: 7 } };

beforeEach(() => fakeBrowser.reset());

describe('risk service over the stored portfolio', () => {
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

  it('answers a symbol with every account that holds it', async () => {
    const service = storedRisk();
    const view = await service.symbolRisk('binanceusdm', 'BTC/USDT:USDT');
    expect(view.accounts.map((account) => [account.accountId, account.side])).toEqual([
      ['binance-main', 'long'],
      ['binance-hedge', 'short'],
    ]);
    expect(view.accounts[1]?.liquidationProbability).toBeGreaterThan(0);
    expect((await service.symbolRisk('binanceusdm', 'SOL/USDT:USDT')).accounts).toEqual([]);
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

  it('refuses malformed messages and reports failures as errors, never throwing', async () => {
    expect(await handleMessage('hello', page, extension, service, background().accounts)).toEqual({
      ok: false,
      error: 'refused: message must be an object with a "type"',
    });
    const failing = {
      portfolioRisk: () => Promise.reject(new Error('boom')),
      symbolRisk: () => Promise.reject(new Error('boom')),
    };
    expect(
      await handleMessage(
        { type: 'getSymbolRisk', venue: 'binanceusdm', symbol: 'BTC/USDT:USDT' },
        page,
        extension,
        failing,
        background().accounts,
      ),
    ).toEqual({ ok: false, error: 'boom' });
  });
});
