import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { calculateRiskReport, DEMO_PORTFOLIO, parsePortfolio } from '../engine';
import { marginHistoryItem, recordMarginHistory } from './margin-history-item';
import type { StoredRiskState } from './risk-state-item';

const report = calculateRiskReport(parsePortfolio(DEMO_PORTFOLIO));
const state = (computedAt: string): StoredRiskState => ({
  inputsId: 'x',
  computedAt,
  source: 'demo',
  outcome: { ok: true, report },
  accountConnections: {},
});

describe('marginHistoryItem', () => {
  beforeEach(() => fakeBrowser.reset());

  it('records each risk state’s margin ratios in versioned local storage', async () => {
    await recordMarginHistory(state('2026-11-24T12:00:30.000Z'));
    await recordMarginHistory(state('2026-11-24T12:07:00.000Z'));
    const stored = await fakeBrowser.storage.local.get(['marginHistory', 'marginHistory$']);
    expect(stored['marginHistory$']).toEqual({ v: 1 });
    const history = await marginHistoryItem.getValue();
    expect(history.samples.map((sample) => new Date(sample.at).toISOString())).toEqual([
      '2026-11-24T12:00:00.000Z',
      '2026-11-24T12:05:00.000Z',
    ]);
    expect(history.samples[1]?.accounts['binance-hedge']?.last).toBe(
      report.accounts[1]?.marginRatio,
    );
  });

  it('records nothing for a portfolio that could not be used', async () => {
    await recordMarginHistory({
      ...state('2026-11-24T12:00:00.000Z'),
      outcome: { ok: false, problem: 'no' },
    });
    expect(await marginHistoryItem.getValue()).toEqual({ samples: [] });
  });
});
