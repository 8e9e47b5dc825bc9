/**
 * A margin silo as data, for path simulation: the wallet and the linear positions whose equity
 * must stay above their tiered maintenance margin (cross: every position of the account;
 * isolated: one position). Venue rule sets build these (e.g. binance-usdm-silos.ts).
 *
 *   surplus(P) = wallet + Σ q·(P − EP) − Σ (|q|·P·rate_tier − amount_tier)
 *
 * with P each position's price, q its signed base quantity and the tier chosen by the notional
 * |q|·P. The silo is liquidated when surplus ≤ 0. Units: the silo's settlement asset.
 */
export interface SiloTier {
  /** Upper notional bound of the tier (inclusive); Infinity for the top tier. */
  readonly cap: number;
  readonly rate: number;
  readonly amount: number;
}

export interface SiloPosition {
  readonly symbol: string;
  /** Index of the position's underlying in the simulation's asset list. */
  readonly asset: string;
  readonly quantity: number;
  readonly entryPrice: number;
  readonly markPrice: number;
  readonly tiers: readonly SiloTier[];
}

export interface MarginSilo {
  readonly accountId: string;
  readonly label: string;
  readonly wallet: number;
  readonly positions: readonly SiloPosition[];
}

/** Tiered maintenance margin of a notional, in float (the path-simulation hot loop). */
export function siloMaintenanceMargin(tiers: readonly SiloTier[], notional: number): number {
  for (const tier of tiers) if (notional <= tier.cap) return notional * tier.rate - tier.amount;
  const top = tiers[tiers.length - 1];
  return top ? notional * top.rate - top.amount : 0;
}

/** Equity − maintenance margin at the given position prices (in `positions` order). */
export function siloSurplus(silo: MarginSilo, prices: ArrayLike<number>): number {
  let surplus = silo.wallet;
  silo.positions.forEach((position, index) => {
    const price = prices[index] ?? position.markPrice;
    surplus +=
      position.quantity * (price - position.entryPrice) -
      siloMaintenanceMargin(position.tiers, Math.abs(position.quantity) * price);
  });
  return surplus;
}
