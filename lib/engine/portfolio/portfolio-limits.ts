import { PortfolioError } from './portfolio-error';

/**
 * The most a portfolio file may hold or ask for, defined once: the file's schema
 * (file-schema/account-schema.ts, model-schema.ts) refuses anything beyond them, and every reader
 * of file text (the command line, the options page, the background's import) checks the text's
 * length before parsing it. Each is far above what a trader's accounts hold, and keeps one risk
 * report, which runs in the extension's service worker, from blocking it for long; the report's
 * cost grows with accounts × positions × liquidation paths × horizon hours, so the caps on
 * them are set together (figures measured with `npm run risk`, README "The portfolio file").
 *
 * Units: characters of JSON text (UTF-16 code units, as `String.length` counts), items, hours;
 * figures in their own units (a price in its quote currency, money in its asset).
 */
export const PORTFOLIO_LIMITS = {
  /** Characters of the file's JSON text, counted before it is parsed. */
  fileCharacters: 2_000_000,
  accounts: 50,
  balancesPerAccount: 200,
  positionsPerAccount: 200,
  /** Positions of all accounts together. */
  positions: 300,
  scenarios: 100_000,
  liquidationPaths: 10_000,
  /** Seven days, the longest horizon the engine is specified for. */
  horizonHours: 168,
  /**
   * The largest size of any decimal figure (money, price, size, rate): a thousand times the
   * largest a venue sends (1e15, math/decimal-string-size.ts). With it a position's notional is
   * at most 1e54 and its square 1e108, far inside a double (1.8e308).
   */
  largestFigure: 1e18,
  /**
   * The smallest positive figure where the field must be positive (prices, contracts, contract
   * sizes, caps): the smallest unit a venue counts (1 wei, 1e-18 ETH). The engine divides by
   * them; a balance or a margin may be smaller (float dust such as 2e-19 BTC).
   */
  smallestPositiveFigure: 1e-18,
} as const;

/** A count as a refusal writes it: `2,001`. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/**
 * Refuses file text longer than {@link PORTFOLIO_LIMITS}.fileCharacters before anything parses
 * it: throws a {@link PortfolioError} naming the length and the cap. `characters` is the text's
 * `length` (or the length of a parsed file written back as JSON, where only the value arrived).
 */
export function checkPortfolioTextLength(characters: number): void {
  const most = PORTFOLIO_LIMITS.fileCharacters;
  if (characters <= most) return;
  throw new PortfolioError([
    `portfolio: the file is ${formatCount(characters)} characters long; at most ${formatCount(most)} are read`,
  ]);
}
