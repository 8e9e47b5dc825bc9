import { isUsdStablecoin } from '../engine/product/usd-stablecoins';

/**
 * How figures are written for people: money with thousands separators, rates as percentages,
 * prices with precision that suits their size. Shared by the popup, the overlay and the CLI.
 */
export function formatMoney(value: number | null, currency = ''): string {
  if (value === null || !Number.isFinite(value)) return '—';
  // Coins (BTC, ETH, …) need more places than dollars: 0.0016 BTC is real margin.
  const digits = currency === '' || isUsdStablecoin(currency) ? 2 : 6;
  const text = value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return currency ? `${text} ${currency}` : text;
}

export function formatPercent(value: number | null, digits = 2): string {
  if (value === null) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '—';
  return `${(value * 100).toFixed(digits)}%`;
}

export function formatPrice(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const digits = value >= 1000 ? 2 : value >= 1 ? 4 : 6;
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** Probabilities: below 0.01% they read "<0.01%" rather than a misleading 0.00%. */
export function formatProbability(value: number | null): string {
  if (value === null) return '—';
  if (value > 0 && value < 0.0001) return '<0.01%';
  return formatPercent(value);
}
