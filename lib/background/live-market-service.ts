import type { LiveMarket, ValidatedPortfolio } from '../engine';
import type { CandleVenue } from '../market-data/candle-venues';
import { fetchLiveMarket, toEngineLiveMarket } from '../market-data/fetch-live-market';
import { liveMarketItem } from '../storage/live-market-item';
import { marketItem } from '../storage/market-item';
import { MARKET_DATA_HOSTS } from '../venues/api/venue-hosts';
import type { CcxtExchange } from '../venues/api/venue-api-types';

/**
 * Live public market data for the assets a portfolio holds (lib/market-data), read with the
 * accounts (on the refresh alarm and when the popup opens) and kept in storage for the risk
 * report: Binance and Deribit public prices, and daily candles from Binance or, for an asset
 * Binance lists no perpetual for, from the venue its positions are on (Hyperliquid, Bybit, OKX).
 * Only with the trader's permission for all of those public hosts (MARKET_DATA_HOSTS); without
 * it, or when a read fails or grows old, the report uses the embedded default and says why.
 */
export type PublicMarketVenue = 'binanceusdm' | 'deribit' | CandleVenue;

export interface LiveMarketEnvironment {
  readonly hasHostAccess: (origins: readonly string[]) => Promise<boolean>;
  /** Key-less ccxt exchanges for public endpoints. */
  readonly openPublic: (venue: PublicMarketVenue) => CcxtExchange;
  readonly now: () => number;
  /** Minutes between refreshes: a read older than three of them is not used. */
  readonly refreshMinutes: () => Promise<number>;
}

export interface LiveMarketService {
  refresh(portfolio: ValidatedPortfolio): Promise<void>;
  /** What the report should use now. */
  current(): Promise<LiveMarket>;
}

export const LIVE_MARKET_OFF =
  'live market data is off (turn it on in Margin Lens settings to read public prices from Binance and Deribit and daily candles from Binance, Hyperliquid, Bybit and OKX)';

export function createLiveMarketService(env: LiveMarketEnvironment): LiveMarketService {
  return {
    async refresh(portfolio) {
      if (!(await env.hasHostAccess(MARKET_DATA_HOSTS))) return;
      const assets = new Set<string>();
      const optionSymbols = new Set<string>();
      const heldOn: Record<string, string[]> = {};
      for (const account of portfolio.accounts) {
        for (const balance of account.balances) assets.add(balance.asset);
        for (const position of account.positions) {
          const asset = position.instrument.base;
          assets.add(asset);
          const venues = (heldOn[asset] ??= []);
          if (!venues.includes(account.venue)) venues.push(account.venue);
          // Deribit's mark IV and forward, for an option whose venue gave either not (a page
          // read, a file): one that carries both is valued on its own venue's.
          if (
            position.instrument.kind === 'option' &&
            (position.markIv === undefined || position.forwardPrice === undefined)
          )
            optionSymbols.add(position.symbol);
        }
      }
      if (assets.size === 0) return;
      const result = await fetchLiveMarket(
        {
          assets: [...assets],
          heldOn,
          optionSymbols: [...optionSymbols],
          cached: await marketItem.getValue(),
        },
        {
          binance: env.openPublic('binanceusdm'),
          deribit: env.openPublic('deribit'),
          candleVenue: env.openPublic,
          now: env.now,
        },
      );
      if (result.status === 'available') await marketItem.setValue(result.cache);
      await liveMarketItem.setValue({
        readAt: new Date(env.now()).toISOString(),
        live: toEngineLiveMarket(result),
      });
    },

    async current() {
      if (!(await env.hasHostAccess(MARKET_DATA_HOSTS))) return { unavailable: LIVE_MARKET_OFF };
      const stored = await liveMarketItem.getValue();
      if (stored === null) return { unavailable: 'live market data not read yet' };
      const ageMinutes = (env.now() - Date.parse(stored.readAt)) / 60_000;
      if (ageMinutes > 3 * (await env.refreshMinutes()))
        return {
          unavailable: `the last live market read is ${Math.round(ageMinutes)} minutes old`,
        };
      return stored.live;
    },
  };
}
