import type { MarketInput } from '../portfolio/portfolio-types';
import { choleskyLower } from '../math/cholesky';
import { DEFAULT_MARKET, type DefaultMarket } from './default-market';
import { isUsdStablecoin } from '../product/usd-stablecoins';

/**
 * The market figures a risk run uses for a set of assets, each with where it came from.
 * Vols are annualised (365-day) log-return standard deviations; correlations apply to
 * log-returns; prices are USD per unit.
 *
 * Resolution order per figure (DESIGN.md §4–5, issue 5): the portfolio file, then live public
 * market data (when the caller supplies it, see {@link LiveMarketInput}), then the embedded
 * default. A figure from live data carries its source and time; an embedded default used where
 * live data was wanted says why live data was not used.
 */
export const Origin = {
  file: 'file',
  embeddedDefault: 'embedded-default',
  assumedPeg: 'assumed-peg',
  positionMark: 'position-mark',
  live: 'live',
} as const;
export type Origin = (typeof Origin)[keyof typeof Origin];

export interface SourcedFigure {
  readonly value: number;
  readonly origin: Origin;
  /** Where a live figure came from, or why a default stands in for one (only with live data). */
  readonly source?: string;
  /** ISO-8601 time a live figure was observed (vols: the close of the last daily candle used). */
  readonly asOf?: string;
}

/**
 * Market figures read from venues' public endpoints (lib/market-data), in the engine's units:
 * prices USD per unit (USDT quotes taken at the peg), vols annualised (365-day) fractions,
 * correlations keyed `A/B`, funding rates fractions per funding interval by unified symbol,
 * option mark IVs fractions by unified symbol.
 */
export interface LiveMarketInput {
  /** The venue API the figures came from, e.g. "Binance USDⓈ-M public API". */
  readonly source: string;
  /** ISO-8601 time prices and funding rates were read. */
  readonly asOf: string;
  /** Index prices by asset. */
  readonly prices: Readonly<Record<string, number>>;
  readonly annualVols: Readonly<Record<string, number>>;
  readonly correlations: Readonly<Record<string, number>>;
  /** How vols and correlations were estimated, e.g. "EWMA λ 0.94 of 249 daily log-returns". */
  readonly volsMethod: string;
  /** ISO-8601 close time of the last daily candle the vols and correlations use. */
  readonly volsAsOf: string;
  /**
   * Assets whose vols (and correlations) come from another venue than `source`, with where,
   * e.g. `{ SOL: 'Hyperliquid public API (SOL/USDC:USDC daily candles)' }`.
   */
  readonly volSources?: Readonly<Record<string, string>>;
  readonly fundingRates?: Readonly<Record<string, number>>;
  readonly optionMarkIvs?: {
    readonly source: string;
    readonly asOf: string;
    readonly values: Readonly<Record<string, number>>;
    /** Each option's forward (USD), the underlying its mark IV applies to (option-forwards.ts). */
    readonly forwards?: Readonly<Record<string, number>>;
  };
  /** Assets (or option symbols) the live source had no figure for, with the reason. */
  readonly missing?: Readonly<Record<string, string>>;
}

/** Live market data was wanted but could not be had: the reason, in words. */
export interface LiveMarketUnavailable {
  readonly unavailable: string;
}

export type LiveMarket = LiveMarketInput | LiveMarketUnavailable;

export function isLiveMarketInput(live: LiveMarket | undefined): live is LiveMarketInput {
  return live !== undefined && !('unavailable' in live);
}

export interface MarketSnapshot {
  readonly assets: readonly string[];
  readonly annualVols: Readonly<Record<string, SourcedFigure>>;
  /** Row-major assets × assets correlation matrix. */
  readonly correlationMatrix: Float64Array;
  readonly correlations: Readonly<Record<string, SourcedFigure>>;
  readonly defaultsAsOf: string;
}

/** What a market snapshot lacks for its assets: vols, correlation pairs, or consistency. */
export interface MarketSnapshotGaps {
  readonly missingVols: readonly string[];
  readonly missingCorrelations: readonly (readonly [string, string])[];
  /** Why the correlations cannot form a valid matrix (not positive definite); null when they can. */
  readonly inconsistent: string | null;
}

/**
 * Resolves vols and correlations for `assets`: the portfolio file first, then live data, then
 * the embedded default. What none of them has is returned as gaps (the caller turns them into
 * refusals); a missing figure reads 0 in the snapshot and must not be used.
 */
export function resolveMarketSnapshot(
  input: MarketInput,
  assets: readonly string[],
  live?: LiveMarket,
  defaults: DefaultMarket = DEFAULT_MARKET,
): { readonly snapshot: MarketSnapshot; readonly gaps: MarketSnapshotGaps } {
  const missingVols: string[] = [];
  const missingCorrelations: [string, string][] = [];
  const annualVols: Record<string, SourcedFigure> = {};
  for (const asset of assets) {
    const figure = lookupAnnualVol(input, live, defaults, asset);
    if (figure) annualVols[asset] = figure;
    else missingVols.push(asset);
  }
  const size = assets.length;
  const correlationMatrix = new Float64Array(size * size);
  const correlations: Record<string, SourcedFigure> = {};
  for (let i = 0; i < size; i++) {
    correlationMatrix[i * size + i] = 1;
    for (let j = i + 1; j < size; j++) {
      const a = assets[i] ?? '';
      const b = assets[j] ?? '';
      const figure = lookupCorrelation(input, live, defaults, a, b);
      if (!figure) {
        missingCorrelations.push([a, b]);
        continue;
      }
      correlations[`${a}/${b}`] = figure;
      correlationMatrix[i * size + j] = figure.value;
      correlationMatrix[j * size + i] = figure.value;
    }
  }
  let inconsistent: string | null = null;
  if (missingVols.length === 0 && missingCorrelations.length === 0) {
    try {
      choleskyLower(correlationMatrix, size, assets);
    } catch (error) {
      inconsistent = (error as Error).message.replace('choleskyLower: ', '');
    }
  }
  return {
    snapshot: { assets, annualVols, correlationMatrix, correlations, defaultsAsOf: defaults.asOf },
    gaps: { missingVols, missingCorrelations, inconsistent },
  };
}

/** An asset's annualised vol: the file, then live data, then the embedded default; undefined when none has it. */
export function lookupAnnualVol(
  input: MarketInput,
  live: LiveMarket | undefined,
  defaults: DefaultMarket,
  asset: string,
): SourcedFigure | undefined {
  const fromFile = input.annualVols?.[asset];
  if (fromFile !== undefined) return { value: fromFile, origin: Origin.file };
  const fromLive = isLiveMarketInput(live) ? live.annualVols[asset] : undefined;
  if (fromLive !== undefined && isLiveMarketInput(live))
    return liveVolFigure(fromLive, live, [asset]);
  const fromDefault = defaults.annualVols[asset];
  if (fromDefault !== undefined) return defaultFigure(fromDefault, live, [asset]);
  return undefined;
}

export function lookupCorrelation(
  input: MarketInput,
  live: LiveMarket | undefined,
  defaults: DefaultMarket,
  a: string,
  b: string,
): SourcedFigure | undefined {
  const fromFile = input.correlations?.[`${a}/${b}`] ?? input.correlations?.[`${b}/${a}`];
  if (fromFile !== undefined) return { value: fromFile, origin: Origin.file };
  if (isLiveMarketInput(live)) {
    const fromLive = live.correlations[`${a}/${b}`] ?? live.correlations[`${b}/${a}`];
    if (fromLive !== undefined) return liveVolFigure(fromLive, live, [a, b]);
  }
  const fromDefault = defaults.correlations[`${a}/${b}`] ?? defaults.correlations[`${b}/${a}`];
  if (fromDefault !== undefined) return defaultFigure(fromDefault, live, [a, b]);
  return undefined;
}

/**
 * USD price of an asset (a settlement asset, or an option's underlying index): the file's price,
 * else the live index price, else 1 for USD stablecoins (an assumed peg).
 */
export function settlementPriceUsd(
  input: MarketInput,
  asset: string,
  live?: LiveMarket,
): SourcedFigure | undefined {
  const fromFile = input.prices?.[asset];
  if (fromFile !== undefined) return { value: fromFile.toNumber(), origin: Origin.file };
  if (isLiveMarketInput(live)) {
    const fromLive = live.prices[asset];
    if (fromLive !== undefined)
      return { value: fromLive, origin: Origin.live, source: live.source, asOf: live.asOf };
  }
  if (isUsdStablecoin(asset)) return { value: 1, origin: Origin.assumedPeg };
  return undefined;
}

/** A live vol or correlation, naming the source of each of its assets' candles. */
function liveVolFigure(
  value: number,
  live: LiveMarketInput,
  assets: readonly string[],
): SourcedFigure {
  const sources = [...new Set(assets.map((asset) => live.volSources?.[asset] ?? live.source))];
  return {
    value,
    origin: Origin.live,
    source: `${sources.join(' and ')}, ${live.volsMethod}`,
    asOf: live.volsAsOf,
  };
}

/** An embedded default; with live data wanted, the figure says why live data did not supply it. */
function defaultFigure(
  value: number,
  live: LiveMarket | undefined,
  assets: readonly string[],
): SourcedFigure {
  const figure = { value, origin: Origin.embeddedDefault };
  if (live === undefined) return figure;
  if (!isLiveMarketInput(live))
    return {
      ...figure,
      source: `embedded default (live market data unavailable: ${live.unavailable})`,
    };
  const reasons = assets
    .filter((asset) => live.missing?.[asset] !== undefined)
    .map((asset) => `${asset}: ${live.missing?.[asset] ?? ''}`);
  return {
    ...figure,
    source: `embedded default (no live figure from ${live.source}${reasons.length > 0 ? `; ${reasons.join('; ')}` : ''})`,
  };
}
