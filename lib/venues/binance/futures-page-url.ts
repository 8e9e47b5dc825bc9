/**
 * Reads the contract shown on a Binance USDⓈ-M futures page from its URL.
 *
 * Test URLs: https://www.binance.com/en/futures/BTCUSDT,
 * https://www.binance.com/fr/futures/ETHUSDC?type=limit, https://www.binance.com/en/futures/BTCUSDT_250328.
 * The path's last segment is the Binance market id; USDT and USDC quoted ids are USDⓈ-M
 * linear contracts (COIN-M pages live under /delivery/ and are not matched here).
 */
export interface BinanceFuturesPage {
  readonly venue: 'binanceusdm';
  readonly marketId: string;
  /** ccxt unified symbol, e.g. BTC/USDT:USDT or BTC/USDT:USDT-250328. */
  readonly symbol: string;
}

export function parseBinanceFuturesUrl(url: string): BinanceFuturesPage | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.hostname !== 'www.binance.com') return null;
  const match =
    /^\/(?:[a-z]{2}(?:-[A-Za-z]{2})?\/)?futures\/([A-Z0-9]{2,20}?)(USDT|USDC)(?:_(\d{6}))?\/?$/.exec(
      parsed.pathname,
    );
  if (!match) return null;
  const [, base = '', quote = '', expiry] = match;
  const symbol = `${base}/${quote}:${quote}${expiry ? `-${expiry}` : ''}`;
  return { venue: 'binanceusdm', marketId: `${base}${quote}${expiry ? `_${expiry}` : ''}`, symbol };
}
