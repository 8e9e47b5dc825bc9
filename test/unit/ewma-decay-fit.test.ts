import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../lib/engine/math/random-stream';
import { createRng } from '../../lib/engine/math/rng';
import { fitCorrelationDecay, fitVolDecay } from '../../scripts/support/ewma-decay-fit';

/**
 * The decay fit recovers known parameters from data simulated by its own model: two assets whose
 * daily log-returns are r_i = c·σ_i·T_i, σ_i² the EWMA (λ_v) of asset i's past returns, (T₀, T₁) a
 * bivariate unit-variance Student-t (ν, one shared χ² draw) with correlation ρ_t read from the
 * EWMA (λ_c) of the past returns, seeded with σ² = 4e-4 and ρ = 0.5 over 30 days.
 */
const TRUE = { volLambda: 0.9, correlationLambda: 0.96, nu: 4, scale: 1.1 };
const DAYS = 6000;

function simulate(seed: number): [number, number][] {
  const stream = new RandomStream(createRng(seed));
  const { volLambda, correlationLambda, nu, scale } = TRUE;
  let v0 = 4e-4;
  let v1 = 4e-4;
  let c00 = 4e-4;
  let c11 = 4e-4;
  let c01 = 2e-4;
  const rows: [number, number][] = [];
  for (let t = 0; t < DAYS; t++) {
    // Days before the seed's 30 are drawn at the seed's own figures.
    const rho = c01 / Math.sqrt(c00 * c11);
    const mix = Math.sqrt((nu - 2) / stream.chiSquare(nu));
    const z0 = stream.normal();
    const z1 = rho * z0 + Math.sqrt(1 - rho * rho) * stream.normal();
    const r0 = scale * Math.sqrt(v0) * mix * z0;
    const r1 = scale * Math.sqrt(v1) * mix * z1;
    rows.push([r0, r1]);
    if (t >= 30) {
      v0 = volLambda * v0 + (1 - volLambda) * r0 * r0;
      v1 = volLambda * v1 + (1 - volLambda) * r1 * r1;
      c00 = correlationLambda * c00 + (1 - correlationLambda) * r0 * r0;
      c11 = correlationLambda * c11 + (1 - correlationLambda) * r1 * r1;
      c01 = correlationLambda * c01 + (1 - correlationLambda) * r0 * r1;
    }
  }
  return rows;
}

describe('fitVolDecay and fitCorrelationDecay', () => {
  const rows = simulate(14);
  const volFit = fitVolDecay([rows.map((row) => row[0]), rows.map((row) => row[1])]);

  it('recover the vol decay, tail index and scale of simulated data', () => {
    // Grid step 0.01; on 12,000 asset-days the estimate's standard error is about 0.005.
    expect(Math.abs(volFit.volLambda - TRUE.volLambda)).toBeLessThanOrEqual(0.01 + 1e-12);
    expect(volFit.nu).toBeGreaterThan(3.4);
    expect(volFit.nu).toBeLessThan(4.8);
    expect(Math.abs(volFit.scale - TRUE.scale)).toBeLessThan(0.05);
    expect(volFit.observations).toBe(2 * (DAYS - 30));
    // The profile peaks where the fit says.
    expect(Math.max(...volFit.profile)).toBe(volFit.logLikelihood);
  });

  it('recovers the correlation decay given the vol fit', () => {
    const fit = fitCorrelationDecay([rows], volFit);
    expect(Math.abs(fit.correlationLambda - TRUE.correlationLambda)).toBeLessThanOrEqual(
      0.01 + 1e-12,
    );
    expect(fit.observations).toBe(DAYS - 30);
  });

  it('refuses a series no longer than the seed', () => {
    expect(() => fitVolDecay([rows.slice(0, 30).map((row) => row[0])])).toThrow(
      'series 0 has 30 returns',
    );
    expect(() => fitCorrelationDecay([rows.slice(0, 20)], volFit)).toThrow('20 common days');
  });
});
