import { black76Price, type OptionType } from '../pricer/black76';

/**
 * What a position contributes to portfolio P&L under a market scenario, in USD, revalued in full
 * (DESIGN.md §6): a scenario moves each asset by a log-return r (shocked price S·e^r) and, in the
 * stress grid, scales option vols by a factor.
 *
 * - Delta-one (linear perpetuals and futures, spot, coin balances): P&L = q·S₀·(e^r − 1)·u, with
 *   q the signed base quantity and u the USD value of one unit of the settlement asset.
 * - Inverse perpetuals and futures (USD notional N, entry EP): the account's USD value
 *   (W + N·(1/EP − 1/S))·S moves by W·ΔS + N·ΔS/EP, so the position is delta-one with q = N/EP
 *   at price S and the wallet W a separate balance exposure.
 * - European options (linear or inverse settlement): q·(V(F₀·e^r, K, T − h, σ·m) − V₀) with V the
 *   Black-76 USD value per unit on the expiry's forward F. An inverse (coin-settled) option is
 *   marked in coin at V(F)/F, worth V(F)·S/F USD: with the basis F/S held, q is its count times
 *   S/F (measure/portfolio-exposures.ts).
 */
export type Exposure = DeltaOneExposure | OptionExposure;

export interface DeltaOneExposure {
  readonly kind: 'delta-one';
  readonly assetIndex: number;
  /** Signed base quantity (positive long). */
  readonly quantity: number;
  readonly price: number;
  /** USD per unit of the currency the P&L is paid in (1 for USD stablecoins at peg). */
  readonly usdPerSettle: number;
}

export interface OptionExposure {
  readonly kind: 'option';
  readonly assetIndex: number;
  /**
   * Signed number of options, each on one unit of underlying, times S/F for a coin-settled option
   * (its USD value per Black-76 USD of value, above).
   */
  readonly quantity: number;
  readonly type: OptionType;
  readonly strike: number;
  readonly forward: number;
  /** Years of 365 days, at the start of the horizon. */
  readonly timeToExpiry: number;
  readonly lognormalVol: number;
}

/** The value of an option exposure now, in USD per unit (Black-76, undiscounted). */
export function optionValue(
  exposure: OptionExposure,
  forward = exposure.forward,
  timeToExpiry = exposure.timeToExpiry,
  volFactor = 1,
): number {
  return black76Price({
    type: exposure.type,
    forward,
    strike: exposure.strike,
    timeToExpiry,
    lognormalVol: exposure.lognormalVol * volFactor,
  });
}
