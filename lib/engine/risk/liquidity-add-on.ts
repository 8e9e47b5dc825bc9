/**
 * Liquidity add-on of closing a position: half the bid-ask spread plus square-root market impact
 * (methodology §6.6, a retail-sized proxy of CCP close-out charges; the square-root law of impact:
 * Tóth et al. 2011, "Anomalous price impact and the critical nature of liquidity", PRX 1, with
 * a prefactor of order one, taken as 1):
 *
 *   add-on = ½·spread·|N| + σ_daily·|N|·√(|N| / ADV)
 *
 * N the position's USD notional, σ_daily its asset's daily vol, ADV the asset's average daily
 * traded volume in USD; spread as a fraction (omitted when unknown). Not Euler-additive: it is
 * reported per position and added to ES separately. Units: USD.
 */
export interface LiquidityInput {
  readonly notionalUsd: number;
  readonly dailyVol: number;
  readonly dailyVolumeUsd: number;
  readonly spread?: number;
}

export function liquidityAddOn(input: LiquidityInput): number {
  const size = Math.abs(input.notionalUsd);
  if (!(input.dailyVolumeUsd > 0))
    throw new RangeError('liquidityAddOn requires a positive daily volume');
  return (
    0.5 * (input.spread ?? 0) * size +
    input.dailyVol * size * Math.sqrt(size / input.dailyVolumeUsd)
  );
}
