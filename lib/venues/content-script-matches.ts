/**
 * Where Margin Lens's content scripts run, in one place: the content scripts declare these
 * matches, and the background trusts content-script messages only from these origins. (Reading
 * them back from the manifest fails under `wxt` dev mode, which registers content scripts at
 * run time instead of in the manifest.)
 */
export const BINANCE_CONTENT_MATCHES = ['https://www.binance.com/*'] as const;

export const CONTENT_SCRIPT_MATCHES: readonly string[] = [...BINANCE_CONTENT_MATCHES];
