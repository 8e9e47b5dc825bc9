/**
 * Instrument names as a trader reads them. They live in the engine (its warnings name
 * instruments the same way, and the engine imports nothing above it); views import them here.
 */
export { instrumentName, instrumentNames } from '../engine/product/instrument-name';
import { hyperliquidMarketName } from '../engine/product/hyperliquid-market-name';

/**
 * The underlying of a ccxt unified symbol: its base (BTC of BTC/USDT:USDT; XYZ-NVDA for a HIP-3
 * market, as ccxt writes it). Legs on one underlying are the legs a hedge is made of.
 */
export function underlyingOf(symbol: string): string {
  return symbol.split('/')[0] ?? symbol;
}

/**
 * An underlying (as {@link underlyingOf} gives it) as a trader reads it in words: the venue's own
 * name for a Hyperliquid HIP-3 market (`XYZ-NVDA` → `xyz:NVDA`), else the coin (`BTC`).
 */
export function underlyingName(underlying: string): string {
  return hyperliquidMarketName(underlying);
}
