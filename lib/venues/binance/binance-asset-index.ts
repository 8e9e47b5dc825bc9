import Decimal from 'decimal.js';
import type { PayloadReader } from '../api/payload-reader';

/**
 * Binance's Multi-Assets mode asset index, `GET /fapi/v1/assetIndex` (public, every pair when no
 * symbol is sent;
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Multi-Assets-Mode-Asset-Index):
 * per asset pair `ASSETUSD` (`BTCUSD`, `USDTUSD`) the USD `index` and the valuation buffers
 * `bidBuffer` and `askBuffer` (fractions, decimal strings), with `bidRate` = index × (1 −
 * bidBuffer) and `askRate` = index × (1 + askBuffer), which the engine recomputes from the three
 * (lib/engine/margin/binance-multi-assets-account.ts). The auto-exchange buffers are not margin
 * and are not read. Keyed by asset (`BTC`); a pair not quoted in USD is malformed.
 */
export interface BinanceAssetIndex {
  readonly asset: string;
  /** USD index price. */
  readonly index: string;
  readonly bidBuffer: string;
  readonly askBuffer: string;
}

export function parseBinanceAssetIndex(
  payload: unknown,
  reader: PayloadReader,
): ReadonlyMap<string, BinanceAssetIndex> {
  const indices = new Map<string, BinanceAssetIndex>();
  reader.array(payload, 'response').forEach((raw, position) => {
    const entry = reader.object(raw, `[${position}]`);
    const symbol = reader.text(entry.symbol, `[${position}] symbol`);
    const where = `[${position}] "${symbol}"`;
    if (!symbol.endsWith('USD') || symbol.length <= 3)
      reader.fail(`${where} symbol`, 'must be an asset quoted in USD ("BTCUSD")');
    const asset = symbol.slice(0, -3);
    if (indices.has(asset)) reader.fail(`${where} symbol`, `lists ${symbol} twice`);
    const bidBuffer = reader.decimalString(entry.bidBuffer, `${where} bidBuffer`, 'nonNegative');
    if (new Decimal(bidBuffer).gte(1))
      reader.fail(`${where} bidBuffer`, `must be below 1, got "${bidBuffer}"`);
    indices.set(asset, {
      asset,
      index: reader.decimalString(entry.index, `${where} index`, 'positive'),
      bidBuffer,
      askBuffer: reader.decimalString(entry.askBuffer, `${where} askBuffer`, 'nonNegative'),
    });
  });
  return indices;
}
