import { binanceCoinmAdapter } from '../binance/binance-coinm-adapter';
import { binanceUsdmAdapter } from '../binance/binance-usdm-adapter';
import { bitgetAdapter } from '../bitget/bitget-adapter';
import { bybitAdapter } from '../bybit/bybit-adapter';
import { deribitAdapter } from '../deribit/deribit-adapter';
import { gateAdapter } from '../gate/gate-adapter';
import { hyperliquidAdapter } from '../hyperliquid/hyperliquid-adapter';
import { okxAdapter } from '../okx/okx-adapter';
import type { VenueId } from '../venue-descriptors';
import type { VenueAdapter } from './venue-api-types';

/**
 * Each venue descriptor's adapter, by its id (the type asks for one per descriptor). Kept out of
 * the descriptors because adapters pull ccxt and decimal.js (venue-descriptors.ts).
 */
export const VENUE_ADAPTERS: Readonly<Record<VenueId, VenueAdapter>> = {
  binanceusdm: binanceUsdmAdapter,
  binancecoinm: binanceCoinmAdapter,
  bybit: bybitAdapter,
  okx: okxAdapter,
  deribit: deribitAdapter,
  hyperliquid: hyperliquidAdapter,
  bitget: bitgetAdapter,
  gate: gateAdapter,
};
