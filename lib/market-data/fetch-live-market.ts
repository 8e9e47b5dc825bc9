import {
  classifyConnectionError,
  connectionProblem,
  ProblemKind,
  type ConnectionProblem,
} from '../venues/api/connection-problem';
import type { CcxtExchange, VenueId } from '../venues/api/venue-api-types';
import {
  ewmaCovarianceFromCloses,
  RISKMETRICS_DAILY_LAMBDA,
  type LiveMarket,
  type LiveMarketInput,
} from '../engine';
import { parseDailyKlines, type DailyCandle } from './binance-daily-klines';
import { parsePremiumIndex, type PerpetualQuote } from './binance-premium-index';
import { deribitCurrencyOf, parseOptionBookSummary } from './deribit-option-marks';
import {
  createMarketCachePolicy,
  parseMarketCache,
  type DailyMarketFigures,
  type MarketCacheValue,
} from './market-cache';
import { isUsdStablecoin } from '../engine/product/usd-stablecoins';

/**
 * Live market data without keys, for the assets and options a portfolio holds (issue 5):
 *
 * - marks, index prices and funding rates from Binance USDⓈ-M `GET /fapi/v1/premiumIndex`
 *   (binance-premium-index.ts), read on every call;
 * - annualised EWMA vols and correlations (λ = 0.94, lib/engine ewma-covariance) from daily
 *   candles `GET /fapi/v1/klines` (binance-daily-klines.ts) of each asset's USDT perpetual,
 *   read once per UTC day (market-cache.ts);
 * - option mark IVs from Deribit `public/get_book_summary_by_currency` (deribit-option-marks.ts).
 *
 * Through ccxt's implicit raw endpoints only: no `loadMarkets` (no exchangeInfo, no instrument
 * lists), no key. Prices are USDT per unit (taken as USD at the peg, as the engine does for USDT).
 *
 * Why {@link KLINE_LIMIT} = 250 daily candles: the EWMA's weight beyond n days is λⁿ, and
 * 0.94²⁴⁸ ≈ 2·10⁻⁷, so the truncated history and the 30-day seed do not show in any reported
 * digit; 250 also stays inside Binance's weight-2 band (100–499 rows). An asset needs at least
 * {@link MIN_DAILY_RETURNS} = 75 daily returns (RiskMetrics Technical Document 1996 §5.3: the
 * number of days for a 1% tolerance is ln 0.01/ln 0.94 ≈ 74); a younger perpetual gets no live
 * vol and the engine uses the embedded default, saying why.
 *
 * Assets without a Binance USDT perpetual are handled explicitly: USD stablecoins (USD, USDT,
 * USDC) are not looked up (the engine values them at their peg), other assets are listed in
 * `missing` with the reason. Failures come back as a typed `unavailable` result with the
 * classified problem (network, rate limit, malformed payload naming the field), never a throw.
 */
export const BINANCE_SOURCE = 'Binance USDⓈ-M public API';
export const DERIBIT_SOURCE = 'Deribit public API';
export const KLINE_LIMIT = 250;
export const MIN_DAILY_RETURNS = 75;

export interface LiveMarketRequest {
  /** Assets held (position bases and coin collateral), e.g. `['BTC', 'ETH', 'USDT']`. */
  readonly assets: readonly string[];
  /** Options held (ccxt unified symbols) whose Deribit mark IVs to read. */
  readonly optionSymbols?: readonly string[];
  /** The stored cache (validated here; a damaged one is reported in `notes` and replaced). */
  readonly cached?: unknown;
}

export interface LiveMarketSources {
  /** A public (key-less) binanceusdm exchange, e.g. `createExchange('binanceusdm', undefined)`. */
  readonly binance: CcxtExchange;
  /** A public deribit exchange; called only when options are held. */
  readonly deribit: CcxtExchange;
  /** The clock, ms since the epoch. */
  readonly now: () => number;
}

/** One perpetual's live figures, as Binance sent them (decimal strings). */
export interface LiveQuote {
  /** ccxt unified symbol, e.g. `BTC/USDT:USDT`. */
  readonly symbol: string;
  readonly markPrice: string;
  readonly indexPrice: string;
  /** Fraction per funding interval. */
  readonly lastFundingRate: string;
  readonly nextFundingTime: number;
}

export type LiveMarketResult =
  | {
      readonly status: 'available';
      /** What the engine takes (`calculateRiskReport(portfolio, { liveMarket })`). */
      readonly market: LiveMarketInput;
      /** By asset. */
      readonly quotes: Readonly<Record<string, LiveQuote>>;
      /** What to store for the next call. */
      readonly cache: MarketCacheValue;
      /** True when vols and correlations came from the stored cache (no candles read). */
      readonly dailyFromCache: boolean;
      readonly notes: readonly string[];
    }
  | {
      readonly status: 'unavailable';
      readonly problem: ConnectionProblem;
      /** The problem in words, for the report's inputs. */
      readonly reason: string;
    };

interface BinancePublicApi {
  fapiPublicGetPremiumIndex(params?: object): Promise<unknown>;
  fapiPublicGetKlines(params: object): Promise<unknown>;
}
interface DeribitPublicApi {
  publicGetGetBookSummaryByCurrency(params: object): Promise<unknown>;
}

export async function fetchLiveMarket(
  request: LiveMarketRequest,
  sources: LiveMarketSources,
): Promise<LiveMarketResult> {
  const now = sources.now();
  const asOf = new Date(now).toISOString();
  const binance = sources.binance as unknown as BinancePublicApi;
  const notes: string[] = [];
  const missing: Record<string, string> = {};

  const assets = [...new Set(request.assets)].sort();
  const coins = assets.filter((asset) => {
    if (!isUsdStablecoin(asset)) return true;
    missing[asset] =
      'a USD stablecoin: no USDT perpetual prices it; the engine values it at its peg';
    return false;
  });
  const contractOf = (asset: string) => `${asset}USDT`;

  let quotes: Map<string, PerpetualQuote>;
  try {
    quotes = parsePremiumIndex(
      await binance.fapiPublicGetPremiumIndex(),
      new Set(coins.map(contractOf)),
    );
  } catch (error) {
    return unavailable('binanceusdm', error);
  }
  const priced = coins.filter((asset) => {
    if (quotes.has(contractOf(asset))) return true;
    missing[asset] = `no Binance USDⓈ-M perpetual ${contractOf(asset)}`;
    return false;
  });

  const stored = parseMarketCache(request.cached);
  if (stored.problem !== undefined) notes.push(`${stored.problem}; read again`);
  const cachedDaily = createMarketCachePolicy(sources.now).usableDaily(stored.cache, priced);
  const optionMarks = readOptionMarks(
    sources.deribit as unknown as DeribitPublicApi,
    request.optionSymbols ?? [],
  );
  let daily: DailyMarketFigures;
  try {
    daily = cachedDaily ?? (await readDailyFigures(binance, priced, now, contractOf));
  } catch (error) {
    return unavailable('binanceusdm', error);
  }
  const options = await optionMarks;

  const prices: Record<string, number> = {};
  const fundingRates: Record<string, number> = {};
  const liveQuotes: Record<string, LiveQuote> = {};
  for (const asset of priced) {
    const quote = quotes.get(contractOf(asset)) as PerpetualQuote;
    const symbol = `${asset}/USDT:USDT`;
    prices[asset] = quote.indexPrice.toNumber();
    fundingRates[symbol] = quote.lastFundingRate.toNumber();
    liveQuotes[asset] = {
      symbol,
      markPrice: quote.markPrice.toString(),
      indexPrice: quote.indexPrice.toString(),
      lastFundingRate: quote.lastFundingRate.toString(),
      nextFundingTime: quote.nextFundingTime,
    };
  }
  const held = new Set(priced);
  const annualVols = Object.fromEntries(
    Object.entries(daily.annualVols).filter(([asset]) => held.has(asset)),
  );
  const correlations = Object.fromEntries(
    Object.entries(daily.correlations).filter(([pair]) =>
      pair.split('/').every((asset) => held.has(asset)),
    ),
  );
  for (const [asset, reason] of Object.entries(daily.missing))
    if (held.has(asset)) missing[asset] = reason;
  Object.assign(missing, options.missing);

  const market: LiveMarketInput = {
    source: BINANCE_SOURCE,
    asOf,
    prices,
    annualVols,
    correlations,
    volsMethod: daily.method,
    volsAsOf: daily.asOf,
    fundingRates,
    ...(Object.keys(options.values).length > 0 && {
      optionMarkIvs: { source: DERIBIT_SOURCE, asOf, values: options.values },
    }),
    ...(Object.keys(missing).length > 0 && { missing }),
  };
  return {
    status: 'available',
    market,
    quotes: liveQuotes,
    cache: cachedDaily && stored.cache ? stored.cache : { daily },
    dailyFromCache: cachedDaily !== undefined,
    notes,
  };
}

/** The engine's live-market input for a result: the figures, or why there are none. */
export function toEngineLiveMarket(result: LiveMarketResult): LiveMarket {
  return result.status === 'available' ? result.market : { unavailable: result.reason };
}

/** Daily candles of every asset → EWMA vols and correlations (assets with too short a history are listed in `missing`). */
async function readDailyFigures(
  binance: BinancePublicApi,
  assets: readonly string[],
  now: number,
  contractOf: (asset: string) => string,
): Promise<DailyMarketFigures> {
  const candles = await Promise.all(
    assets.map(async (asset) => {
      const contract = contractOf(asset);
      const payload = await binance.fapiPublicGetKlines({
        symbol: contract,
        interval: '1d',
        limit: KLINE_LIMIT,
      });
      return [asset, parseDailyKlines(contract, payload, now)] as const;
    }),
  );
  const missing: Record<string, string> = {};
  const usable: Record<string, readonly DailyCandle[]> = {};
  for (const [asset, rows] of candles) {
    if (rows.length - 1 >= MIN_DAILY_RETURNS) usable[asset] = rows;
    else
      missing[asset] =
        `only ${rows.length} complete daily candles of ${contractOf(asset)} on Binance; a live vol needs ${MIN_DAILY_RETURNS + 1}`;
  }
  const closeTimes = Object.values(usable).map((rows) => rows.at(-1)?.closeTime ?? 0);
  const lastClose = closeTimes.length > 0 ? Math.max(...closeTimes) : now;
  const days = Object.values(usable).map((rows) => rows.length - 1);
  const lastDay = new Date(lastClose).toISOString().slice(0, 10);
  const span =
    days.length === 0
      ? 'no asset with enough history'
      : Math.min(...days) === Math.max(...days)
        ? `${days[0]} daily log-returns to ${lastDay}`
        : `${Math.min(...days)}–${Math.max(...days)} daily log-returns to ${lastDay}`;
  const figures =
    Object.keys(usable).length === 0
      ? { annualVols: {}, correlations: {} }
      : ewmaCovarianceFromCloses(
          Object.fromEntries(
            Object.entries(usable).map(([asset, rows]) => [
              asset,
              rows.map((row) => ({ date: row.date, close: row.close.toNumber() })),
            ]),
          ),
        );
  return {
    fetchedAt: new Date(now).toISOString(),
    asOf: new Date(lastClose).toISOString(),
    method: `EWMA λ ${RISKMETRICS_DAILY_LAMBDA} of ${span} (Binance USDⓈ-M daily candles)`,
    assets: [...assets].sort(),
    annualVols: figures.annualVols,
    correlations: figures.correlations,
    missing,
  };
}

/** Deribit mark IVs by unified symbol; a failure is recorded per symbol, never thrown. */
async function readOptionMarks(
  deribit: DeribitPublicApi,
  symbols: readonly string[],
): Promise<{ values: Record<string, number>; missing: Record<string, string> }> {
  const values: Record<string, number> = {};
  const missing: Record<string, string> = {};
  const byCurrency = new Map<string, Set<string>>();
  for (const symbol of new Set(symbols)) {
    const currency = deribitCurrencyOf(symbol);
    if (currency === undefined) {
      missing[symbol] = 'not a Deribit option symbol (BTC/USD:BTC-… or SOL/USDC:USDC-…)';
      continue;
    }
    byCurrency.set(currency, (byCurrency.get(currency) ?? new Set()).add(symbol));
  }
  await Promise.all(
    [...byCurrency].map(async ([currency, wanted]) => {
      try {
        const payload = await deribit.publicGetGetBookSummaryByCurrency({
          currency,
          kind: 'option',
        });
        const marks = parseOptionBookSummary(currency, payload, wanted);
        for (const symbol of wanted) {
          const mark = marks.get(symbol);
          if (mark) values[symbol] = mark.markIv.toNumber();
          else
            missing[symbol] = `Deribit lists no such ${currency} option (expired or never listed)`;
        }
      } catch (error) {
        const { reason } = unavailable('deribit', error);
        for (const symbol of wanted)
          missing[symbol] = `Deribit option marks unavailable: ${reason}`;
      }
    }),
  );
  return { values, missing };
}

function unavailable(
  venue: VenueId,
  error: unknown,
): Extract<LiveMarketResult, { status: 'unavailable' }> {
  const problem =
    error instanceof RangeError
      ? connectionProblem(venue, ProblemKind.malformedResponse, error.message)
      : classifyConnectionError(venue, error);
  const detail =
    problem.kind === ProblemKind.unknown && error instanceof Error ? ` (${error.name})` : '';
  return { status: 'unavailable', problem, reason: `${problem.message}${detail}` };
}
