import { NotSupported } from 'ccxt-src/base/errors.js';
import type { CcxtExchange } from '../api/venue-api-types';

/**
 * The Binance endpoints the adapters read, called through ccxt's implicit API (ccxt signs them,
 * spaces them by weight and turns Binance's `{code, msg}` errors into its error classes), with
 * the label that names the endpoint in messages and tier-table sources.
 *
 * Why not ccxt's unified `fetchPositions` / `fetchBalance`: they parse money into floats, drop
 * a position whose `entryPrice` is not positive without a word, and throw a bare SyntaxError on a
 * malformed decimal (ccxt 4.5.84 `binance.js` fetchPositionsRisk, Precise); the adapters need the
 * venue's strings and a clear error naming the field (../api/payload-reader.ts). Markets still come from
 * ccxt's unified `loadMarkets`.
 */
export interface BinanceEndpoint {
  /** ccxt's implicit method, e.g. `fapiPrivateV3GetPositionRisk`. */
  readonly method: string;
  /** `GET /fapi/v3/positionRisk`. */
  readonly label: string;
}

const endpoint = (method: string, label: string): BinanceEndpoint => ({ method, label });

export const BINANCE_ENDPOINTS = {
  usdmPositionRisk: endpoint('fapiPrivateV3GetPositionRisk', 'GET /fapi/v3/positionRisk'),
  usdmAccount: endpoint('fapiPrivateV3GetAccount', 'GET /fapi/v3/account'),
  usdmLeverageBrackets: endpoint('fapiPrivateGetLeverageBracket', 'GET /fapi/v1/leverageBracket'),
  usdmAccountConfig: endpoint('fapiPrivateGetAccountConfig', 'GET /fapi/v1/accountConfig'),
  usdmSymbolConfig: endpoint('fapiPrivateGetSymbolConfig', 'GET /fapi/v1/symbolConfig'),
  usdmAssetIndex: endpoint('fapiPublicGetAssetIndex', 'GET /fapi/v1/assetIndex'),
  pmAccount: endpoint('papiGetAccount', 'GET /papi/v1/account'),
  pmBalance: endpoint('papiGetBalance', 'GET /papi/v1/balance'),
  pmUmPositionRisk: endpoint('papiGetUmPositionRisk', 'GET /papi/v1/um/positionRisk'),
  pmCmPositionRisk: endpoint('papiGetCmPositionRisk', 'GET /papi/v1/cm/positionRisk'),
  pmUmLeverageBrackets: endpoint('papiGetUmLeverageBracket', 'GET /papi/v1/um/leverageBracket'),
  pmUmPositionMode: endpoint('papiGetUmPositionSideDual', 'GET /papi/v1/um/positionSide/dual'),
  pmAssetIndexPrices: endpoint(
    'sapiGetPortfolioAssetIndexPrice',
    'GET /sapi/v1/portfolio/asset-index-price',
  ),
  pmCollateralRates: endpoint(
    'sapiGetPortfolioCollateralRate',
    'GET /sapi/v1/portfolio/collateralRate',
  ),
  coinmPositionRisk: endpoint('dapiPrivateGetPositionRisk', 'GET /dapi/v1/positionRisk'),
  coinmAccount: endpoint('dapiPrivateGetAccount', 'GET /dapi/v1/account'),
  coinmLeverageBrackets: endpoint(
    'dapiPrivateV2GetLeverageBracket',
    'GET /dapi/v2/leverageBracket',
  ),
  coinmPositionMode: endpoint('dapiPrivateGetPositionSideDual', 'GET /dapi/v1/positionSide/dual'),
  apiRestrictions: endpoint(
    'sapiGetAccountApiRestrictions',
    'GET /sapi/v1/account/apiRestrictions',
  ),
} as const satisfies Record<string, BinanceEndpoint>;

/** Calls one endpoint with no parameters; ccxt adds `timestamp`, `recvWindow` and `signature`. */
export async function binanceGet(
  exchange: CcxtExchange,
  target: BinanceEndpoint,
): Promise<unknown> {
  const method: unknown = (exchange as unknown as Record<string, unknown>)[target.method];
  if (typeof method !== 'function')
    throw new NotSupported(`${exchange.id} has no ${target.label} in this ccxt version`);
  return (await (method as (params: object) => Promise<unknown>).call(exchange, {})) as unknown;
}
