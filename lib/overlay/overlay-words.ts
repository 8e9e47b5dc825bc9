import {
  formatChance,
  formatChanceShort,
  formatPercent,
  formatPrice,
  type ChanceInterval,
} from '../format/format-figures';

/**
 * The overlay's figures in a trader's words: which way and how far to liquidation, in % and in
 * typical daily moves, and a chance of liquidation with its uncertainty.
 */

/** "no liquidation" rather than an empty, zero or negative price. */
export function liquidationPriceText(price: number | null): string {
  return price === null || !(price > 0) ? 'no liquidation' : formatPrice(price);
}

/** "falls 4.8%" / "rises 2.1%"; empty without a liquidation price. */
export function distanceText(signedPct: number | null): string {
  if (signedPct === null) return '';
  return `${signedPct < 0 ? 'falls' : 'rises'} ${formatPercent(Math.abs(signedPct), 1)}`;
}

/** "1.6 daily σ" (σ = a typical day's move; the overlay's legend says so). */
export function sigmaText(sigma: number | null, horizonHours: number): string {
  if (sigma === null) return '';
  const unit = horizonHours === 24 ? 'daily σ' : `${horizonHours} h σ`;
  return `${sigma.toFixed(1)} ${unit}`;
}

/** The chance with its interval ("0.41% (0.33–0.49%)", "< 0.30%"), or "not computed". */
export function chanceText(probability: ChanceInterval | null): string {
  return probability === null ? 'not computed' : formatChance(probability);
}

/** The chance alone, for narrow table cells ("2.6%", "< 0.30%"); the interval goes in the cell's title. */
export function chanceShort(probability: ChanceInterval | null): string {
  return probability === null ? 'not computed' : formatChanceShort(probability);
}

/** Signed change: "+1,234.50" / "−56.00" / "+279,844". */
export function signedMoney(value: number): string {
  // Cents stop mattering (and stop fitting) from ten thousand.
  const digits = Math.abs(value) >= 10_000 ? 0 : 2;
  const text = Math.abs(value).toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return `${value < 0 ? '−' : '+'}${text}`;
}
