/**
 * Hyperliquid market names and the ccxt unified symbols that stand for them — the one place the
 * builder-deployed (HIP-3) symbol form is defined.
 *
 * The venue names a perpetual by its coin: a coin of the first perp dex by its name (`BTC`,
 * `kPEPE`), a coin of a builder-deployed dex by `<dex>:<asset>` (`xyz:NVDA`): the names of the
 * `meta` universe with `dex` and of `perpDexs`' `assetToStreamingOiCap`
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint/perpetuals,
 * "Retrieve all perpetual dexs"). A dex settles in its own collateral token (USDC, USDH, …;
 * https://hyperliquid.gitbook.io/hyperliquid-docs/hyperliquid-improvement-proposals-hips/hip-3-builder-deployed-perpetuals).
 *
 * ccxt (4.5.84, hyperliquid.js `parseMarket`) writes the coin upper-cased as the base, a HIP-3
 * coin with its colon made a hyphen, and the dex's collateral token as quote and settlement:
 * `BTC/USDC:USDC`, `XYZ-NVDA/USDC:USDC`, `FLX-TSLA/USDH:USDH`. The base `XYZ-NVDA` is the
 * engine's underlying of that market.
 */

/**
 * A HIP-3 base: the dex and the asset, upper-case letters and digits, joined by one hyphen; as a
 * pattern to build others from (parse-symbol.ts) and as an anchored reader of its two parts.
 */
export const HIP3_BASE_PATTERN = '[A-Z0-9]+-[A-Z0-9]+';
const HIP3_BASE = /^([A-Z0-9]+)-([A-Z0-9]+)$/;

export interface Hip3Market {
  /** The dex as the venue writes it, lower-case (`xyz`). */
  readonly dex: string;
  /** The asset as ccxt writes it, upper-case (`NVDA`). */
  readonly asset: string;
}

/** The dex and asset of a HIP-3 base (`XYZ-NVDA`), or undefined for any other base. */
export function hip3MarketOfBase(base: string): Hip3Market | undefined {
  const match = HIP3_BASE.exec(base);
  if (match === null) return undefined;
  const [, dex = '', asset = ''] = match;
  return { dex: dex.toLowerCase(), asset };
}

/** ccxt's base of a venue coin: `BTC` → `BTC`, `kPEPE` → `KPEPE`, `xyz:NVDA` → `XYZ-NVDA`. */
export function hyperliquidBase(coin: string): string {
  return coin.toUpperCase().replace(':', '-');
}

/** ccxt's symbol of a venue coin settled in `collateral`: `XYZ-NVDA/USDC:USDC`. */
export function hyperliquidSymbol(coin: string, collateral: string): string {
  const settle = collateral.toUpperCase();
  return `${hyperliquidBase(coin)}/${settle}:${settle}`;
}

/**
 * The market's name as Hyperliquid shows it, from its base: `XYZ-NVDA` → `xyz:NVDA`, `BTC` →
 * `BTC` (the asset in ccxt's upper case: the venue's own case, as in `kPEPE`, is not in the
 * symbol).
 */
export function hyperliquidMarketName(base: string): string {
  const hip3 = hip3MarketOfBase(base);
  return hip3 === undefined ? base : `${hip3.dex}:${hip3.asset}`;
}
