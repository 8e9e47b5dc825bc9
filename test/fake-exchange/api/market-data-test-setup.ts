import type { LiveMarketResult } from '../../../lib/market-data/fetch-live-market';
import type { CandleVenue } from '../../../lib/market-data/candle-venues';
import { exchangeAt, withFakeApi } from './adapter-test-setup';
import { bybitFakeApi } from './bybit-api';
import type { RunningFakeApi } from './fake-api';
import { hyperliquidApi } from './hyperliquid-api';
import { marketDataApi, type MarketFaults } from './market-data-api';
import { okxFakeApi } from './okx-api';

/**
 * What the live-market tests share (lib/market-data/fetch-live-market*.test.ts): the fake public
 * endpoints, key-less ccxt exchanges pointed at them, the tests' clock, and the RiskMetrics EWMA
 * written out by hand to check the figures against.
 */

/**
 * The tests' clock: 2025-02-11 12:00 UTC, so the fixtures' 2025-02-11 candle is still trading
 * and the 249 candles 2024-06-07 … 2025-02-10 are complete (fixtures/market/make-market-fixtures.ts).
 */
export const MARKET_TEST_NOW = Date.parse('2025-02-11T12:00:00Z');

/**
 * The market-data routes with `faults` for one test, and the candle venues' instrument lists
 * (ccxt's `loadMarkets` before `fetchOHLCV`); public endpoints need no profiles.
 */
export function withMarketApi<T>(
  faults: MarketFaults,
  run: (api: RunningFakeApi) => Promise<T>,
): Promise<T> {
  return withFakeApi(
    [marketDataApi(faults), hyperliquidApi, bybitFakeApi, okxFakeApi],
    { profiles: {} },
    run,
  );
}

/** `fetchLiveMarket`'s sources: key-less exchanges at the fake API, and the clock. */
export function publicSources(api: RunningFakeApi, now = MARKET_TEST_NOW) {
  return {
    binance: exchangeAt('binanceusdm', undefined, api.baseUrl),
    deribit: exchangeAt('deribit', undefined, api.baseUrl),
    candleVenue: (venue: CandleVenue) => exchangeAt(venue, undefined, api.baseUrl),
    now: () => now,
  };
}

export function availableMarket(result: LiveMarketResult) {
  if (result.status !== 'available') throw new Error(`unavailable: ${result.reason}`);
  return result;
}

/**
 * RiskMetrics EWMA written out directly (not through lib/engine) for two series of closes on the
 * same days: seed = mean of the first 30 products, then C ← 0.94·C + 0.06·a·b over every
 * return; vols √(365·C).
 */
export function directEwma(
  a: readonly number[],
  b: readonly number[],
): { volA: number; volB: number; rho: number } {
  const ra = a.slice(1).map((close, t) => Math.log(close / (a[t] as number)));
  const rb = b.slice(1).map((close, t) => Math.log(close / (b[t] as number)));
  let caa = 0;
  let cbb = 0;
  let cab = 0;
  for (let t = 0; t < 30; t++) {
    caa += (ra[t] as number) ** 2 / 30;
    cbb += (rb[t] as number) ** 2 / 30;
    cab += ((ra[t] as number) * (rb[t] as number)) / 30;
  }
  for (let t = 0; t < ra.length; t++) {
    caa = 0.94 * caa + 0.06 * (ra[t] as number) ** 2;
    cbb = 0.94 * cbb + 0.06 * (rb[t] as number) ** 2;
    cab = 0.94 * cab + 0.06 * (ra[t] as number) * (rb[t] as number);
  }
  return {
    volA: Math.sqrt(365 * caa),
    volB: Math.sqrt(365 * cbb),
    rho: cab / Math.sqrt(caa * cbb),
  };
}

/** |actual − expected| within 64 ulps of expected: the same formula summed in another order. */
export function ulpsClose(actual: number | undefined, expected: number): boolean {
  return Math.abs((actual ?? Number.NaN) - expected) < 64 * Number.EPSILON * Math.abs(expected);
}
