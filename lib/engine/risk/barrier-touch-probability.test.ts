import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import golden from '../../../test/golden/barrier-touch.json';
import { barrierTouchProbability } from './barrier-touch-probability';

describe('barrierTouchProbability (methodology §6.5)', () => {
  it.each(golden.cases)(
    'S0 $spot, barrier $barrier ($direction), σ $annualVol, $days d → $touch',
    (vector) => {
      const value = barrierTouchProbability({
        spot: vector.spot,
        barrier: vector.barrier,
        annualVol: vector.annualVol,
        horizonYears: vector.days / 365,
        direction: vector.direction as 'down' | 'up',
        // The vectors take price drift μ = 0, so the log drift is ν = μ − σ²/2 (their terminal
        // probabilities confirm it); the engine itself uses zero-mean log-returns (ν = 0).
        logDrift: -0.5 * vector.annualVol * vector.annualVol,
      });
      expect(Math.abs(value - vector.touch)).toBeLessThanOrEqual(golden.tolerance);
    },
  );

  it('is 1 when the barrier is already crossed and 0 with no time or no vol', () => {
    expect(
      barrierTouchProbability({
        spot: 100,
        barrier: 101,
        annualVol: 0.5,
        horizonYears: 0.1,
        direction: 'down',
      }),
    ).toBe(1);
    expect(
      barrierTouchProbability({
        spot: 100,
        barrier: 90,
        annualVol: 0,
        horizonYears: 0.1,
        direction: 'down',
      }),
    ).toBe(0);
    expect(
      barrierTouchProbability({
        spot: 100,
        barrier: 110,
        annualVol: 0.5,
        horizonYears: 0,
        direction: 'up',
      }),
    ).toBe(0);
  });

  it('rises with vol and with the horizon (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 0.99, noNaN: true }),
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        (ratio, vol, years) => {
          const base = barrierTouchProbability({
            spot: 100,
            barrier: 100 * ratio,
            annualVol: vol,
            horizonYears: years,
            direction: 'down',
          });
          const moreVol = barrierTouchProbability({
            spot: 100,
            barrier: 100 * ratio,
            annualVol: vol * 1.1,
            horizonYears: years,
            direction: 'down',
          });
          const longer = barrierTouchProbability({
            spot: 100,
            barrier: 100 * ratio,
            annualVol: vol,
            horizonYears: years * 1.1,
            direction: 'down',
          });
          return moreVol >= base - 1e-15 && longer >= base - 1e-15 && base >= 0 && base <= 1;
        },
      ),
      { seed: 5, numRuns: 300 },
    );
  });
});
