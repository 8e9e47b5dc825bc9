import type { Rng } from '../math/rng';

/**
 * Acerbi and Székely's unconditional backtest of Expected Shortfall, the statistic Z2 (Acerbi &
 * Székely 2014, "Backtesting Expected Shortfall", MSCI Inc., December 2014, and "Back-testing
 * expected shortfall", Risk, December 2014: "Test 2", testing ES directly), with its p-value by
 * simulation under the model, as the paper prescribes.
 *
 * In losses L_t (= −X_t for the paper's P&L X_t), each day t's forecast gives VaR_t and ES_t at
 * tail probability α (= 1 − confidence), and I_t = 1 when L_t > VaR_t:
 *
 *   Z2 = 1 − Σ_t L_t·I_t / (T·α·ES_t).
 *
 * Under the model E[L_t·I_t] = α·ES_t, so E[Z2] = 0; losses beyond VaR larger than the model's
 * ES, or more of them, make Z2 negative. The test is one-sided: small Z2 rejects. Z2 tests VaR
 * exceedances and their size at once. The paper reports a 5% critical value of about −0.7 for
 * T = 250 days at α = 2.5%, nearly the same for normal and moderately heavy Student-t forecasts
 * (test/golden/generate/acerbi-szekely-critical-values.py: −0.70 normal, −0.71 for ν = 10,
 * −0.74 for ν = 5, −0.81 for ν = 3).
 *
 * p-value by simulation under the model: each forecast is a set of N equally weighted scenario
 * losses, and the null draws one loss from it per day and simulation (a uniform scenario; it
 * counts when it is among the scenarios whose loss exceeds VaR), M times, giving Z2⁽¹⁾..Z2⁽ᴹ⁾
 * with the same VaR_t, ES_t and α. Drawing from the very scenarios that gave VaR_t and ES_t keeps
 * the null consistent with the forecast whatever the discreteness of the set. The p-value is
 * (1 + #{m : Z2⁽ᵐ⁾ ≤ Z2}) / (M + 1) (North, Curtis & Sham 2002, "A note on the calculation of
 * empirical P values from Monte Carlo procedures", Am. J. Human Genetics 71(2), 439–441), never
 * 0. The test is rejected at 5% when it is below 0.05.
 *
 * Streaming: the test is fed one day at a time (addDay), keeping M running sums and none of the
 * days' scenarios. Draws: M words of `rng` per day (a uniform index among N from a 32-bit word,
 * bias below N/2³²). Units: losses and ES in one currency; Z2 dimensionless.
 * Policy: ES_t must be positive; the exceeding losses at most N; realised losses finite; at least
 * one day before result(). Inputs are not mutated. Cost: O(M) per day, O(M·log M) for result().
 */
export interface ShortfallForecast {
  readonly valueAtRisk: number;
  readonly expectedShortfall: number;
  /** The scenario losses above VaR (any order), from the forecast's equally weighted scenarios. */
  readonly exceedingLosses: Float64Array;
  /** How many equally weighted scenarios the forecast has (at least exceedingLosses.length). */
  readonly scenarioCount: number;
}

export interface AcerbiSzekelyResult {
  readonly observations: number;
  /** Days whose loss exceeded VaR. */
  readonly exceptions: number;
  /** Z2. */
  readonly statistic: number;
  readonly simulations: number;
  readonly pValue: number;
  /** The 5% quantile of the simulated Z2: the test rejects about when Z2 falls below it. */
  readonly criticalValueAt5Percent: number;
  readonly rejectedAt5Percent: boolean;
}

const TWO_POW_32 = 4294967296;

export class AcerbiSzekelyZ2Test {
  private readonly tailProbability: number;
  private readonly rng: Rng;
  private readonly words: Uint32Array;
  /** Σ_t L_t·I_t/ES_t of each simulation, then of the realised losses. */
  private readonly simulatedSums: Float64Array;
  private realisedSum = 0;
  private observations = 0;
  private exceptions = 0;

  constructor(tailProbability: number, simulations: number, rng: Rng) {
    if (!(tailProbability > 0 && tailProbability < 1))
      throw new RangeError(
        `acerbiSzekelyZ2Test requires a tail probability in (0, 1), got ${tailProbability}`,
      );
    if (!Number.isInteger(simulations) || simulations < 1)
      throw new RangeError(
        `acerbiSzekelyZ2Test requires a whole number of simulations, at least 1, got ${simulations}`,
      );
    this.tailProbability = tailProbability;
    this.rng = rng;
    this.words = new Uint32Array(simulations);
    this.simulatedSums = new Float64Array(simulations);
  }

  /** One day: its forecast, and the loss then realised. */
  addDay(forecast: ShortfallForecast, realisedLoss: number): void {
    const { valueAtRisk, expectedShortfall, exceedingLosses, scenarioCount } = forecast;
    const day = this.observations;
    if (!(expectedShortfall > 0))
      throw new RangeError(
        `acerbiSzekelyZ2Test requires a positive expected shortfall, got ${expectedShortfall} on day ${day}`,
      );
    if (!Number.isFinite(valueAtRisk) || !Number.isFinite(realisedLoss))
      throw new RangeError(
        `acerbiSzekelyZ2Test requires a finite VaR and realised loss, got ${valueAtRisk} and ${realisedLoss} on day ${day}`,
      );
    if (!(Number.isInteger(scenarioCount) && scenarioCount >= exceedingLosses.length))
      throw new RangeError(
        `acerbiSzekelyZ2Test requires at least as many scenarios as exceeding losses, got ${exceedingLosses.length} of ${scenarioCount} on day ${day}`,
      );
    this.observations++;
    if (realisedLoss > valueAtRisk) {
      this.exceptions++;
      this.realisedSum += realisedLoss / expectedShortfall;
    }
    // A word w < E·2³²/N picks scenario ⌊w·N/2³²⌋ < E, one of the E exceeding losses.
    const exceeding = exceedingLosses.length;
    if (exceeding === 0) {
      this.rng.fillUint32(this.words);
      return;
    }
    const limit = (exceeding * TWO_POW_32) / scenarioCount;
    const indexScale = scenarioCount / TWO_POW_32;
    const words = this.rng.fillUint32(this.words);
    const sums = this.simulatedSums;
    const inverseShortfall = 1 / expectedShortfall;
    // Hot loop: typed-array reads use `as number`; every index is in bounds by construction.
    for (let simulation = 0; simulation < words.length; simulation++) {
      const word = words[simulation] as number;
      if (word < limit)
        sums[simulation] =
          (sums[simulation] as number) +
          (exceedingLosses[Math.floor(word * indexScale)] as number) * inverseShortfall;
    }
  }

  result(): AcerbiSzekelyResult {
    if (this.observations < 1)
      throw new RangeError('acerbiSzekelyZ2Test requires at least one day');
    const scale = 1 / (this.observations * this.tailProbability);
    const statistic = 1 - this.realisedSum * scale;
    const simulated = Float64Array.from(this.simulatedSums, (sum) => 1 - sum * scale).sort();
    let atOrBelow = 0;
    for (const value of simulated) if (value <= statistic) atOrBelow++;
    const pValue = (1 + atOrBelow) / (simulated.length + 1);
    return {
      observations: this.observations,
      exceptions: this.exceptions,
      statistic,
      simulations: simulated.length,
      pValue,
      criticalValueAt5Percent: simulated[Math.floor(0.05 * (simulated.length - 1))] as number,
      rejectedAt5Percent: pValue < 0.05,
    };
  }
}
