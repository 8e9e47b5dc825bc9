/**
 * The benchmark's baseline: the same Monte Carlo ES and Euler contributions written plainly —
 * scenarios as arrays of objects, P&L in decimal.js inside the loop, a full sort for the tail —
 * the way a first version would be. Only for measuring the ratio; not used by the product.
 */
import Decimal from 'decimal.js';
import { optionValue, type Exposure } from '../../lib/engine/risk/exposure';

interface PlainScenario {
  readonly returns: number[];
}

export function plainScenarios(logReturns: Float64Array, assetCount: number): PlainScenario[] {
  const scenarios: PlainScenario[] = [];
  for (let s = 0; s < logReturns.length / assetCount; s++)
    scenarios.push({
      returns: Array.from(logReturns.subarray(s * assetCount, (s + 1) * assetCount)),
    });
  return scenarios;
}

export function plainExpectedShortfall(
  exposures: readonly Exposure[],
  scenarios: readonly PlainScenario[],
  confidence: number,
  horizonYears: number,
): { es: number; contributions: number[] } {
  const rows = scenarios.map((scenario) => {
    const pnl = exposures.map((exposure) => {
      const move = scenario.returns[exposure.assetIndex] ?? 0;
      if (exposure.kind === 'delta-one')
        return new Decimal(exposure.quantity)
          .mul(exposure.price)
          .mul(exposure.usdPerSettle)
          .mul(Decimal.exp(move).minus(1));
      const shocked = optionValue(
        exposure,
        exposure.forward * Math.exp(move),
        exposure.timeToExpiry - horizonYears,
      );
      return new Decimal(exposure.quantity).mul(new Decimal(shocked).minus(optionValue(exposure)));
    });
    return { pnl, total: pnl.reduce((sum, value) => sum.plus(value), new Decimal(0)) };
  });
  rows.sort((a, b) => a.total.cmp(b.total));
  const k = Math.ceil(Math.round((1 - confidence) * rows.length * 1e9) / 1e9);
  const tail = rows.slice(0, k);
  const es = tail.reduce((sum, row) => sum.minus(row.total), new Decimal(0)).div(k);
  const contributions = exposures.map((_, index) =>
    tail
      .reduce((sum, row) => sum.minus(row.pnl[index] ?? 0), new Decimal(0))
      .div(k)
      .toNumber(),
  );
  return { es: es.toNumber(), contributions };
}
