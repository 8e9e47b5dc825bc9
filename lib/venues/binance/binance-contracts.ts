import type { CcxtExchange } from '../api/venue-api-types';
import { PayloadReader } from '../api/payload-reader';

/**
 * The venue's contracts by Binance market id (`BTCUSDT`, `BTCUSD_PERP`), from ccxt's unified
 * `loadMarkets` (`GET /fapi/v1/exchangeInfo` or `GET /dapi/v1/exchangeInfo`, public): the ccxt
 * unified symbol (`BTC/USDT:USDT`, `BTC/USD:BTC-261225`), the settlement (margin) asset and the
 * contract size as a decimal string.
 *
 * Contract size: USDⓈ-M quantities are in the base asset, so 1; COIN-M contracts are worth a
 * fixed USD amount, read from the raw `contractSize` of exchangeInfo (100 for BTCUSD, 10 for the
 * others: https://developers.binance.com/docs/derivatives/coin-margined-futures/market-data/rest-api/Exchange-Information)
 * rather than ccxt's float.
 */
export interface BinanceContract {
  readonly marketId: string;
  readonly symbol: string;
  readonly settle: string;
  readonly contractSize: string;
}

export type ContractKind = 'linear' | 'inverse';

export async function loadBinanceContracts(
  exchange: CcxtExchange,
  kind: ContractKind,
): Promise<ReadonlyMap<string, BinanceContract>> {
  const markets = await exchange.loadMarkets();
  const reader = new PayloadReader(
    exchange.id,
    kind === 'linear' ? 'GET /fapi/v1/exchangeInfo' : 'GET /dapi/v1/exchangeInfo',
  );
  const contracts = new Map<string, BinanceContract>();
  for (const market of Object.values(markets)) {
    if (
      !market ||
      market.contract !== true ||
      market[kind] !== true ||
      typeof market.id !== 'string'
    )
      continue;
    const where = `symbols "${market.id}"`;
    const info = reader.object(market.info, where);
    contracts.set(market.id, {
      marketId: market.id,
      symbol: market.symbol,
      settle: reader.text(market.settle, `${where} marginAsset`),
      contractSize:
        kind === 'linear'
          ? '1'
          : reader.numericDecimal(info.contractSize, `${where} contractSize`, 'positive'),
    });
  }
  return contracts;
}
