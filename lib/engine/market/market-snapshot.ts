import type { MarketInput } from '../portfolio/portfolio-types';
import { choleskyLower } from '../math/cholesky';
import { PortfolioError } from '../portfolio/portfolio-error';
import { DEFAULT_MARKET, type DefaultMarket } from './default-market';

/**
 * The market figures a risk run uses for a set of assets, each with where it came from.
 * Vols are annualised (365-day) log-return standard deviations; correlations apply to
 * log-returns; prices are USD per unit.
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
}

export interface MarketSnapshot {
  readonly assets: readonly string[];
  readonly annualVols: Readonly<Record<string, SourcedFigure>>;
  /** Row-major assets × assets correlation matrix. */
  readonly correlationMatrix: Float64Array;
  readonly correlations: Readonly<Record<string, SourcedFigure>>;
  readonly defaultsAsOf: string;
}

const STABLE_ASSETS = new Set(['USD', 'USDT', 'USDC']);

/**
 * Resolves vols and correlations for `assets`: the portfolio file first, then the embedded
 * default. Throws a {@link PortfolioError} naming each asset or pair that has neither.
 */
export function resolveMarketSnapshot(
  input: MarketInput,
  assets: readonly string[],
  defaults: DefaultMarket = DEFAULT_MARKET,
): MarketSnapshot {
  const problems: string[] = [];
  const annualVols: Record<string, SourcedFigure> = {};
  for (const asset of assets) {
    const fromFile = input.annualVols?.[asset];
    const fromDefault = defaults.annualVols[asset];
    if (fromFile !== undefined) annualVols[asset] = { value: fromFile, origin: Origin.file };
    else if (fromDefault !== undefined)
      annualVols[asset] = { value: fromDefault, origin: Origin.embeddedDefault };
    else
      problems.push(
        `market annualVols ${asset}: no volatility for ${asset} in the file or the embedded default; add market.annualVols.${asset}`,
      );
  }
  const size = assets.length;
  const correlationMatrix = new Float64Array(size * size);
  const correlations: Record<string, SourcedFigure> = {};
  for (let i = 0; i < size; i++) {
    correlationMatrix[i * size + i] = 1;
    for (let j = i + 1; j < size; j++) {
      const a = assets[i] ?? '';
      const b = assets[j] ?? '';
      const figure = lookupCorrelation(input, defaults, a, b);
      if (!figure) {
        problems.push(
          `market correlations ${a}/${b}: no correlation for this pair in the file or the embedded default; add market.correlations["${a}/${b}"]`,
        );
        continue;
      }
      correlations[`${a}/${b}`] = figure;
      correlationMatrix[i * size + j] = figure.value;
      correlationMatrix[j * size + i] = figure.value;
    }
  }
  if (problems.length === 0) {
    try {
      choleskyLower(correlationMatrix, size, assets);
    } catch (error) {
      problems.push(
        `market correlations: the correlations of ${assets.join(', ')} are inconsistent (${(error as Error).message.replace('choleskyLower: ', '')})`,
      );
    }
  }
  if (problems.length > 0) throw new PortfolioError(problems);
  return { assets, annualVols, correlationMatrix, correlations, defaultsAsOf: defaults.asOf };
}

function lookupCorrelation(
  input: MarketInput,
  defaults: DefaultMarket,
  a: string,
  b: string,
): SourcedFigure | undefined {
  const fromFile = input.correlations?.[`${a}/${b}`] ?? input.correlations?.[`${b}/${a}`];
  if (fromFile !== undefined) return { value: fromFile, origin: Origin.file };
  const fromDefault = defaults.correlations[`${a}/${b}`] ?? defaults.correlations[`${b}/${a}`];
  if (fromDefault !== undefined) return { value: fromDefault, origin: Origin.embeddedDefault };
  return undefined;
}

/** USD price of a settlement asset: the file's price, else 1 for USD stablecoins (an assumed peg). */
export function settlementPriceUsd(input: MarketInput, asset: string): SourcedFigure | undefined {
  const fromFile = input.prices?.[asset];
  if (fromFile !== undefined) return { value: fromFile.toNumber(), origin: Origin.file };
  if (STABLE_ASSETS.has(asset)) return { value: 1, origin: Origin.assumedPeg };
  return undefined;
}
