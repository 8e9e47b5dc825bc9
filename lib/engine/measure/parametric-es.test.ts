import { describe, expect, it } from 'vitest';
import golden from '../../../test/golden/expected-shortfall-closed-form.json';
import { parametricExpectedShortfall } from './parametric-es';

describe('parametricExpectedShortfall (methodology §6.5 bivariate normal)', () => {
  it('reproduces ES 6,663.0356 and contributions (8,528.6855, −1,865.65)', () => {
    const vector = golden.bivariateNormal;
    const [a = 0, b = 0] = vector.dailyVols;
    const rho = vector.correlation;
    const result = parametricExpectedShortfall({
      covariance: Float64Array.from([a * a, rho * a * b, rho * a * b, b * b]),
      assetCount: 2,
      deltas: [
        { assetIndex: 0, deltaUsd: vector.weights[0] ?? 0 },
        { assetIndex: 1, deltaUsd: vector.weights[1] ?? 0 },
      ],
      confidence: vector.confidence,
    });
    expect(result.expectedShortfall).toBeCloseTo(vector.expectedShortfall, 3);
    expect(result.contributions[0]).toBeCloseTo(vector.contributions[0] ?? 0, 3);
    expect(result.contributions[1]).toBeCloseTo(vector.contributions[1] ?? 0, 2);
    expect(result.valueAtRisk).toBeCloseTo(2500 * 2.3263478740408408, 6);
  });
});
