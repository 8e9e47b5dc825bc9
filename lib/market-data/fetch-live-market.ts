import {
  classifyConnectionError,
  connectionProblem,
  ProblemKind,
  type ConnectionProblem,
} from '../venues/api/connection-problem';
import type { CcxtExchange, VenueId } from '../venues/api/venue-api-types';
import type { LiveMarket, LiveMarketInput } from '../engine';
import { parseDailyKlines, type DailyCandle } from './binance-daily-klines';
import { parsePremiumIndex, type PerpetualQuote } from './binance-premium-index';
import { CANDLE_VENUES, candleVenuesFor, type CandleVenue } from './candle-venues';
import { dailyEwmaFigures, type DailySeries } from './daily-ewma-figures';
import { deribitCurrencyOf, parseOptionBookSummary } from './deribit-option-marks';
import { fetchVenueDailyCandles } from './fetch-venue-daily-candles';
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
 * - annualised EWMA vols and correlations (the product's forecast: λ 0.89 for vols, 0.94 for
 *   correlations, fitted in the embedded market; vol-forecast.ts, daily-ewma-figures.ts) from daily
 *   candles `GET /fapi/v1/klines` (binance-daily-klines.ts) of each asset's USDT perpetual,
 *   and, for an asset Binance lists no USDT perpetual for, from the daily candles of its
 *   perpetual on the venue the portfolio holds it on, then on the other candle venues
 *   (Hyperliquid, Bybit, OKX: candle-venues.ts, fetch-venue-daily-candles.ts); read once per UTC
 *   day (market-cache.ts);
 * - option mark IVs from Deribit `public/get_book_summary_by_currency` (deribit-option-marks.ts).
 *
 * Binance and Deribit through ccxt's implicit raw endpoints only: no `loadMarkets` (no
 * exchangeInfo, no instrument lists), no key. The candle venues through ccxt's `fetchOHLCV`,
 * key-less, which loads their instrument lists first (only when an asset needs them). Prices are
 * USDT (or USDC) per unit, taken as USD at the peg, as the engine does.
 *
 * Why {@link KLINE_LIMIT} = 250 daily candles: the EWMA's weight beyond n days is λⁿ, and even
 * the slower correlation decay leaves 0.94²⁴⁸ ≈ 2·10⁻⁷, so the truncated history and the 30-day seed do not show in any reported
 * digit; 250 also stays inside Binance's weight-2 band (100–499 rows). An asset needs at least
 * {@link MIN_DAILY_RETURNS} = 75 daily returns (RiskMetrics Technical Document 1996 §5.3: the
 * number of days for a 1% tolerance is ln 0.01/ln 0.94 ≈ 74); a younger perpetual gets no live
 * vol and the engine uses the embedded default, saying why. The same 250 candles and 75 returns
 * hold on every venue; a venue's candles must also reach the last complete UTC day (a delisted
 * or halted perpetual's do not), and the next venue is tried when they do not.
 *
 * Assets without a Binance USDT perpetual are handled explicitly: USD stablecoins (USD, USDT,
 * USDC) are not looked up (the engine values them at their peg); other assets have no live
 * index price and are listed in `missing`, with where their vol came from or why no venue gave
 * one. Correlations between assets from different venues are estimated on the days all have in
 * common, and the method says so. Failures of Binance's premium index or klines come back as a
 * typed `unavailable` result with the classified problem (network, rate limit, malformed payload
 * naming the field), never a throw; a candle venue's failure costs only the assets it was asked
 * for (in `missing`, with the problem).
 */
export const BINANCE_SOURCE = 'Binance USDⓈ-M public API';
export const DERIBIT_SOURCE = 'Deribit public API';
export const KLINE_LIMIT = 250;
export const MIN_DAILY_RETURNS = 75;
/** Binance's candles, as the vols' method names them. */
const BINANCE_CANDLES = 'Binance USDⓈ-M';
const DAY_MS = 86_400_000;

export interface LiveMarketRequest {
  /** Assets held (position bases and coin collateral), e.g. `['BTC', 'ETH', 'USDT']`. */
  readonly assets: readonly string[];
  /**
   * The venues (ccxt ids) whose accounts hold a position in each asset, e.g.
   * `{ HYPE: ['hyperliquid'] }`: their candles are read first for an asset Binance lists no
   * USDT perpetual for.
   */
  readonly heldOn?: Readonly<Record<string, readonly string[]>>;
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
  /** A public (key-less) exchange of a candle venue; opened only when an asset needs it. */
  readonly candleVenue: (venue: CandleVenue) => CcxtExchange;
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
  const priced = coins.filter((asset) => quotes.has(contractOf(asset)));
  const unpriced = coins.filter((asset) => !quotes.has(contractOf(asset)));

  const stored = parseMarketCache(request.cached);
  if (stored.problem !== undefined) notes.push(`${stored.problem}; read again`);
  const cachedDaily = createMarketCachePolicy(sources.now).usableDaily(stored.cache, coins);
  const optionMarks = readOptionMarks(
    sources.deribit as unknown as DeribitPublicApi,
    request.optionSymbols ?? [],
  );
  let daily: DailyMarketFigures;
  try {
    daily =
      cachedDaily ??
      (await readDailyFigures(
        binance,
        { priced, unpriced, heldOn: request.heldOn ?? {} },
        sources,
        now,
      ));
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
  const held = new Set(coins);
  const heldOnly = (figures: Readonly<Record<string, string>>) =>
    Object.fromEntries(Object.entries(figures).filter(([asset]) => held.has(asset)));
  const annualVols = Object.fromEntries(
    Object.entries(daily.annualVols).filter(([asset]) => held.has(asset)),
  );
  const correlations = Object.fromEntries(
    Object.entries(daily.correlations).filter(([pair]) =>
      pair.split('/').every((asset) => held.has(asset)),
    ),
  );
  const volSources = heldOnly(daily.volSources);
  for (const [asset, reason] of Object.entries(heldOnly(daily.missing))) missing[asset] = reason;
  for (const asset of unpriced) {
    const noPerpetual = `no Binance USDⓈ-M perpetual ${contractOf(asset)}`;
    const volSource = volSources[asset];
    const noVol = daily.missing[asset];
    missing[asset] =
      volSource !== undefined
        ? `${noPerpetual} (no live index price; vol from ${volSource})`
        : noVol !== undefined
          ? `${noPerpetual}; ${noVol}`
          : noPerpetual;
  }
  Object.assign(missing, options.missing);

  const market: LiveMarketInput = {
    source: BINANCE_SOURCE,
    asOf,
    prices,
    annualVols,
    correlations,
    volsMethod: daily.method,
    volsAsOf: daily.asOf,
    ...(Object.keys(volSources).length > 0 && { volSources }),
    fundingRates,
    ...(Object.keys(options.values).length > 0 && {
      optionMarkIvs: {
        source: DERIBIT_SOURCE,
        asOf,
        values: options.values,
        forwards: options.forwards,
      },
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

/**
 * Daily candles of every asset → EWMA vols and correlations (daily-ewma-figures.ts): Binance
 * USDⓈ-M klines for the assets it prices, the candle venues' for the others. Assets with too
 * short a history, or none a venue could give, are listed in `missing`; an asset whose venues
 * failed for a reason that may pass is left out of `assets`, so the cache does not keep it.
 */
async function readDailyFigures(
  binance: BinancePublicApi,
  assets: {
    readonly priced: readonly string[];
    readonly unpriced: readonly string[];
    readonly heldOn: Readonly<Record<string, readonly string[]>>;
  },
  sources: LiveMarketSources,
  now: number,
): Promise<DailyMarketFigures> {
  const enough = (candles: readonly DailyCandle[]) => candles.length - 1 >= MIN_DAILY_RETURNS;
  const klines = await Promise.all(
    assets.priced.map(async (asset) => {
      const contract = `${asset}USDT`;
      const payload = await binance.fapiPublicGetKlines({
        symbol: contract,
        interval: '1d',
        limit: KLINE_LIMIT,
      });
      return [asset, contract, parseDailyKlines(contract, payload, now)] as const;
    }),
  );
  const missing: Record<string, string> = {};
  const usable: Record<string, DailySeries> = {};
  for (const [asset, contract, candles] of klines) {
    if (enough(candles)) usable[asset] = { candles, venue: BINANCE_CANDLES };
    else
      missing[asset] =
        `only ${candles.length} complete daily candles of ${contract} on Binance; a live vol needs ${MIN_DAILY_RETURNS + 1}`;
  }

  const exchanges = new Map<CandleVenue, CcxtExchange>();
  const exchangeOf = (venue: CandleVenue) => {
    const known = exchanges.get(venue);
    if (known !== undefined) return known;
    const opened = sources.candleVenue(venue);
    exchanges.set(venue, opened);
    return opened;
  };
  const lastCompleteDay = new Date((Math.floor(now / DAY_MS) - 1) * DAY_MS)
    .toISOString()
    .slice(0, 10);
  const volSources: Record<string, string> = {};
  const retryLater = new Set<string>();
  await Promise.all(
    assets.unpriced.map(async (asset) => {
      const reasons: string[] = [];
      for (const venue of candleVenuesFor(assets.heldOn[asset] ?? [])) {
        const name = CANDLE_VENUES[venue].name;
        const read = await fetchVenueDailyCandles(exchangeOf(venue), venue, {
          asset,
          limit: KLINE_LIMIT,
          now,
        });
        if (read.status === 'unlisted') {
          reasons.push(`${name}: ${read.reason}`);
          continue;
        }
        if (read.status === 'failed') {
          if (read.problem.retryable) retryLater.add(asset);
          reasons.push(`${name}: ${read.problem.message}`);
          continue;
        }
        const last = read.candles.at(-1)?.date;
        if (!enough(read.candles)) {
          reasons.push(
            `${name}: only ${read.candles.length} complete daily candles of ${read.symbol} (a live vol needs ${MIN_DAILY_RETURNS + 1})`,
          );
          continue;
        }
        if (last !== lastCompleteDay) {
          reasons.push(
            `${name}: the last complete daily candle of ${read.symbol} is of ${last ?? '?'}, not ${lastCompleteDay}`,
          );
          continue;
        }
        usable[asset] = { candles: read.candles, venue: name };
        volSources[asset] = `${name} public API (${read.symbol} daily candles)`;
        retryLater.delete(asset);
        return;
      }
      missing[asset] = reasons.join('; ');
    }),
  );

  const figures = dailyEwmaFigures(usable, now);
  return {
    fetchedAt: new Date(now).toISOString(),
    asOf: figures.asOf,
    method: figures.method,
    forecast: figures.forecast,
    assets: [...assets.priced, ...assets.unpriced].filter((asset) => !retryLater.has(asset)).sort(),
    annualVols: figures.annualVols,
    correlations: figures.correlations,
    missing,
    volSources,
  };
}

/**
 * Deribit mark IVs by unified symbol, with the forward each applies to (`underlying_price`: the
 * option's own expiry's future or synthetic forward); a failure is recorded per symbol, never
 * thrown.
 */
async function readOptionMarks(
  deribit: DeribitPublicApi,
  symbols: readonly string[],
): Promise<{
  values: Record<string, number>;
  forwards: Record<string, number>;
  missing: Record<string, string>;
}> {
  const values: Record<string, number> = {};
  const forwards: Record<string, number> = {};
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
          if (mark) {
            values[symbol] = mark.markIv.toNumber();
            forwards[symbol] = mark.underlyingPrice.toNumber();
          } else
            missing[symbol] = `Deribit lists no such ${currency} option (expired or never listed)`;
        }
      } catch (error) {
        const { reason } = unavailable('deribit', error);
        for (const symbol of wanted)
          missing[symbol] = `Deribit option marks unavailable: ${reason}`;
      }
    }),
  );
  return { values, forwards, missing };
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
