/**
 * Inverse (coin-margined) contracts: notional fixed in USD, profit and margin in the coin
 * (methodology §0, §4.2; Deribit's and Binance COIN-M's convention).
 *
 *   P&L in coin = side × N_usd × (1/entry − 1/exit)
 *
 * Units: notional in USD (contracts × contract size), prices in USD per coin, result in coin.
 */
export function inversePnlInCoin(
  side: 1 | -1,
  notionalUsd: number,
  entryPrice: number,
  exitPrice: number,
): number {
  if (!(entryPrice > 0) || !(exitPrice > 0))
    throw new RangeError('inversePnlInCoin requires positive prices');
  return side * notionalUsd * (1 / entryPrice - 1 / exitPrice);
}

/**
 * Payoff in coin of an inverse (coin-settled) European option at expiry (Deribit "Inverse
 * Options"; methodology §4.2): call max(S − K, 0)/S, put max(K − S, 0)/S, per one coin of
 * underlying, S the settlement (delivery) price.
 */
export function inverseOptionPayoffInCoin(
  type: 'call' | 'put',
  strike: number,
  settlementPrice: number,
): number {
  if (!(settlementPrice > 0))
    throw new RangeError('inverseOptionPayoffInCoin requires a positive settlement price');
  const intrinsic =
    type === 'call' ? Math.max(settlementPrice - strike, 0) : Math.max(strike - settlementPrice, 0);
  return intrinsic / settlementPrice;
}
