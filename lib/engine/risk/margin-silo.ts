/**
 * A margin silo as data, for path simulation and collateral planning: what must stay above its
 * maintenance margin. Venue rule sets build these (linear-tiered-silos.ts, inverse-tiered-account.ts, deribit-standard.ts, okx.ts,
 * bybit-option-account.ts, binance-portfolio-margin-account.ts).
 *
 * Linear silos (most perpetual venues): the wallet and the linear positions,
 *
 *   surplus(P) = wallet + Σ q·(P − EP) − Σ (|q|·P·rate_tier − amount_tier)
 *
 * with P each position's price, q its signed base quantity and the tier chosen by the notional
 * |q|·P. Silos with non-linear equity or margin (inverse contracts, options, portfolio margin)
 * instead give `nonlinear`: their surplus as a function of their underlyings' prices. Either way the
 * silo is liquidated when surplus ≤ 0, and surplus rises one for one with the wallet (under Binance
 * portfolio margin, times the settlement asset's collateral rate).
 * Units: the silo's settlement asset.
 */
export interface SiloTier {
  /** Upper notional bound of the tier (inclusive); Infinity for the top tier. */
  readonly cap: number;
  readonly rate: number;
  readonly amount: number;
}

export interface SiloPosition {
  readonly symbol: string;
  readonly asset: string;
  readonly quantity: number;
  readonly entryPrice: number;
  readonly markPrice: number;
  readonly tiers: readonly SiloTier[];
}

export interface NonlinearSurplus {
  /** The underlyings the silo depends on, and their prices now. */
  readonly assets: readonly string[];
  readonly markPrices: readonly number[];
  /** Equity − maintenance margin at underlying prices (in `assets` order), wallet included. */
  readonly surplus: (prices: readonly number[]) => number;
}

export interface MarginSilo {
  readonly accountId: string;
  readonly label: string;
  /**
   * The positions the silo margins, as indices into its account's `positions`: an isolated
   * silo's one position, or every position of the cross (or portfolio) silo. Each position is in
   * exactly one of its account's silos; a view reads a position's liquidation probability here.
   */
  readonly positionIndices: readonly number[];
  readonly wallet: number;
  readonly positions: readonly SiloPosition[];
  readonly nonlinear?: NonlinearSurplus;
  /** Collateral that can leave the silo, when the venue rules know it (else derived from positions). */
  readonly freeCollateral?: number;
}

/** Tiered maintenance margin of a notional. */
export function siloMaintenanceMargin(tiers: readonly SiloTier[], notional: number): number {
  for (const tier of tiers) if (notional <= tier.cap) return notional * tier.rate - tier.amount;
  const top = tiers[tiers.length - 1];
  return top ? notional * top.rate - top.amount : 0;
}

/** Equity − maintenance margin of a linear silo at the given position prices (in `positions` order). */
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

/** Whether the silo can be liquidated at all (it holds positions). */
export function siloIsExposed(silo: MarginSilo): boolean {
  return silo.positions.length > 0 || silo.nonlinear !== undefined;
}
