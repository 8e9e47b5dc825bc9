import { venueName } from '../connections/account-names';
import { instrumentName } from '../format/instrument-name';

/**
 * Names and short phrases the alerts share, in a trader's words: venues by their names, accounts
 * by the trader's own labels, instruments by their plain names (never a ccxt symbol).
 */

/**
 * "Binance USDⓈ-M futures (Main)": the venue and the trader's label for the account; the venue
 * alone when the label only repeats the venue (a connection named nothing is labelled by the
 * venue's id). A label that names its settlement asset ("Main (USDT)", one of a connection's
 * accounts) reads "(Main, USDT)".
 */
export function accountName(venue: string, label: string): string {
  const name = venueName(venue);
  const plain = label.trim();
  if (plain === '' || plain === venue || plain.toLowerCase() === name.toLowerCase()) return name;
  return `${name} (${plain.replace(/^(.+) \(([^()]+)\)$/, '$1, $2')})`;
}

/** "Bybit (hedge) BTC perp short". */
export function positionName(
  venue: string,
  label: string,
  symbol: string,
  side: 'long' | 'short',
): string {
  return `${accountName(venue, label)} ${instrumentName(symbol)} ${side}`;
}

/** What σ means in the messages: "σ = a typical day's move of the price" (24 h), or of h hours. */
export function sigmaMeaning(horizonHours: number): string {
  return horizonHours === 24
    ? "daily σ = a typical day's move of the price"
    : `${horizonHours} h σ = a typical ${horizonHours}-hour move of the price`;
}

/** "22 min", "3 h 5 min", "2 days": how long ago, to the minute. */
export function durationText(seconds: number): string {
  const minutes = Math.max(0, Math.round(seconds / 60));
  if (minutes < 90) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}
