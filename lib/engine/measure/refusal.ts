/**
 * A refusal as data: one thing the engine could not compute, where it is, and what it removes
 * from the figures. Nothing is skipped in silence: every account, position or figure left out of
 * a measure is named by one refusal in the report, and views decide how to show it from `kind`
 * and `removes`, never from the message text.
 *
 * What a refusal removes is only what it must:
 * - `account`: the venue's margin rules cannot compute the account (an account type, a product
 *   or a tier table they lack), or an option without a volatility (its value and margin need
 *   one): the account is left out of every figure.
 * - `scenario-measures`: the account's venue margin, liquidation prices and distance in % stay;
 *   it is left out of ES/VaR, stress, the liquidation probabilities, collateral moves, the
 *   costs of broken hedges and the portfolio's USD sums where it has no USD price (a missing
 *   volatility, correlation, price or history).
 * - `liquidity-add-on`: only the position's liquidity add-on is missing (no daily volume).
 */
export const RefusalKind = {
  unsupportedAccount: 'unsupported-account',
  missingOptionVol: 'missing-option-vol',
  missingPrice: 'missing-price',
  missingVolatility: 'missing-volatility',
  missingCorrelation: 'missing-correlation',
  inconsistentCorrelations: 'inconsistent-correlations',
  missingHistory: 'missing-history',
  missingDailyVolume: 'missing-daily-volume',
} as const;
export type RefusalKind = (typeof RefusalKind)[keyof typeof RefusalKind];

export const RefusalScope = {
  account: 'account',
  scenarioMeasures: 'scenario-measures',
  liquidityAddOn: 'liquidity-add-on',
} as const;
export type RefusalScope = (typeof RefusalScope)[keyof typeof RefusalScope];

export interface Refusal {
  /** The account refused; null when the refusal is about the market as a whole. */
  readonly account: string | null;
  /** The account's venue (ccxt id), when the refusal names an account. */
  readonly venue?: string;
  /** The position's unified symbol, when one position is the cause. */
  readonly position?: string;
  /** The file field that is missing or wrong, e.g. `market.annualVols.HYPE`. */
  readonly field: string;
  readonly kind: RefusalKind;
  readonly removes: RefusalScope;
  /** What was wrong and what to do, in words. */
  readonly message: string;
}

/** Refusals a trader fixes with market figures: live market data, or a file's `market` section. */
const MARKET_KINDS: ReadonlySet<RefusalKind> = new Set([
  RefusalKind.missingOptionVol,
  RefusalKind.missingPrice,
  RefusalKind.missingVolatility,
  RefusalKind.missingCorrelation,
  RefusalKind.missingDailyVolume,
]);

export function isMarketRefusal(refusal: Refusal): boolean {
  return MARKET_KINDS.has(refusal.kind);
}
