import { describe, expect, it } from 'vitest';
import { DEFAULT_MARKET } from '../market/default-market';
import { stressGrid } from '../market/stress-grid';
import { createRng } from '../math/rng';
import { expectedShortfall } from './expected-shortfall';
import type { Exposure } from './exposure';
import { monteCarloLogReturns } from './monte-carlo-log-returns';
import { scenarioExpectedShortfall } from './scenario-expected-shortfall';
import { scenarioPnlMatrix, type ScenarioSet } from './scenario-pnl-matrix';

const book: Exposure[] = [
  { kind: 'delta-one', assetIndex: 0, quantity: 1.5, price: 95_000, usdPerSettle: 1 },
  { kind: 'delta-one', assetIndex: 1, quantity: -30, price: 2_600, usdPerSettle: 1 },
  { kind: 'delta-one', assetIndex: 0, quantity: -0.4, price: 95_000, usdPerSettle: 0.9998 },
  {
    kind: 'option',
    assetIndex: 0,
    quantity: -3,
    type: 'put',
    strike: 85_000,
    forward: 95_000,
    timeToExpiry: 20 / 365,
    lognormalVol: 0.55,
  },
  {
    kind: 'option',
    assetIndex: 1,
    quantity: 25,
    type: 'call',
    strike: 2_800,
    forward: 2_600,
    timeToExpiry: 45 / 365,
    lognormalVol: 0.7,
  },
];

function monteCarlo(count: number): ScenarioSet {
  return {
    assetCount: 2,
    count,
    logReturns: monteCarloLogReturns(
      {
        assets: ['BTC', 'ETH'],
        annualVols: [0.4, 0.63],
        correlationMatrix: Float64Array.from([1, 0.8, 0.8, 1]),
        horizonHours: 24,
        scenarios: count,
        distribution: { type: 'student-t', nu: 4 },
      },
      createRng(17),
    ),
  };
}

describe('scenarioExpectedShortfall', () => {
  it.each([
    ['Monte Carlo on the option grid', monteCarlo(20_000)],
    ['a small set revalued in full', monteCarlo(500)],
    [
      'the stress grid with vol factors',
      stressGrid(['BTC', 'ETH'], [0.4, 0.63], 24, DEFAULT_MARKET.stressDays, 3, 0.02),
    ],
  ])(
    'on %s: the tail, VaR, ES and contributions of expectedShortfall on the materialised matrix',
    (_, scenarios) => {
      const confidences = [0.975, 0.99, 0.6];
      const fused = scenarioExpectedShortfall(scenarios, book, 1 / 365, confidences);
      const matrix = scenarioPnlMatrix(scenarios, book, 1 / 365);
      confidences.forEach((confidence, index) => {
        const direct = expectedShortfall(matrix, book.length, confidence);
        const result = fused[index];
        expect(result?.confidence).toBe(confidence);
        expect(Array.from(result?.tailIndices ?? [])).toEqual(Array.from(direct.tailIndices));
        // The same cells; a scenario's loss sums them by asset rather than by column.
        const scale = Math.max(...Array.from(direct.losses, Math.abs));
        expect(Math.abs((result?.expectedShortfall ?? 0) - direct.expectedShortfall)).toBeLessThan(
          1e-12 * scale,
        );
        expect(Math.abs((result?.valueAtRisk ?? 0) - direct.valueAtRisk)).toBeLessThan(
          1e-12 * scale,
        );
        expect(Array.from(result?.contributions ?? [])).toEqual(Array.from(direct.contributions));
        const sum = Array.from(result?.contributions ?? []).reduce(
          (total, value) => total + value,
          0,
        );
        expect(Math.abs(sum - (result?.expectedShortfall ?? 0))).toBeLessThan(1e-12 * scale);
      });
    },
  );

  it('rejects an empty book or scenario set', () => {
    expect(() => scenarioExpectedShortfall(monteCarlo(10), [], 1 / 365, [0.99])).toThrow(
      'expectedShortfall requires at least one position',
    );
    expect(() =>
      scenarioExpectedShortfall(
        { assetCount: 2, count: 0, logReturns: new Float64Array(0) },
        book,
        1 / 365,
        [0.99],
      ),
    ).toThrow('expectedShortfall requires at least one scenario');
  });
});
