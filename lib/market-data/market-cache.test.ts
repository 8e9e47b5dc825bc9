import { describe, expect, it } from 'vitest';
import { DEFAULT_MARKET } from '../engine';
import { RISKMETRICS_FORECAST } from '../engine/market/vol-forecast';
import {
  createMarketCachePolicy,
  parseMarketCache,
  type DailyMarketFigures,
  type MarketCacheValue,
} from './market-cache';

// A cache written at 2025-02-11 00:00:05 UTC, five seconds after the 2025-02-10 candle closed.
// The figures are what the policy carries around, not computed here.
const daily: DailyMarketFigures = {
  fetchedAt: '2025-02-11T00:00:05.000Z',
  asOf: '2025-02-10T23:59:59.999Z',
  method: 'EWMA λ 0.89 (vols), 0.94 (correlations) of 248 daily log-returns to 2025-02-10',
  forecast: DEFAULT_MARKET.volForecast,
  assets: ['BTC', 'ETH', 'NEW'],
  annualVols: { BTC: 0.5, ETH: 0.7 },
  correlations: { 'BTC/ETH': 0.8 },
  missing: { NEW: 'only 40 complete daily candles of NEWUSDT on Binance; a live vol needs 76' },
  volSources: {},
};
const cache: MarketCacheValue = { daily };
const at = (iso: string) => createMarketCachePolicy(() => Date.parse(iso));

describe('market cache policy', () => {
  it('serves the rest of the UTC day it was read on, up to the last millisecond', () => {
    expect(at('2025-02-11T00:00:05.000Z').usableDaily(cache, ['BTC'])).toBe(daily);
    expect(at('2025-02-11T23:59:59.999Z').usableDaily(cache, ['BTC', 'ETH'])).toBe(daily);
  });

  it('goes stale at 00:00 UTC of the next day', () => {
    expect(at('2025-02-12T00:00:00.000Z').usableDaily(cache, ['BTC'])).toBeUndefined();
    expect(at('2025-02-11T00:00:00.000Z').dailyExpiry(daily)).toBe(
      Date.parse('2025-02-12T00:00:00.000Z'),
    );
  });

  it('is not used when read "in the future" (the clock went back) or with nothing stored', () => {
    expect(at('2025-02-11T00:00:04.999Z').usableDaily(cache, ['BTC'])).toBeUndefined();
    expect(at('2025-02-11T12:00:00.000Z').usableDaily(null, ['BTC'])).toBeUndefined();
  });

  it('is re-read when it was estimated with another forecast than the product’s, or says none', () => {
    const now = at('2025-02-11T12:00:00.000Z');
    // Figures from before an update that refitted the decays, e.g. RiskMetrics' λ 0.94 for both.
    expect(now.usableDaily({ daily: { ...daily, forecast: RISKMETRICS_FORECAST } }, ['BTC'])).toBe(
      undefined,
    );
    const withoutForecast = Object.fromEntries(
      Object.entries(daily).filter(([key]) => key !== 'forecast'),
    ) as unknown as DailyMarketFigures;
    expect(now.usableDaily({ daily: withoutForecast }, ['BTC'])).toBeUndefined();
    expect(parseMarketCache({ daily: withoutForecast })).toEqual({
      cache: { daily: withoutForecast },
    });
    expect(parseMarketCache({ daily: { ...daily, forecast: { volLambda: 2 } } }).problem).toBe(
      'stored market cache daily.forecast is not a pair of decays in (0, 1)',
    );
  });

  it('is re-read when an asset held is not covered; an asset it knows has no vol counts as covered', () => {
    expect(at('2025-02-11T12:00:00.000Z').usableDaily(cache, ['BTC', 'SOL'])).toBeUndefined();
    expect(at('2025-02-11T12:00:00.000Z').usableDaily(cache, ['NEW'])).toBe(daily);
  });
});

describe('parseMarketCache', () => {
  it('accepts what fetchLiveMarket stores, after a JSON round trip', () => {
    expect(parseMarketCache(JSON.parse(JSON.stringify(cache)))).toEqual({ cache });
    expect(parseMarketCache(null)).toEqual({ cache: null });
    expect(parseMarketCache(undefined)).toEqual({ cache: null });
  });

  it.each([
    ['a string', 'market', 'is not an object'],
    ['no daily figures', {}, 'has no daily figures'],
    [
      'a bad time',
      { daily: { ...daily, asOf: 'yesterday' } },
      'daily.asOf is not an ISO-8601 time',
    ],
    [
      'a vol that is not a number',
      { daily: { ...daily, annualVols: { BTC: '0.5' } } },
      'daily.annualVols.BTC is not a finite number',
    ],
    [
      'a broken asset list',
      { daily: { ...daily, assets: 'BTC' } },
      'daily.assets is not a list of assets',
    ],
    [
      'missing reasons',
      { daily: { ...daily, missing: [] } },
      'daily.missing is not a map of reasons',
    ],
    [
      'a version-1 value (no vol sources)',
      { daily: { ...daily, volSources: undefined } },
      'daily.volSources is not a map of sources',
    ],
    [
      'a source that is not text',
      { daily: { ...daily, volSources: { SOL: 1 } } },
      'daily.volSources is not a map of sources',
    ],
  ])('rejects %s, saying what is wrong', (_label, value, problem) => {
    expect(parseMarketCache(value)).toEqual({
      cache: null,
      problem: `stored market cache ${problem}`,
    });
  });
});
