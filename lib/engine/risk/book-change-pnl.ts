import type { Exposure, OptionExposure } from './exposure';
import { ScenarioPnlKernel, type ScenarioSet } from './scenario-pnl-kernel';

/**
 * The scenario P&L of a change to a book, without revaluing the book: per scenario, the P&L (USD)
 * of the book with some of its columns removed and some exposures added, less the book's own.
 * Kept beside the book's scenario losses, it gives the changed book's losses in O(N) per change
 * for delta-one columns (incremental-es.ts), however large the book.
 *
 *   change[s] = Σ_a c_a·(e^{r[s, a]} − 1) − Σ_{a all of whose options are removed} O_a[s]
 *               + Σ_{other options x removed} −pnl_x[s] + Σ_{options y added} pnl_y[s]
 *
 * - Delta-one columns (exposure.ts: P&L q·S·u·(e^r − 1)) enter through one coefficient per
 *   asset, c_a = Σ_added q·S·u − Σ_removed q·S·u, times e^r − 1 computed as the kernel does
 *   (exp(r) − 1), once per asset for the set and kept.
 * - O_a: the summed P&L of all the book's options on asset a, revalued once by the scenario
 *   kernel (scenario-pnl-kernel.ts) the first time a change removes them all, and kept.
 * - Other removed options (negated: −q) and every added option are revalued by the kernel, in
 *   full or on its grid, as the kernel decides for the set; a removed option's cells are then the
 *   book's own cells, negated, to the bit.
 *
 * Sums run in another order than the kernel's sum over the changed book, so a changed book's
 * P&L (book P&L + change) differs from its revaluation in the last bits of the book's gross P&L.
 *
 * Units: USD. Cost: building O(P); per change O(P_change) plus O(N) per asset touched plus the
 * kernel's cost for the options revalued (module comment of scenario-pnl-kernel.ts); the first use
 * of an asset O(N) exponentials (delta-one) or O(N·P_a) (its options), then O(N) memory each.
 */
export class BookChangePnl {
  private readonly growthByAsset = new Map<number, Float64Array>();
  private readonly optionsPnlByAsset = new Map<number, Float64Array>();
  /** The book's option columns by asset. */
  private readonly optionsByAsset = new Map<number, OptionExposure[]>();

  /** The book's exposures on `scenarios`, options aged by `horizonYears`. */
  constructor(
    private readonly scenarios: ScenarioSet,
    private readonly book: readonly Exposure[],
    private readonly horizonYears: number,
  ) {
    for (const exposure of book) {
      if (exposure.kind !== 'option') continue;
      const options = this.optionsByAsset.get(exposure.assetIndex) ?? [];
      options.push(exposure);
      this.optionsByAsset.set(exposure.assetIndex, options);
    }
  }

  /**
   * The P&L per scenario of removing the book's columns `removedColumns` (each at most once) and
   * adding the exposures `added`, into `out` (length N, overwritten; a new array when absent).
   */
  pnl(
    removedColumns: readonly number[],
    added: readonly Exposure[],
    out = new Float64Array(this.scenarios.count),
  ): Float64Array {
    const { count, logReturns, volFactors } = this.scenarios;
    if (out.length !== count)
      throw new RangeError(
        `BookChangePnl requires an output of ${count} scenarios, got ${out.length}`,
      );
    out.fill(0);
    const coefficients = new Map<number, number>();
    const addCoefficient = (asset: number, value: number) =>
      coefficients.set(asset, (coefficients.get(asset) ?? 0) + value);
    const removedOptions = new Map<number, OptionExposure[]>();
    const seen = new Set<number>();
    for (const column of removedColumns) {
      const exposure = this.book[column];
      if (exposure === undefined || seen.has(column))
        throw new RangeError(
          `BookChangePnl: removed column ${column} is ${exposure === undefined ? `outside the book's ${this.book.length}` : 'listed twice'}`,
        );
      seen.add(column);
      if (exposure.kind === 'delta-one')
        addCoefficient(
          exposure.assetIndex,
          -exposure.quantity * exposure.price * exposure.usdPerSettle,
        );
      else {
        const options = removedOptions.get(exposure.assetIndex) ?? [];
        options.push(exposure);
        removedOptions.set(exposure.assetIndex, options);
      }
    }
    const revalued: Exposure[] = [];
    for (const exposure of added) {
      if (exposure.kind === 'delta-one')
        addCoefficient(
          exposure.assetIndex,
          exposure.quantity * exposure.price * exposure.usdPerSettle,
        );
      else revalued.push(exposure);
    }

    for (const [asset, coefficient] of coefficients) {
      if (coefficient === 0) continue;
      const growth = this.growth(asset);
      // Hot loop: typed-array reads use `as number`; every index is in bounds by construction.
      for (let s = 0; s < count; s++)
        out[s] = (out[s] as number) + coefficient * (growth[s] as number);
    }
    for (const [asset, options] of removedOptions) {
      if (options.length === this.optionsByAsset.get(asset)?.length) {
        const pnl = this.optionsPnl(asset);
        for (let s = 0; s < count; s++) out[s] = (out[s] as number) - (pnl[s] as number);
      } else for (const option of options) revalued.push({ ...option, quantity: -option.quantity });
    }
    if (revalued.length > 0)
      new ScenarioPnlKernel(this.scenarios, revalued, this.horizonYears).addTotals(
        logReturns,
        0,
        count,
        out,
        volFactors,
      );
    return out;
  }

  /** e^r − 1 of one asset per scenario, as the kernel computes it (exp(r) − 1), kept. */
  private growth(asset: number): Float64Array {
    let growth = this.growthByAsset.get(asset);
    if (growth === undefined) {
      const { count, assetCount, logReturns } = this.scenarios;
      if (!(Number.isInteger(asset) && asset >= 0 && asset < assetCount))
        throw new RangeError(
          `BookChangePnl: asset index ${asset} is outside the ${assetCount} assets of the scenarios`,
        );
      growth = new Float64Array(count);
      for (let s = 0; s < count; s++)
        growth[s] = Math.exp(logReturns[s * assetCount + asset] as number) - 1;
      this.growthByAsset.set(asset, growth);
    }
    return growth;
  }

  /** The summed P&L of all the book's options on one asset per scenario, kept. */
  private optionsPnl(asset: number): Float64Array {
    let pnl = this.optionsPnlByAsset.get(asset);
    if (pnl === undefined) {
      const { count, logReturns, volFactors } = this.scenarios;
      pnl = new Float64Array(count);
      new ScenarioPnlKernel(
        this.scenarios,
        this.optionsByAsset.get(asset) ?? [],
        this.horizonYears,
      ).addTotals(logReturns, 0, count, pnl, volFactors);
      this.optionsPnlByAsset.set(asset, pnl);
    }
    return pnl;
  }
}
