import { describe, expect, it } from 'vitest';
import { black76Price, OptionType } from '../pricer/black76';
import { createRng } from '../math/rng';
import { expectedShortfall } from './expected-shortfall';
import type { Exposure } from './exposure';
import { monteCarloLogReturns } from './monte-carlo-log-returns';
import { GRID_MIN_SCENARIOS, scenarioPnlMatrix } from './scenario-pnl-matrix';

const put: Exposure = {
  kind: 'option',
  assetIndex: 0,
  quantity: 2,
  type: OptionType.put,
  strike: 90_000,
  forward: 100_000,
  timeToExpiry: 30 / 365,
  lognormalVol: 0.6,
};
const putInput = {
  type: OptionType.put,
  forward: 100_000,
  strike: 90_000,
  timeToExpiry: 30 / 365,
  lognormalVol: 0.6,
};
const perp: Exposure = {
  kind: 'delta-one',
  assetIndex: 0,
  quantity: 1,
  price: 100_000,
  usdPerSettle: 1,
};

describe('scenarioPnlMatrix', () => {
  it('revalues options in full at the shocked forward, the shocked vol and one horizon later', () => {
    const scenarios = {
      assetCount: 1,
      count: 2,
      logReturns: Float64Array.from([-0.2, 0.1]),
      volFactors: Float64Array.from([1.5, 1]),
    };
    const pnl = scenarioPnlMatrix(scenarios, [put, perp], 1 / 365);
    const now = black76Price({
      type: 'put',
      forward: 100_000,
      strike: 90_000,
      timeToExpiry: 30 / 365,
      lognormalVol: 0.6,
    });
    const crashed = black76Price({
      type: 'put',
      forward: 100_000 * Math.exp(-0.2),
      strike: 90_000,
      timeToExpiry: 29 / 365,
      lognormalVol: 0.9,
    });
    expect(pnl[0]).toBeCloseTo(2 * (crashed - now), 8);
    expect(pnl[1]).toBeCloseTo(100_000 * Math.expm1(-0.2), 8);
    expect(pnl[3]).toBeCloseTo(100_000 * Math.expm1(0.1), 8);
  });

  it('shows a protective put cutting the ES of a long (full revaluation, not delta)', () => {
    const returns = monteCarloLogReturns(
      {
        assets: ['BTC'],
        annualVols: [0.6],
        correlationMatrix: Float64Array.from([1]),
        horizonHours: 24 * 7,
        scenarios: 20_000,
        distribution: { type: 'normal' },
      },
      createRng(4),
    );
    const scenarios = { assetCount: 1, count: 20_000, logReturns: returns };
    const alone = expectedShortfall(
      scenarioPnlMatrix(scenarios, [perp], 7 / 365),
      1,
      0.99,
    ).expectedShortfall;
    const hedged = expectedShortfall(
      scenarioPnlMatrix(scenarios, [perp, { ...put, quantity: 1, strike: 95_000 }], 7 / 365),
      2,
      0.99,
    ).expectedShortfall;
    expect(hedged).toBeLessThan(0.6 * alone);
  });
});

describe('option grid revaluation (large scenario sets)', () => {
  it('stays within 1e-9 of the forward per option of full Black-76 repricing, from 1 day to 1 year and deep in/out of the money', () => {
    const count = 5_000;
    const returns = monteCarloLogReturns(
      {
        assets: ['BTC'],
        annualVols: [0.9],
        correlationMatrix: Float64Array.from([1]),
        horizonHours: 24,
        scenarios: count,
        distribution: { type: 'student-t', nu: 3 },
      },
      createRng(8),
    );
    const options: Exposure[] = [1 / 365, 7 / 365, 90 / 365, 1].flatMap((timeToExpiry) =>
      [0.5, 0.9, 1, 1.1, 2].map((moneyness): Exposure => ({
        kind: 'option',
        assetIndex: 0,
        quantity: 1,
        type: moneyness < 1 ? 'put' : 'call',
        strike: 100_000 * moneyness,
        forward: 100_000,
        timeToExpiry: timeToExpiry + 1 / 365,
        lognormalVol: 0.8,
      })),
    );
    const grid = scenarioPnlMatrix({ assetCount: 1, count, logReturns: returns }, options, 1 / 365);
    // Vol factors of exactly 1 force full repricing of every scenario.
    const full = scenarioPnlMatrix(
      { assetCount: 1, count, logReturns: returns, volFactors: new Float64Array(count).fill(1) },
      options,
      1 / 365,
    );
    let worst = 0;
    for (let index = 0; index < grid.length; index++)
      worst = Math.max(worst, Math.abs((grid[index] ?? 0) - (full[index] ?? 0)));
    expect(worst).toBeLessThan(1e-9 * 100_000);
  });
});

describe('option revaluation in full where the grid would not be exact enough', () => {
  const count = GRID_MIN_SCENARIOS * 2;
  const returns = monteCarloLogReturns(
    {
      assets: ['BTC'],
      annualVols: [0.6],
      correlationMatrix: Float64Array.from([1]),
      horizonHours: 24,
      scenarios: count,
      distribution: { type: 'student-t', nu: 4 },
    },
    createRng(5),
  );
  const set = { assetCount: 1, count, logReturns: returns };
  const inFull = { ...set, volFactors: new Float64Array(count).fill(1) };

  it('revalues in full, to the bit, an option expiring within the horizon or too close to expiry for the node spacing', () => {
    const expiring: Exposure = { ...put, timeToExpiry: 0.5 / 365 };
    const hourLeft: Exposure = { ...put, timeToExpiry: 1 / 365 + 1 / 8760 };
    const grid = scenarioPnlMatrix(set, [expiring, hourLeft, perp], 1 / 365);
    const full = scenarioPnlMatrix(inFull, [expiring, hourLeft, perp], 1 / 365);
    expect(Array.from(grid)).toEqual(Array.from(full));
  });

  it('revalues in full, to the bit, a scenario beyond the grid (mean ± 8 sample sd)', () => {
    const extreme = Float64Array.from(returns);
    extreme[0] = -3; // a 95% fall: far beyond 8 sd of a 24-hour move at 60% vol
    const grid = scenarioPnlMatrix({ ...set, logReturns: extreme }, [put], 1 / 365);
    const full = scenarioPnlMatrix({ ...inFull, logReturns: extreme }, [put], 1 / 365);
    expect(grid[0]).toBe(full[0]);
    expect(grid[0]).toBe(
      2 *
        (black76Price({
          ...putInput,
          forward: 100_000 * Math.exp(-3),
          timeToExpiry: 30 / 365 - 1 / 365,
        }) -
          black76Price(putInput)),
    );
  });

  it('equals black76Price to the bit when repricing in full', () => {
    const small = { assetCount: 1, count: 3, logReturns: Float64Array.from([-0.3, 0, 0.25]) };
    const pnl = scenarioPnlMatrix(small, [put], 1 / 365);
    small.logReturns.forEach((r, s) =>
      expect(pnl[s]).toBe(
        2 *
          (black76Price({
            ...putInput,
            forward: 100_000 * Math.exp(r),
            timeToExpiry: 30 / 365 - 1 / 365,
          }) -
            black76Price(putInput)),
      ),
    );
  });
});
