import { expiryTimeMs } from './expiry';
import { HIP3_BASE_PATTERN, hip3MarketOfBase } from './hyperliquid-market-name';
import { InstrumentKind, type Instrument } from './types';

/**
 * An asset as the engine names it, base or quote: upper-case letters and digits, or a HIP-3 base
 * (`XYZ-NVDA`). A pattern without anchors, for the symbol here and the file's asset-pair keys.
 */
export const ASSET_NAME_PATTERN = `(?:${HIP3_BASE_PATTERN}|[A-Z0-9]+)`;

const UNIFIED_SYMBOL = new RegExp(
  `^(${ASSET_NAME_PATTERN})\\/([A-Z0-9]+)(?::([A-Z0-9]+)(?:-(\\d{6})(?:-(\\d+(?:\\.\\d+)?)-([CP]))?)?)?$`,
);

/**
 * Reads a ccxt unified symbol into an {@link Instrument}.
 *
 * Forms (DESIGN.md §3): `BTC/USDT` spot; `BTC/USDT:USDT` linear perpetual; `BTC/USD:BTC`
 * inverse perpetual; `…-YYMMDD` future; `…-YYMMDD-STRIKE-C|P` option; `XYZ-NVDA/USDC:USDC` a
 * Hyperliquid builder-deployed (HIP-3) perpetual, dex and coin joined by a hyphen in the base
 * (hyperliquid-market-name.ts), which is a perpetual settled in its quote and nothing else. A
 * contract is inverse when it settles in its base asset. Futures and options carry their expiry
 * time (08:00 UTC on the date, expiry.ts); a date that is not on the calendar is refused. Returns
 * an error message instead of throwing.
 */
export function parseSymbol(symbol: string): Instrument | { error: string } {
  const match = UNIFIED_SYMBOL.exec(symbol);
  if (!match) {
    return { error: `"${symbol}" is not a ccxt unified symbol such as BTC/USDT:USDT` };
  }
  const [, base = '', quote = '', settle, expiry, strike, optionType] = match;
  if (
    hip3MarketOfBase(base) !== undefined &&
    (settle === undefined || settle !== quote || expiry !== undefined)
  ) {
    return {
      error: `"${symbol}" has a Hyperliquid HIP-3 base (dex-coin), which only a perpetual settled in its quote has, such as XYZ-NVDA/USDC:USDC`,
    };
  }
  if (settle === undefined) {
    return { symbol, kind: InstrumentKind.spot, base, quote, settle: quote };
  }
  const inverse = settle === base;
  if (!inverse && settle !== quote) {
    return { error: `"${symbol}" settles in ${settle}, which is neither its base nor its quote` };
  }
  if (expiry === undefined) {
    const kind = inverse ? InstrumentKind.inversePerpetual : InstrumentKind.linearPerpetual;
    return { symbol, kind, base, quote, settle };
  }
  const expiryTime = expiryTimeMs(expiry);
  if (expiryTime === undefined) {
    return { error: `"${symbol}" expires on ${expiry}, which is not a calendar date (YYMMDD)` };
  }
  if (strike !== undefined && optionType !== undefined) {
    return {
      symbol,
      kind: InstrumentKind.option,
      base,
      quote,
      settle,
      expiry,
      expiryTimeMs: expiryTime,
      strike: Number(strike),
      optionType: optionType === 'C' ? 'call' : 'put',
    };
  }
  const kind = inverse ? InstrumentKind.inverseFuture : InstrumentKind.linearFuture;
  return { symbol, kind, base, quote, settle, expiry, expiryTimeMs: expiryTime };
}
