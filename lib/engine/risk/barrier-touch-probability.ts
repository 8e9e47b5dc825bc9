import { normalCdf } from '../math/normal';

/**
 * Probability that a geometric Brownian motion touches a barrier within a horizon, with
 * continuous monitoring (reflection principle; methodology §6.4):
 *
 *   X_t = ln(S_t/S_0) = ν·t + σ·W_t,  b = ln(B/S_0)
 *   down (B < S_0): P = Φ((b − νT)/(σ√T)) + e^{2νb/σ²}·Φ((b + νT)/(σ√T))
 *   up   (U > S_0): P = Φ((−u + νT)/(σ√T)) + e^{2νu/σ²}·Φ((−u − νT)/(σ√T)),  u = ln(U/S_0)
 *
 * Units: annualVol is annualised, horizonYears in 365-day years, logDrift ν per year (0 under
 * the engine's zero-mean log-return convention). Policy: a barrier at or beyond the spot on the
 * wrong side means already touched (1); σ = 0 or T = 0 gives 0 unless already touched.
 */
export interface BarrierTouchInput {
  readonly spot: number;
  readonly barrier: number;
  readonly annualVol: number;
  readonly horizonYears: number;
  readonly logDrift?: number;
  readonly direction: 'down' | 'up';
}

export function barrierTouchProbability(input: BarrierTouchInput): number {
  const { spot, barrier, annualVol, horizonYears, direction } = input;
  const drift = input.logDrift ?? 0;
  if (!(spot > 0) || !(barrier > 0))
    throw new RangeError('barrierTouchProbability requires a positive spot and barrier');
  if (direction === 'down' ? barrier >= spot : barrier <= spot) return 1;
  if (annualVol === 0 || horizonYears === 0) return 0;
  const scale = annualVol * Math.sqrt(horizonYears);
  const variance = annualVol * annualVol;
  if (direction === 'down') {
    const b = Math.log(barrier / spot);
    return (
      normalCdf((b - drift * horizonYears) / scale) +
      Math.exp((2 * drift * b) / variance) * normalCdf((b + drift * horizonYears) / scale)
    );
  }
  const u = Math.log(barrier / spot);
  return (
    normalCdf((-u + drift * horizonYears) / scale) +
    Math.exp((2 * drift * u) / variance) * normalCdf((-u - drift * horizonYears) / scale)
  );
}
