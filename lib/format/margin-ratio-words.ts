import { formatPercent } from '../engine/measure/format-figures';

/**
 * An account's margin ratio in words, the same in the popup, the overlay and the CLI. An
 * underwater account (at or past its liquidation line: equity ≤ maintenance margin) is the most
 * dangerous state and reads so, "underwater: equity below maintenance", never "—" or "∞".
 *
 * Underwater is the report's flag (engine measure/reported-margin-ratio.ts), or, for a report
 * stored before the flag existed, a ratio ≥ 1 or a null ratio (JSON turned the engine's old
 * +Infinity for an account with no equity into null).
 */
export const UNDERWATER_WORDS = 'underwater: equity below maintenance';

export interface MarginRatioFigures {
  /** Maintenance margin / equity; null when no equity is left. */
  readonly marginRatio: number | null;
  readonly underwater?: boolean;
}

/** Whether the account is at or past its liquidation line (see above). */
export function isUnderwater(figures: MarginRatioFigures): boolean {
  return figures.underwater === true || figures.marginRatio === null || figures.marginRatio >= 1;
}

/**
 * "12.50%"; "underwater: equity below maintenance (120.0%)"; "underwater: equity below
 * maintenance (no equity left)". `digits`: places of the percentage.
 */
export function marginRatioWords(figures: MarginRatioFigures, digits = 2): string {
  const { marginRatio } = figures;
  if (!isUnderwater(figures) && marginRatio !== null) return formatPercent(marginRatio, digits);
  return `${UNDERWATER_WORDS} (${
    marginRatio === null || !Number.isFinite(marginRatio)
      ? 'no equity left'
      : formatPercent(marginRatio, digits)
  })`;
}
