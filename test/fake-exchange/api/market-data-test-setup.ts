import { DEFAULT_MARKET } from '../../../lib/engine/market/default-market';
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
 * The product's EWMA forecast written out directly (not through lib/engine) for two series of
 * closes on the same days: seed = mean of the first 30 products, then C ← λ·C + (1 − λ)·a·b over
 * every return, λ_v for the vols √(365·C_aa) and λ_c for the correlation (the embedded market's
 * fitted decays, lib/engine/market/vol-forecast.ts).
 */
export function directEwma(
  a: readonly number[],
  b: readonly number[],
  { volLambda, correlationLambda } = DEFAULT_MARKET.volForecast,
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
  let vaa = caa;
  let vbb = cbb;
  for (let t = 0; t < ra.length; t++) {
    vaa = volLambda * vaa + (1 - volLambda) * (ra[t] as number) ** 2;
    vbb = volLambda * vbb + (1 - volLambda) * (rb[t] as number) ** 2;
    caa = correlationLambda * caa + (1 - correlationLambda) * (ra[t] as number) ** 2;
    cbb = correlationLambda * cbb + (1 - correlationLambda) * (rb[t] as number) ** 2;
    cab = correlationLambda * cab + (1 - correlationLambda) * (ra[t] as number) * (rb[t] as number);
  }
  return {
    volA: Math.sqrt(365 * vaa),
    volB: Math.sqrt(365 * vbb),
    rho: cab / Math.sqrt(caa * cbb),
  };
}

/** |actual − expected| within 64 ulps of expected: the same formula summed in another order. */
export function ulpsClose(actual: number | undefined, expected: number): boolean {
  return Math.abs((actual ?? Number.NaN) - expected) < 64 * Number.EPSILON * Math.abs(expected);
}
