import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApi, type RunningFakeApi } from '../../test/fake-exchange/api/fake-api';
import klinesFixture from '../../test/fake-exchange/api/fixtures/market/binance-klines-1d.json';
import premiumFixture from '../../test/fake-exchange/api/fixtures/market/binance-premium-index.json';
import {
  BINANCE_RATE_LIMITED,
  DERIBIT_RATE_LIMITED,
  MARKET_DATA_API,
  type MarketFaults,
} from '../../test/fake-exchange/api/market-data-api';
import {
  availableMarket as available,
  directEwma,
  MARKET_TEST_NOW as NOW,
  publicSources as sources,
  ulpsClose,
  withMarketApi,
} from '../../test/fake-exchange/api/market-data-test-setup';
import { calculateRiskReport, DEMO_PORTFOLIO, parsePortfolio } from '../engine';
import { fetchLiveMarket, toEngineLiveMarket } from './fetch-live-market';
import { DEFAULT_MARKET } from '../engine/market/default-market';
import { volForecastLabel } from '../engine/market/vol-forecast';

const FORECAST_LABEL = volForecastLabel(DEFAULT_MARKET.volForecast);

const DAY_MS = 86_400_000;

/** The market-data routes with `faults` for one test. */
function withApi<T>(faults: MarketFaults, run: (api: RunningFakeApi) => Promise<T>): Promise<T> {
  return withMarketApi(faults, run);
}

/** Closes of the fixture's complete candles (closeTime before NOW), straight from the JSON rows. */
function fixtureCloses(contract: 'BTCUSDT' | 'ETHUSDT' | 'SOLUSDT'): number[] {
  return (klinesFixture.klines[contract] as unknown[][])
    .filter((row) => (row[6] as number) < NOW)
    .map((row) => Number(row[4]));
}

describe('fetchLiveMarket against the fake public endpoints', () => {
  let api: RunningFakeApi;
  let result: ReturnType<typeof available>;
  const options = [
    'BTC/USD:BTC-250328-90000-P',
    'BTC/USD:BTC-250627-100000-C',
    'SOL/USDC:USDC-250328-200-C',
    'BTC/USD:BTC-250328-80000-C',
  ];

  beforeAll(async () => {
    api = await startFakeApi([MARKET_DATA_API], { profiles: {} });
    result = available(
      await fetchLiveMarket(
        { assets: ['ETH', 'BTC', 'USDT', 'BTC'], optionSymbols: options },
        sources(api),
      ),
    );
  });
  afterAll(() => api.close());

  it('reads index, mark and funding exactly as the fixture has them', () => {
    const btc = premiumFixture.response.find((row) => row.symbol === 'BTCUSDT');
    expect(result.market.prices.BTC).toBe(new Decimal(btc?.indexPrice ?? '').toNumber());
    expect(result.market.prices.BTC).toBe(95057.5390625);
    expect(result.quotes.BTC).toEqual({
      symbol: 'BTC/USDT:USDT',
      markPrice: new Decimal(btc?.markPrice ?? '').toString(),
      indexPrice: new Decimal(btc?.indexPrice ?? '').toString(),
      lastFundingRate: '0.0001',
      nextFundingTime: Date.parse('2025-02-11T16:00:00Z'),
    });
    expect(result.market.fundingRates).toEqual({
      'BTC/USDT:USDT': 0.0001,
      'ETH/USDT:USDT': 0.0001,
    });
    expect(result.market.source).toBe('Binance USDⓈ-M public API');
    expect(result.market.asOf).toBe('2025-02-11T12:00:00.000Z');
  });

  it('computes vols and the correlation as the RiskMetrics EWMA of the fixture’s complete candles', () => {
    const btc = fixtureCloses('BTCUSDT');
    const eth = fixtureCloses('ETHUSDT');
    expect(btc).toHaveLength(249);
    const direct = directEwma(btc, eth);
    // Same formula, summed in another order: equal to a few ulps.
    expect(ulpsClose(result.market.annualVols.BTC, direct.volA)).toBe(true);
    expect(ulpsClose(result.market.annualVols.ETH, direct.volB)).toBe(true);
    expect(ulpsClose(result.market.correlations['BTC/ETH'], direct.rho)).toBe(true);
    expect(result.market.volsAsOf).toBe('2025-02-10T23:59:59.999Z');
    expect(result.market.volsMethod).toBe(
      `${FORECAST_LABEL} of 248 daily log-returns to 2025-02-10 (Binance USDⓈ-M daily candles)`,
    );
  });

  it('reads Deribit mark IVs as fractions and the forwards they apply to, by unified symbol, and says which option is not listed', () => {
    expect(result.market.optionMarkIvs).toEqual({
      source: 'Deribit public API',
      asOf: '2025-02-11T12:00:00.000Z',
      values: {
        'BTC/USD:BTC-250328-90000-P': 0.525,
        'BTC/USD:BTC-250627-100000-C': 0.551,
        'SOL/USDC:USDC-250328-200-C': 0.713,
      },
      // The forward each mark IV applies to (the fixture takes it equal to the index).
      forwards: {
        'BTC/USD:BTC-250328-90000-P': 95057.54,
        'BTC/USD:BTC-250627-100000-C': 95057.54,
        'SOL/USDC:USDC-250328-200-C': 195.77,
      },
    });
    expect(result.market.missing).toEqual({
      USDT: 'a USD stablecoin: no USDT perpetual prices it; the engine values it at its peg',
      'BTC/USD:BTC-250328-80000-C': 'Deribit lists no such BTC option (expired or never listed)',
    });
  });

  it('uses only implicit raw endpoints: no exchangeInfo, no instrument lists', () => {
    const paths = api.requests.map((line) => line.split(' ').at(-1));
    expect(paths.some((path) => path?.includes('exchangeInfo'))).toBe(false);
    expect(paths.some((path) => path?.includes('get_instruments'))).toBe(false);
    expect(paths.some((path) => path?.includes('get_currencies'))).toBe(false);
    expect([...new Set(paths)].sort()).toEqual([
      '/api/v2/public/get_book_summary_by_currency',
      '/fapi/v1/klines',
      '/fapi/v1/premiumIndex',
    ]);
  });

  it('feeds the engine: the report’s vols are the live ones, origin live', () => {
    const report = calculateRiskReport(parsePortfolio(DEMO_PORTFOLIO), {
      liveMarket: toEngineLiveMarket(result),
    });
    expect(report.inputs.annualVols.BTC).toMatchObject({
      value: result.market.annualVols.BTC,
      origin: 'live',
      asOf: '2025-02-10T23:59:59.999Z',
    });
    expect(report.inputs.correlations['BTC/ETH']?.origin).toBe('live');
  });
});

describe('the daily cache', () => {
  it('reuses vols and correlations on the same UTC day and reads candles again the next day', async () => {
    await withApi({}, async (api) => {
      const first = available(await fetchLiveMarket({ assets: ['BTC', 'ETH'] }, sources(api)));
      expect(first.dailyFromCache).toBe(false);
      const klineCalls = () =>
        api.requests.filter((line) => line.endsWith('/fapi/v1/klines')).length;
      expect(klineCalls()).toBe(2);

      const later = available(
        await fetchLiveMarket(
          { assets: ['BTC', 'ETH'], cached: JSON.parse(JSON.stringify(first.cache)) },
          sources(api, NOW + 11 * 3_600_000),
        ),
      );
      expect(later.dailyFromCache).toBe(true);
      expect(klineCalls()).toBe(2);
      expect(later.market.annualVols).toEqual(first.market.annualVols);
      // Marks are read on every call.
      expect(api.requests.filter((line) => line.endsWith('/premiumIndex'))).toHaveLength(2);

      const nextDay = available(
        await fetchLiveMarket(
          { assets: ['BTC', 'ETH'], cached: first.cache },
          sources(api, NOW + DAY_MS),
        ),
      );
      expect(nextDay.dailyFromCache).toBe(false);
      expect(klineCalls()).toBe(4);
      // The 2025-02-11 candle has closed: one more day in the estimate.
      expect(nextDay.market.volsAsOf).toBe('2025-02-11T23:59:59.999Z');
      expect(nextDay.cache.daily.fetchedAt).toBe('2025-02-12T12:00:00.000Z');
    });
  });

  it('reads candles again when a newly held asset is not covered, and replaces a damaged cache', async () => {
    await withApi({}, async (api) => {
      const first = available(await fetchLiveMarket({ assets: ['BTC'] }, sources(api)));
      const wider = available(
        await fetchLiveMarket({ assets: ['BTC', 'SOL'], cached: first.cache }, sources(api)),
      );
      expect(wider.dailyFromCache).toBe(false);
      expect(Object.keys(wider.market.annualVols).sort()).toEqual(['BTC', 'SOL']);
      const damaged = available(
        await fetchLiveMarket(
          { assets: ['BTC'], cached: { daily: { fetchedAt: 7 } } },
          sources(api),
        ),
      );
      expect(damaged.dailyFromCache).toBe(false);
      expect(damaged.notes).toEqual([
        'stored market cache daily.fetchedAt is not an ISO-8601 time; read again',
      ]);
    });
  });
});

describe('assets the live source cannot price', () => {
  it('lists an asset without a USDT perpetual and one with too short a history', async () => {
    const shortEth: MarketFaults = {
      klines: (request) =>
        request.query.get('symbol') === 'ETHUSDT'
          ? { status: 200, body: klinesFixture.klines.ETHUSDT.slice(-41) }
          : undefined,
    };
    await withApi(shortEth, async (api) => {
      const result = available(
        await fetchLiveMarket({ assets: ['BTC', 'ETH', 'XYZ'] }, sources(api)),
      );
      expect(result.market.missing).toEqual({
        ETH: 'only 40 complete daily candles of ETHUSDT on Binance; a live vol needs 76',
        XYZ: 'no Binance USDⓈ-M perpetual XYZUSDT; Hyperliquid: no XYZ/USDC:USDC perpetual; Bybit: no XYZ/USDT:USDT or XYZ/USDC:USDC perpetual; OKX: no XYZ/USDT:USDT or XYZ/USDC:USDC perpetual',
      });
      expect(Object.keys(result.market.annualVols)).toEqual(['BTC']);
      expect(result.market.correlations).toEqual({});
      // ETH is still priced (its index is in the premium index fixture: "2589.82128906").
      expect(result.market.prices.ETH).toBe(2589.82128906);
    });
  });
});

describe('failures come back as a typed unavailable result with the reason', () => {
  it('network failure (server closed)', async () => {
    const api = await startFakeApi([MARKET_DATA_API], { profiles: {} });
    const closed = sources(api);
    await api.close();
    const result = await fetchLiveMarket({ assets: ['BTC'] }, closed);
    expect(result.status).toBe('unavailable');
    if (result.status !== 'unavailable') return;
    expect(result.problem.kind).toBe('network');
    expect(result.reason).toBe('Binance USDⓈ-M futures could not be reached.');
    expect(toEngineLiveMarket(result)).toEqual({
      unavailable: 'Binance USDⓈ-M futures could not be reached.',
    });
  });

  it.each(['premiumIndex', 'klines'] as const)('HTTP 429 on %s → rateLimited', async (endpoint) => {
    await withApi({ [endpoint]: BINANCE_RATE_LIMITED }, async (api) => {
      const result = await fetchLiveMarket({ assets: ['BTC'] }, sources(api));
      expect(result.status).toBe('unavailable');
      if (result.status !== 'unavailable') return;
      expect(result.problem.kind).toBe('rateLimited');
      expect(result.problem.retryable).toBe(true);
      expect(result.reason).toBe(
        'Binance USDⓈ-M futures is rate-limiting requests (code -1003). The venue said: "Too many requests; current limit is 2400 request weight per 1 minute. Please use the websocket for live updates to avoid polling the API.".',
      );
    });
  });

  it('a malformed premium index names the row and the field', async () => {
    const rows = premiumFixture.response.map((row) =>
      row.symbol === 'ETHUSDT' ? { ...row, indexPrice: 2589.82 } : row,
    );
    await withApi({ premiumIndex: { status: 200, body: rows } }, async (api) => {
      const result = await fetchLiveMarket({ assets: ['BTC', 'ETH'] }, sources(api));
      expect(result.status).toBe('unavailable');
      if (result.status !== 'unavailable') return;
      expect(result.problem.kind).toBe('malformedResponse');
      expect(result.reason).toBe(
        'Binance USDⓈ-M futures sent a response Margin Lens could not read. binanceusdm GET /fapi/v1/premiumIndex: [1] ETHUSDT.indexPrice must be a decimal string, got 2589.82',
      );
    });
  });

  it('a malformed kline names the symbol, the row and the column', async () => {
    const broken = klinesFixture.klines.BTCUSDT.map((row, index) =>
      index === 5 ? [...row.slice(0, 4), null, ...row.slice(5)] : row,
    );
    await withApi({ klines: { status: 200, body: broken } }, async (api) => {
      const result = await fetchLiveMarket({ assets: ['BTC'] }, sources(api));
      if (result.status !== 'unavailable') throw new Error('expected unavailable');
      expect(result.reason).toBe(
        'Binance USDⓈ-M futures sent a response Margin Lens could not read. binanceusdm GET /fapi/v1/klines BTCUSDT: [5][4] (close) must be a decimal string, got null',
      );
    });
  });

  it('Deribit rate-limited: the perpetual figures stay live, each option says why it has no IV', async () => {
    await withApi({ bookSummary: DERIBIT_RATE_LIMITED }, async (api) => {
      const result = available(
        await fetchLiveMarket(
          { assets: ['BTC'], optionSymbols: ['BTC/USD:BTC-250328-90000-P'] },
          sources(api),
        ),
      );
      expect(result.market.optionMarkIvs).toBeUndefined();
      expect(result.market.missing).toEqual({
        'BTC/USD:BTC-250328-90000-P':
          'Deribit option marks unavailable: Deribit is rate-limiting requests (code 10028). The venue said: "too_many_requests".',
      });
      expect(result.market.annualVols.BTC).toBeGreaterThan(0);
    });
  });
});
