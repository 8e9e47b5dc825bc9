import { tailCount } from './expected-shortfall';
import { tailScenarioIndices } from './tail-scenarios';

/**
 * Incremental Expected Shortfall of a candidate trade (the pre-trade check), reusing the
 * portfolio's scenario losses: only the trade's own P&L column is new, so the cost is O(N) —
 * no revaluation of the portfolio.
 *
 *   ES(P + T) − ES(P),  with loss_s(P + T) = loss_s(P) − pnl_s(T) on the same scenarios,
 *
 * and the first-order (marginal) estimate: the trade's mean loss over the portfolio's current
 * tail scenarios (Tasche 2007; methodology §6.2).
 */
export interface IncrementalEs {
  readonly before: number;
  readonly after: number;
  readonly incremental: number;
  /** First-order estimate: mean of the trade's loss over the current tail. */
  readonly marginal: number;
}

export function incrementalExpectedShortfall(
  portfolioLosses: Float64Array,
  currentTail: Int32Array,
  tradePnl: Float64Array,
  confidence: number,
  /** Where to put the combined losses (length N), reused across calls; a new array when absent. */
  scratch?: Float64Array,
): IncrementalEs {
  const count = portfolioLosses.length;
  if (tradePnl.length !== count)
    throw new RangeError(
      `incrementalExpectedShortfall requires one trade P&L per scenario (${count}), got ${tradePnl.length}`,
    );
  const k = tailCount(confidence, count);
  let before = 0;
  let marginal = 0;
  for (const s of currentTail) {
    before += portfolioLosses[s] ?? 0;
    marginal -= tradePnl[s] ?? 0;
  }
  const combined =
    scratch !== undefined && scratch.length === count ? scratch : new Float64Array(count);
  for (let s = 0; s < count; s++) combined[s] = (portfolioLosses[s] ?? 0) - (tradePnl[s] ?? 0);
  let after = 0;
  for (const s of tailScenarioIndices(combined, k)) after += combined[s] ?? 0;
  return {
    before: before / currentTail.length,
    after: after / k,
    incremental: after / k - before / currentTail.length,
    marginal: marginal / currentTail.length,
  };
}
