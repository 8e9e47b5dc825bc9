import { describe, expect, it } from 'vitest';
import { DEFAULT_MARKET } from './default-market';
import { filteredHistoricalScenarios } from './filtered-historical';
import { inMarginScan, stressGrid, worstStressLoss } from './stress-grid';

describe('stressGrid', () => {
  const grid = stressGrid(
    ['BTC', 'SOL'],
    [0.4, 0.8],
    24,
    DEFAULT_MARKET.stressDays,
    3,
    0.4 / Math.sqrt(365),
  );

  it('has 21 joint, 2 extreme, 2 per asset single-asset and one per dated day scenarios', () => {
    expect(grid.count).toBe(21 + 2 + 4 + DEFAULT_MARKET.stressDays.length);
    expect(grid.labels[0]).toBe('all assets −1 scan range, vol down');
  });

  it('states the joint block’s shape: price moves major, vol factors minor, first in the grid', () => {
    expect(grid.joint.scanFractions).toHaveLength(7);
    expect(grid.joint.volFactors).toEqual([0.75, 1, 1.5]);
    // Row f·3 + v: scan fraction f (−1 … +1), vol factor v.
    expect(grid.labels[3 * 3 + 2]).toBe('all assets 0 scan range, vol up');
    expect(grid.volFactors?.[3 * 3 + 2]).toBe(1.5);
    expect(grid.logReturns[6 * 3 * 2]).toBeCloseTo(grid.scanRanges[0] ?? 0, 15);
    expect(grid.scanRanges[1]).toBeCloseTo(3 * 0.8 * Math.sqrt(24 / 8760), 15);
  });

  it('scales moves by each asset’s vol: 3σ over the horizon at the edge of the joint grid', () => {
    expect(grid.logReturns[0]).toBeCloseTo(-3 * 0.4 * Math.sqrt(24 / 8760), 12);
    expect(grid.logReturns[1]).toBeCloseTo(-3 * 0.8 * Math.sqrt(24 / 8760), 12);
  });

  it('weights the extreme moves at 35% (SPAN) and proxies an asset missing on a historical day', () => {
    const extreme = grid.labels.findIndex((label) => label.includes('extreme'));
    expect(grid.weights[extreme]).toBe(0.35);
    expect(grid.labels.find((label) => label.startsWith('historical 2017-12-06'))).toContain(
      'SOL by BTC',
    );
  });

  it('reports the worst weighted loss and its scenario', () => {
    const pnl = Float64Array.from(
      { length: grid.count },
      (_, s) => (grid.logReturns[s * 2] ?? 0) * 1_000_000,
    );
    const worst = worstStressLoss(grid, pnl, 1);
    expect(worst.loss).toBeGreaterThan(0);
    // The margin scan leaves the dated days out: the worst of the rest, at most the stress test's.
    const scan = worstStressLoss(grid, pnl, 1, inMarginScan);
    expect(grid.kinds[scan.index]?.kind).not.toBe('historical');
    expect(scan.loss).toBeLessThanOrEqual(worst.loss);
    const withoutDays = Array.from({ length: grid.count }, (_, s) =>
      grid.kinds[s]?.kind === 'historical' ? 0 : -(pnl[s] ?? 0) * (grid.weights[s] ?? 1),
    );
    expect(scan.loss).toBe(Math.max(...withoutDays));
    expect(worst.scenario).not.toBe('');
  });
});

describe('filteredHistoricalScenarios', () => {
  it('rescales residuals to today’s vol over the horizon, and names an asset without history', () => {
    const history = { assets: ['BTC'], dates: ['d1', 'd2'], residuals: [[1], [-2]] };
    const set = filteredHistoricalScenarios(history, ['BTC'], [0.365], 24);
    expect(Array.from(set.logReturns)).toEqual([
      0.365 * Math.sqrt(24 / 8760),
      -2 * 0.365 * Math.sqrt(24 / 8760),
    ]);
    expect(() => filteredHistoricalScenarios(history, ['PEPE'], [1], 24)).toThrow(
      'no history for PEPE',
    );
  });
});
