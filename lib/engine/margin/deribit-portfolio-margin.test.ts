import { describe, expect, it } from 'vitest';
import { DERIBIT_PM_PARAMETERS, deribitPortfolioMargin } from './deribit-portfolio-margin';

const btc = DERIBIT_PM_PARAMETERS.BTC;
const eth = DERIBIT_PM_PARAMETERS.ETH;
const close = (actual: number | undefined, expected: number) =>
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThan(1e-9);

describe('Deribit portfolio margin, pme/simulate doc example (methodology §4.5 D1, BTC, 2024-06-17)', () => {
  if (!btc) throw new Error('no BTC parameters');
  // BTC-PERPETUAL +0.314538364 BTC, BTC-28JUN24 −0.001187534 BTC.
  const result = deribitPortfolioMargin([0.314538364, -0.001187534], btc);

  it('reproduces the perpetual’s and the future’s risk vectors', () => {
    const perp = [
      -0.0599120693, -0.0428915951, -0.0273511621, -0.0131057652, 0, 0.0120976294, 0.0232991381,
      0.033700539, 0.0433846019,
    ];
    const future = [
      0.000226197, 0.000161936, 0.000103264, 0.0000494806, 0, -0.0000456744, -0.0000879655,
      -0.000127236, -0.000163798,
    ];
    perp.forEach((value, bucket) =>
      [0, 1, 2].forEach((vol) =>
        expect(Math.abs((result.riskVectors[0]?.[3 * bucket + vol] ?? 0) - value)).toBeLessThan(
          5e-11,
        ),
      ),
    );
    // Published to 9 decimals: half a unit in the last place.
    future.forEach((value, bucket) =>
      expect(Math.abs((result.riskVectors[1]?.[3 * bucket] ?? 0) - value)).toBeLessThanOrEqual(
        5e-10,
      ),
    );
  });

  it('reproduces the aggregated vector with gains zeroed, worst case, roll shock, risk matrix margin and MM', () => {
    [-0.0596858724, -0.0427296586, -0.0272478983, -0.0130562846].forEach((value, bucket) =>
      expect(Math.abs((result.aggregated[3 * bucket] ?? 0) - value)).toBeLessThan(5e-11),
    );
    expect(result.aggregated.slice(12).every((value) => value === 0)).toBe(true);
    close(result.worstCase, 0.05968587238095239);
    close(result.rollShock, 0.00315725898);
    close(result.riskMatrixMargin, 0.06284313098);
    close(result.maintenanceMargin, 0.050274504784);
    // Published IM 0.122861343 = risk matrix margin + MMP margin 0.06 + open-order margin 0.000018212.
    expect(Math.abs(result.initialMargin + 0.06 + 0.000018212 - 0.122861343)).toBeLessThan(5e-10);
  });
});

describe('Deribit portfolio margin, ETH capture (methodology §4.5 D2, 2026-02-15)', () => {
  if (!eth) throw new Error('no ETH parameters');
  const result = deribitPortfolioMargin([-0.999487053], eth);

  it('reproduces the vector, the 0.6 gain offset, worst case, roll shock and margins', () => {
    const vector = [
      0.219399597, 0.155989309, 0.098850368, 0.047096249, 0, -0.043040112, -0.082526454,
      -0.11888172, -0.152464127,
    ];
    vector.forEach((value, bucket) =>
      expect(Math.abs((result.riskVectors[0]?.[3 * bucket] ?? 0) - value)).toBeLessThan(5e-10),
    );
    [0.131639758, 0.093593585, 0.059310221, 0.028257749].forEach((value, bucket) =>
      expect(Math.abs((result.aggregated[3 * bucket] ?? 0) - value)).toBeLessThan(5e-10),
    );
    close(result.worstCase, 0.15246412672881357);
    close(result.rollShock, 0.004997435265);
    close(result.riskMatrixMargin, 0.157461562265);
    close(result.maintenanceMargin, 0.125969249812);
    expect(Math.abs(result.initialMargin - 0.157461562)).toBeLessThan(5e-10);
  });
});
