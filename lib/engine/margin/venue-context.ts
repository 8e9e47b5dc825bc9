/**
 * What venue rules may need beyond the account itself: the time of the snapshot (option expiries)
 * and the underlying's index price in USD (from the portfolio file's market prices).
 */
export interface MarginContext {
  /** ISO-8601 time of the snapshot. */
  readonly asOf: string;
  readonly underlyingPrice: (asset: string) => number | undefined;
}
