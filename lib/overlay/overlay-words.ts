import { formatPercent, formatPrice } from '../format/format-figures';
import type { PageLegProbability } from '../messaging/page-risk-view-types';

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

/**
 * "12% ± 1%", or for a probability no simulated day reached, its 95% upper bound by the rule of
 * three ("< 0.08%"), never a bare "0.00%".
 */
export function chanceText(probability: PageLegProbability | null): string {
  if (probability === null) return 'not computed';
  if (probability.value === 0) return `< ${formatPercent(3 / probability.paths, 2)}`;
  const digits = probability.value < 0.01 ? 2 : 1;
  return `${formatPercent(probability.value, digits)} ± ${formatPercent(1.96 * probability.standardError, digits)}`;
}

/** The chance alone, for narrow table cells ("2.6%", "< 0.07%"); the ± goes in the cell's title. */
export function chanceShort(probability: PageLegProbability | null): string {
  if (probability === null) return 'not computed';
  if (probability.value === 0) return `< ${formatPercent(3 / probability.paths, 2)}`;
  return formatPercent(probability.value, probability.value < 0.01 ? 2 : 1);
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
