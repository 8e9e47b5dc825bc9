import { optionValue, type Exposure } from './exposure';

/**
 * The scenario × position P&L matrix (USD), the one object every measure reduces: ES, VaR and
 * Euler contributions (expected-shortfall.ts), incremental ES, stress losses.
 *
 * Input: a scenario set (row-major log-returns scenarios × assets, optional per-scenario option
 * vol factors) and the horizon in years (options age by it). Output: row-major Float64Array
 * scenarios × exposures. Options are repriced in full with Black-76 at every scenario (no
 * delta or grid approximation). Cost: O(N·P), one Black-76 per option and scenario.
 */
export interface ScenarioSet {
  readonly assetCount: number;
  readonly count: number;
  readonly logReturns: Float64Array;
  /** Multiplier of every option's vol per scenario (1 when absent). */
  readonly volFactors?: Float64Array;
}

export function scenarioPnlMatrix(
  scenarios: ScenarioSet,
  exposures: readonly Exposure[],
  horizonYears: number,
): Float64Array {
  const { assetCount, count, logReturns, volFactors } = scenarios;
  const width = exposures.length;
  const pnl = new Float64Array(count * width);
  exposures.forEach((exposure, column) => {
    if (exposure.kind === 'delta-one') {
      const scale = exposure.quantity * exposure.price * exposure.usdPerSettle;
      for (let s = 0; s < count; s++)
        pnl[s * width + column] =
          scale * Math.expm1(logReturns[s * assetCount + exposure.assetIndex] ?? 0);
      return;
    }
    const now = optionValue(exposure);
    const remaining = exposure.timeToExpiry - horizonYears;
    for (let s = 0; s < count; s++) {
      const forward =
        exposure.forward * Math.exp(logReturns[s * assetCount + exposure.assetIndex] ?? 0);
      pnl[s * width + column] =
        exposure.quantity * (optionValue(exposure, forward, remaining, volFactors?.[s] ?? 1) - now);
    }
  });
  return pnl;
}
