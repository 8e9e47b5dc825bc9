import { describe, expect, it } from 'vitest';
import { calculateRiskReport } from '../measure/calculate-risk-report';
import { DEMO_PORTFOLIO } from '../portfolio/demo-portfolio';
import { parsePortfolio } from '../portfolio/parse-portfolio';
import { DEFAULT_MARKET } from './default-market';
import type { MarketSnapshot } from './market-snapshot';
import { STALE_SNAPSHOT_DAYS, withSnapshotAgeNotes } from './snapshot-age-notes';

// The embedded snapshot is dated 2025-02-11; 2026-12-08 is 665 days later.
const snapshot: MarketSnapshot = {
  assets: ['BTC', 'ETH', 'SOL'],
  annualVols: {
    BTC: { value: 0.39, origin: 'embedded-default' },
    ETH: {
      value: 0.62,
      origin: 'embedded-default',
      source:
        'embedded default (live market data unavailable: Binance USDⓈ-M futures could not be reached.)',
    },
    SOL: { value: 0.8, origin: 'file' },
  },
  correlationMatrix: new Float64Array(9),
  correlations: {
    'BTC/ETH': { value: 0.69, origin: 'embedded-default' },
    'BTC/SOL': { value: 0.6, origin: 'file' },
  },
  defaultsAsOf: '2025-02-11',
};

describe('withSnapshotAgeNotes', () => {
  it('says how old the embedded snapshot is on every figure taken from it, after any reason', () => {
    const noted = withSnapshotAgeNotes(snapshot, '2026-12-08T09:30:00Z');
    expect(noted.annualVols).toEqual({
      BTC: {
        value: 0.39,
        origin: 'embedded-default',
        source: 'volatility from the embedded snapshot of 2025-02-11, 665 days old',
      },
      ETH: {
        value: 0.62,
        origin: 'embedded-default',
        source:
          'embedded default (live market data unavailable: Binance USDⓈ-M futures could not be reached.); volatility from the embedded snapshot of 2025-02-11, 665 days old',
      },
      SOL: { value: 0.8, origin: 'file' },
    });
    expect(noted.correlations).toEqual({
      'BTC/ETH': {
        value: 0.69,
        origin: 'embedded-default',
        source: 'correlation from the embedded snapshot of 2025-02-11, 665 days old',
      },
      'BTC/SOL': { value: 0.6, origin: 'file' },
    });
    expect(noted.correlationMatrix).toBe(snapshot.correlationMatrix);
  });

  it('says nothing up to 30 days, and from the first day beyond', () => {
    expect(STALE_SNAPSHOT_DAYS).toBe(30);
    expect(withSnapshotAgeNotes(snapshot, '2025-03-13T23:59:59.999Z')).toBe(snapshot);
    expect(withSnapshotAgeNotes(snapshot, '2025-03-14T00:00:00Z').annualVols.BTC?.source).toBe(
      'volatility from the embedded snapshot of 2025-02-11, 31 days old',
    );
  });

  it('says nothing for a time before the snapshot or one it cannot read', () => {
    expect(withSnapshotAgeNotes(snapshot, '2024-01-01T00:00:00Z')).toBe(snapshot);
    expect(withSnapshotAgeNotes(snapshot, 'not a time')).toBe(snapshot);
  });

  it('does not change the snapshot it is given', () => {
    const frozen = Object.freeze({
      ...snapshot,
      annualVols: Object.freeze({ ...snapshot.annualVols }),
      correlations: Object.freeze({ ...snapshot.correlations }),
    });
    withSnapshotAgeNotes(frozen, '2026-12-08T00:00:00Z');
    expect(frozen.annualVols.BTC).toEqual({ value: 0.39, origin: 'embedded-default' });
  });

  it('reaches the report: a portfolio of 2026-12-08 computed on the embedded snapshot says so', () => {
    const report = calculateRiskReport(
      parsePortfolio({ ...DEMO_PORTFOLIO, asOf: '2026-12-08T00:00:00Z' }),
    );
    expect(report.inputs.defaultsAsOf).toBe(DEFAULT_MARKET.asOf);
    expect(report.inputs.annualVols.BTC).toEqual({
      value: DEFAULT_MARKET.annualVols.BTC,
      origin: 'embedded-default',
      source: `volatility from the embedded snapshot of ${DEFAULT_MARKET.asOf}, 665 days old`,
    });
    expect(report.inputs.correlations['BTC/ETH']?.source).toBe(
      `correlation from the embedded snapshot of ${DEFAULT_MARKET.asOf}, 665 days old`,
    );
    // The demo's own date: nothing to say.
    expect(calculateRiskReport(parsePortfolio(DEMO_PORTFOLIO)).inputs.annualVols.BTC).toEqual({
      value: DEFAULT_MARKET.annualVols.BTC,
      origin: 'embedded-default',
    });
  });
});
