/**
 * An account's margin ratio as a report carries it, and whether the account is underwater.
 *
 *   marginRatio = maintenance margin / equity   (a fraction; the venue liquidates at about 1)
 *
 * - equity > 0: the ratio, finite; the account is `underwater` from 1 on (equity ≤ maintenance
 *   margin: at or past its liquidation line, liquidation-risk.ts reads the same threshold).
 * - equity ≤ 0 while margin is held, or equity < 0: no ratio exists (the engine's margin rules
 *   hold +∞ there, which JSON cannot carry: it would reach a view as null, "unknown"). The
 *   ratio is null and `underwater` is set: the most dangerous state, named, never missing.
 * - equity 0 and nothing held (an empty account): 0, not underwater.
 *
 * Units: equity and maintenance margin in the account's settlement asset; the ratio a fraction.
 * A ratio that would not be finite (a non-finite input) is null and underwater. Cost: O(1).
 */
export interface ReportedMarginRatio {
  /** Maintenance margin / equity; null when the equity is ≤ 0 and margin is held (then `underwater`). */
  readonly marginRatio: number | null;
  /** Present (true) only when equity ≤ maintenance margin (or equity < 0 with nothing held). */
  readonly underwater?: true;
}

export function reportedMarginRatio(
  equity: number,
  maintenanceMargin: number,
): ReportedMarginRatio {
  if (equity > 0) {
    const ratio = maintenanceMargin / equity;
    if (!Number.isFinite(ratio)) return { marginRatio: null, underwater: true };
    return ratio >= 1 ? { marginRatio: ratio, underwater: true } : { marginRatio: ratio };
  }
  if (equity === 0 && maintenanceMargin === 0) return { marginRatio: 0 };
  return { marginRatio: null, underwater: true };
}
