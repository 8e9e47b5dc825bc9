import { formatPercent } from '../engine/measure/format-figures';

/**
 * How figures are written for people, shared by the popup, the overlay and the CLI. Money, rates
 * and prices are the engine's own formatters (its warnings write figures the same way).
 */
export { formatMoney, formatPercent, formatPrice } from '../engine/measure/format-figures';

/** Probabilities: below 0.01% they read "<0.01%" rather than a misleading 0.00%. */
export function formatProbability(value: number | null): string {
  if (value === null) return '—';
  if (value > 0 && value < 0.0001) return '<0.01%';
  return formatPercent(value);
}
