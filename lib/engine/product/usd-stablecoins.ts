/**
 * The settlement assets the engine values at one US dollar (an assumed peg, reported as such in
 * the report's inputs when no price is given): USD itself and the USD stablecoins the venues
 * settle in.
 */
const USD_STABLECOINS: ReadonlySet<string> = new Set(['USD', 'USDT', 'USDC']);

export function isUsdStablecoin(asset: string): boolean {
  return USD_STABLECOINS.has(asset);
}
