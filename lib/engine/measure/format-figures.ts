import { isUsdStablecoin } from '../product/usd-stablecoins';

/**
 * How figures are written for people: money with thousands separators, rates as percentages,
 * prices with precision that suits their size. In the engine so that its own sentences (the
 * trade warnings' `message`) and the views (lib/format/format-figures.ts re-exports these) write
 * a figure alike; the engine imports nothing above it. None of them throws.
 */

/**
 * Money: thousands separators, 2 places for USD and USD stablecoins (and no currency), 6 for
 * coins (0.0016 BTC is real margin); the currency after the figure when given. Null and
 * non-finite values read "—".
 */
export function formatMoney(value: number | null, currency = ''): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const digits = currency === '' || isUsdStablecoin(currency) ? 2 : 6;
  const text = value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return currency ? `${text} ${currency}` : text;
}

/**
 * A fraction as a percentage, `digits` places (0.05704 → "5.70%"). Null reads "—", +Infinity
 * "∞" (a margin ratio with no equity left), −Infinity and NaN "—".
 */
export function formatPercent(value: number | null, digits = 2): string {
  if (value === null) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '—';
  return `${(value * 100).toFixed(digits)}%`;
}

/**
 * A price in its quote currency: thousands separators, 2 places from 1,000, 4 from 1, 6 below
 * (99,365.67; 2.3906; 0.000012). Null and non-finite values read "—".
 */
export function formatPrice(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const digits = value >= 1000 ? 2 : value >= 1 ? 4 : 6;
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}
