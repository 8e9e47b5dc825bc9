import { black76Greeks } from '../pricer/black76';
import type { Exposure } from './exposure';

/**
 * An exposure's delta in USD: its P&L per unit relative move of its asset, dV/dS·S.
 *
 * - Delta-one: q·S·u (signed base quantity, price, USD per unit of the settlement currency).
 * - Option: q·F·Δ, with Δ the Black-76 forward delta (undiscounted) at the exposure's forward,
 *   strike, time to expiry and lognormal vol; Black-76's own edge cases apply (at expiry or zero
 *   vol the delta is 1, −1 or 0 by moneyness).
 *
 * Units: USD. Cost: O(1). Positive for a long delta, negative for a short one.
 */
export function exposureDeltaUsd(exposure: Exposure): number {
  if (exposure.kind === 'delta-one')
    return exposure.quantity * exposure.price * exposure.usdPerSettle;
  const { delta } = black76Greeks({
    type: exposure.type,
    forward: exposure.forward,
    strike: exposure.strike,
    timeToExpiry: exposure.timeToExpiry,
    lognormalVol: exposure.lognormalVol,
  });
  return exposure.quantity * exposure.forward * delta;
}
