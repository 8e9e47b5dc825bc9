import { binanceCoinmAdapter } from '../binance/binance-coinm-adapter';
import { binanceUsdmAdapter } from '../binance/binance-usdm-adapter';
import { bybitAdapter } from '../bybit/bybit-adapter';
import { deribitAdapter } from '../deribit/deribit-adapter';
import { hyperliquidAdapter } from '../hyperliquid/hyperliquid-adapter';
import { okxAdapter } from '../okx/okx-adapter';
import type { VenueAdapter, VenueId } from './venue-api-types';

/** Every venue Margin Lens connects to, by ccxt id. */
export const VENUE_ADAPTERS: Readonly<Record<VenueId, VenueAdapter>> = {
  binanceusdm: binanceUsdmAdapter,
  binancecoinm: binanceCoinmAdapter,
  bybit: bybitAdapter,
  okx: okxAdapter,
  deribit: deribitAdapter,
  hyperliquid: hyperliquidAdapter,
};
