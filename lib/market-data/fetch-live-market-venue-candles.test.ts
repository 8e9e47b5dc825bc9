import { HYPERLIQUID_SOL_LONG } from '../../test/portfolios/hyperliquid-sol-long';
import { describe, expect, it } from 'vitest';
import type { FakeApiResponse } from '../../test/fake-exchange/api/fake-api';
import klinesFixture from '../../test/fake-exchange/api/fixtures/market/binance-klines-1d.json';
import bybitFixture from '../../test/fake-exchange/api/fixtures/market/bybit-kline-1d.json';
import hyperliquidFixture from '../../test/fake-exchange/api/fixtures/market/hyperliquid-candles-1d.json';
import okxFixture from '../../test/fake-exchange/api/fixtures/market/okx-candles-1d.json';
import premiumFixture from '../../test/fake-exchange/api/fixtures/market/binance-premium-index.json';
import type { MarketFaults } from '../../test/fake-exchange/api/market-data-api';
import {
  availableMarket,
  directEwma,
  MARKET_TEST_NOW as NOW,
  publicSources,
  ulpsClose,
  withMarketApi,
} from '../../test/fake-exchange/api/market-data-test-setup';
import { calculateRiskReport, DEFAULT_MARKET, parsePortfolio } from '../engine';
import { fetchLiveMarket, toEngineLiveMarket } from './fetch-live-market';
import { volForecastLabel } from '../engine/market/vol-forecast';

const FORECAST_LABEL = volForecastLabel(DEFAULT_MARKET.volForecast);

/**
 * Vols for assets Binance USDⓈ-M lists no USDT perpetual for, from the daily candles of the venue
 * the portfolio holds them on (Hyperliquid, Bybit, OKX), through ccxt's `fetchOHLCV` against the
 * fake venues (fixtures/market/*-1d.json, each in its venue's documented format). In the fake
 * world Binance lists BTC, ETH and SOL; a test takes an asset out of its premium index to stand
 * for a coin Binance does not list, so that the venue's candles, real closes of that coin, are
 * the only live source.
 */
const DAY_MS = 86_400_000;

/** Binance's premium index without the given assets' USDT perpetuals. */
function binanceWithout(...assets: string[]): MarketFaults {
  return {
    premiumIndex: {
      status: 200,
      body: premiumFixture.response.filter(
        (row) => !assets.map((asset) => `${asset}USDT`).includes(row.symbol),
      ),
    },
  };
}

/** Closes of the complete candles (open + 1 day ≤ NOW) of a venue fixture's rows, oldest first. */
function completeCloses(rows: readonly { readonly t: number; readonly c: string }[]): number[] {
  return rows.filter((row) => row.t + DAY_MS <= NOW).map((row) => Number(row.c));
}
const binanceBtcCloses = (klinesFixture.klines.BTCUSDT as unknown[][])
  .filter((row) => (row[6] as number) < NOW)
  .map((row) => Number(row[4]));
const hyperliquidSolCloses = completeCloses(hyperliquidFixture.candles.SOL);
const bybitBtcCloses = completeCloses(
  bybitFixture.candles.BTCUSDT.map((row) => ({ t: Number(row[0]), c: row[4] as string })),
).reverse();
const okxEthCloses = completeCloses(
  okxFixture.candles['ETH-USDT-SWAP'].map((row) => ({ t: Number(row[0]), c: row[4] as string })),
).reverse();

const candleRequests = (requests: readonly string[]) =>
  requests
    .map((line) => line.split(' ').at(-1) ?? '')
    .filter((path) => ['/info', '/v5/market/kline', '/api/v5/market/candles'].includes(path));

/** Hyperliquid's candle snapshot replaced by `rows` (the other `/info` requests answer as usual). */
function hyperliquidAnswers(body: unknown, status = 200): MarketFaults {
  return { hyperliquidCandles: { status, body } satisfies FakeApiResponse };
}

describe('an asset only Hyperliquid lists', () => {
  it('gets its vol from Hyperliquid daily candles: the EWMA of the fixture closes, by hand', async () => {
    await withMarketApi(binanceWithout('SOL'), async (api) => {
      const result = availableMarket(
        await fetchLiveMarket(
          { assets: ['BTC', 'SOL', 'USDC'], heldOn: { SOL: ['hyperliquid'] } },
          publicSources(api),
        ),
      );
      expect(hyperliquidSolCloses).toHaveLength(249);
      const direct = directEwma(binanceBtcCloses, hyperliquidSolCloses);
      expect(ulpsClose(result.market.annualVols.SOL, direct.volB)).toBe(true);
      expect(ulpsClose(result.market.annualVols.BTC, direct.volA)).toBe(true);
      expect(ulpsClose(result.market.correlations['BTC/SOL'], direct.rho)).toBe(true);
      expect(result.market.volSources).toEqual({
        SOL: 'Hyperliquid public API (SOL/USDC:USDC daily candles)',
      });
      expect(result.market.volsAsOf).toBe('2025-02-10T23:59:59.999Z');
      expect(result.market.volsMethod).toBe(
        `${FORECAST_LABEL} of 248 daily log-returns to 2025-02-10 (daily candles: Binance USDⓈ-M for BTC; Hyperliquid for SOL); correlations on the 248 days all have in common, 2024-06-08 to 2025-02-10`,
      );
      expect(result.market.missing).toEqual({
        SOL: 'no Binance USDⓈ-M perpetual SOLUSDT (no live index price; vol from Hyperliquid public API (SOL/USDC:USDC daily candles))',
        USDC: 'a USD stablecoin: no USDT perpetual prices it; the engine values it at its peg',
      });
      expect(result.market.prices.SOL).toBeUndefined();
      // Hyperliquid first (held there): its market list, then one candle request; no other venue.
      expect(candleRequests(api.requests)).toEqual(['/info', '/info']);
    });
  });

  it('takes the Hyperliquid account into the scenario measures with that vol, named in the report', async () => {
    await withMarketApi(binanceWithout('SOL'), async (api) => {
      const result = availableMarket(
        await fetchLiveMarket(
          { assets: ['SOL', 'USDC'], heldOn: { SOL: ['hyperliquid'] } },
          publicSources(api),
        ),
      );
      const report = calculateRiskReport(parsePortfolio(HYPERLIQUID_SOL_LONG), {
        liveMarket: toEngineLiveMarket(result),
      });
      expect(report.inputs.annualVols.SOL).toEqual({
        value: result.market.annualVols.SOL,
        origin: 'live',
        source: `Hyperliquid public API (SOL/USDC:USDC daily candles), ${result.market.volsMethod}`,
        asOf: '2025-02-10T23:59:59.999Z',
      });
      expect(report.refusals).toEqual([]);
      expect(report.portfolio.es).toBeGreaterThan(0);
    });
  });

  it('refuses malformed candles naming the candle and the field, and keeps no vol for that day', async () => {
    const broken = hyperliquidFixture.candles.SOL.map((row, index) =>
      index === 5 ? { ...row, c: 'abc' } : row,
    );
    await withMarketApi(
      { ...binanceWithout('SOL'), ...hyperliquidAnswers(broken) },
      async (api) => {
        const result = availableMarket(
          await fetchLiveMarket(
            { assets: ['BTC', 'SOL'], heldOn: { SOL: ['hyperliquid'] } },
            publicSources(api),
          ),
        );
        expect(result.market.annualVols.SOL).toBeUndefined();
        expect(result.market.missing?.SOL).toBe(
          'no Binance USDⓈ-M perpetual SOLUSDT; Hyperliquid: Hyperliquid sent a response Margin Lens could not read. hyperliquid POST /info candleSnapshot SOL/USDC:USDC: candle 5 (2024-06-12) close (c) must be a positive finite price, got undefined; Bybit: no SOL/USDT:USDT or SOL/USDC:USDC perpetual; OKX: no SOL/USDT:USDT or SOL/USDC:USDC perpetual',
        );
        // A malformed answer may not last: SOL is not kept as covered, the next call reads again.
        expect(result.cache.daily.assets).toEqual(['BTC']);
        expect(result.market.annualVols.BTC).toBeGreaterThan(0);
      },
    );
  });

  it('falls back to the embedded snapshot for a young market, saying why', async () => {
    const young = hyperliquidFixture.candles.SOL.slice(-41);
    await withMarketApi({ ...binanceWithout('SOL'), ...hyperliquidAnswers(young) }, async (api) => {
      const result = availableMarket(
        await fetchLiveMarket(
          { assets: ['BTC', 'SOL'], heldOn: { SOL: ['hyperliquid'] } },
          publicSources(api),
        ),
      );
      const reason =
        'no Binance USDⓈ-M perpetual SOLUSDT; Hyperliquid: only 40 complete daily candles of SOL/USDC:USDC (a live vol needs 76); Bybit: no SOL/USDT:USDT or SOL/USDC:USDC perpetual; OKX: no SOL/USDT:USDT or SOL/USDC:USDC perpetual';
      expect(result.market.missing?.SOL).toBe(reason);
      expect(Object.keys(result.market.annualVols)).toEqual(['BTC']);
      // The listing's age is the venue's answer for the day: kept in the cache.
      expect(result.cache.daily.assets).toEqual(['BTC', 'SOL']);
      const report = calculateRiskReport(parsePortfolio(HYPERLIQUID_SOL_LONG), {
        liveMarket: toEngineLiveMarket(result),
      });
      expect(report.inputs.annualVols.SOL).toEqual({
        value: DEFAULT_MARKET.annualVols.SOL,
        origin: 'embedded-default',
        source: `embedded default (no live figure from Binance USDⓈ-M public API; SOL: ${reason})`,
      });
    });
  });

  it('does not take candles that stop before the last complete day (a halted or delisted market)', async () => {
    const halted = hyperliquidFixture.candles.SOL.slice(0, -11);
    await withMarketApi(
      { ...binanceWithout('SOL'), ...hyperliquidAnswers(halted) },
      async (api) => {
        const result = availableMarket(
          await fetchLiveMarket(
            { assets: ['BTC', 'SOL'], heldOn: { SOL: ['hyperliquid'] } },
            publicSources(api),
          ),
        );
        expect(result.market.annualVols.SOL).toBeUndefined();
        expect(result.market.missing?.SOL).toContain(
          'Hyperliquid: the last complete daily candle of SOL/USDC:USDC is of 2025-01-31, not 2025-02-10;',
        );
      },
    );
  });

  it('reads the same UTC day from the cache, and again the next day', async () => {
    await withMarketApi(binanceWithout('SOL'), async (api) => {
      const request = { assets: ['BTC', 'SOL'], heldOn: { SOL: ['hyperliquid'] } };
      const first = availableMarket(await fetchLiveMarket(request, publicSources(api)));
      const snapshots = () => candleRequests(api.requests).length;
      expect(snapshots()).toBe(2);
      const later = availableMarket(
        await fetchLiveMarket(
          { ...request, cached: JSON.parse(JSON.stringify(first.cache)) },
          publicSources(api, NOW + 11 * 3_600_000),
        ),
      );
      expect(later.dailyFromCache).toBe(true);
      expect(snapshots()).toBe(2);
      expect(later.market.annualVols).toEqual(first.market.annualVols);
      expect(later.market.volSources).toEqual(first.market.volSources);
      expect(later.market.missing).toEqual(first.market.missing);

      const nextDay = availableMarket(
        await fetchLiveMarket(
          { ...request, cached: first.cache },
          publicSources(api, NOW + DAY_MS),
        ),
      );
      expect(nextDay.dailyFromCache).toBe(false);
      expect(nextDay.market.volsAsOf).toBe('2025-02-11T23:59:59.999Z');
      expect(nextDay.market.annualVols.SOL).toBeGreaterThan(0);
    });
  });

  it('does not keep a venue failure that may pass: rate-limited, read again on the next call', async () => {
    await withMarketApi(
      { ...binanceWithout('SOL'), ...hyperliquidAnswers('Too Many Requests', 429) },
      async (api) => {
        const request = { assets: ['BTC', 'SOL'], heldOn: { SOL: ['hyperliquid'] } };
        const first = availableMarket(await fetchLiveMarket(request, publicSources(api)));
        expect(first.market.missing?.SOL).toMatch(
          /^no Binance USDⓈ-M perpetual SOLUSDT; Hyperliquid: Hyperliquid is rate-limiting requests\./,
        );
        expect(first.cache.daily.assets).toEqual(['BTC']);
        const again = availableMarket(
          await fetchLiveMarket({ ...request, cached: first.cache }, publicSources(api)),
        );
        expect(again.dailyFromCache).toBe(false);
      },
    );
  });
});

describe('assets held on Bybit and OKX', () => {
  it('reads each from the venue holding it, correlated on the days they have in common', async () => {
    await withMarketApi(binanceWithout('BTC', 'ETH'), async (api) => {
      const result = availableMarket(
        await fetchLiveMarket(
          { assets: ['BTC', 'ETH'], heldOn: { BTC: ['bybit'], ETH: ['okx'] } },
          publicSources(api),
        ),
      );
      const direct = directEwma(bybitBtcCloses, okxEthCloses);
      expect(ulpsClose(result.market.annualVols.BTC, direct.volA)).toBe(true);
      expect(ulpsClose(result.market.annualVols.ETH, direct.volB)).toBe(true);
      expect(ulpsClose(result.market.correlations['BTC/ETH'], direct.rho)).toBe(true);
      expect(result.market.volSources).toEqual({
        BTC: 'Bybit public API (BTC/USDT:USDT daily candles)',
        ETH: 'OKX public API (ETH/USDT:USDT daily candles)',
      });
      expect(result.market.volsMethod).toBe(
        `${FORECAST_LABEL} of 248 daily log-returns to 2025-02-10 (daily candles: Bybit for BTC; OKX for ETH); correlations on the 248 days all have in common, 2024-06-08 to 2025-02-10`,
      );
      // Each venue's instrument lists, then its candles; Hyperliquid is not asked.
      expect(candleRequests(api.requests).sort()).toEqual([
        '/api/v5/market/candles',
        '/v5/market/kline',
      ]);
    });
  });

  it('falls back to the next venue when the one holding the asset does not list it', async () => {
    await withMarketApi(binanceWithout('SOL'), async (api) => {
      const result = availableMarket(
        await fetchLiveMarket({ assets: ['SOL'], heldOn: { SOL: ['bybit'] } }, publicSources(api)),
      );
      expect(result.market.volSources).toEqual({
        SOL: 'Hyperliquid public API (SOL/USDC:USDC daily candles)',
      });
      expect(
        ulpsClose(
          result.market.annualVols.SOL,
          directEwma(hyperliquidSolCloses, hyperliquidSolCloses).volA,
        ),
      ).toBe(true);
      const paths = api.requests.map((line) => line.split(' ').at(-1));
      expect(paths.indexOf('/v5/market/instruments-info')).toBeLessThan(paths.indexOf('/info'));
      expect(paths).not.toContain('/v5/market/kline');
    });
  });
});
