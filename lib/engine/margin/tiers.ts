import Decimal from 'decimal.js';

/**
 * Tiered maintenance margin in the "maintenance amount" (Binance `cum`) / "MM deduction"
 * (Bybit) form, methodology §0:
 *
 *   MM = notional × MMR_tier − cum_tier,  cum_n = floor_n × (MMR_n − MMR_{n−1}) + cum_{n−1}, cum_1 = 0
 *
 * which equals the marginal-slice sum Σ slice_k × MMR_k, so MM is continuous in notional.
 * A tier covers notionals in (floor, cap]; the top tier's cap may be Infinity.
 * Units: notional and amounts in the settlement asset; rates are fractions.
 */
export interface MaintenanceTier {
  readonly floor: Decimal;
  /** Upper bound of the tier (inclusive); `null` for no bound. */
  readonly cap: Decimal | null;
  readonly maintenanceMarginRate: Decimal;
  readonly maintenanceAmount: Decimal;
  readonly maxLeverage: number;
}

export interface TierRow {
  readonly floor: string;
  readonly cap: string | null;
  readonly maintenanceMarginRate: string;
  readonly maxLeverage: number;
  /** The maintenance amount as published, checked against the recursion when given. */
  readonly maintenanceAmount?: string;
}

/**
 * Builds tiers from published rows, computing each maintenance amount by the recursion.
 * buildTiers rejects rows that are not contiguous, or a published amount that disagrees with
 * the recursion by more than 1e-9 (a transcription error in a table).
 */
export function buildTiers(rows: readonly TierRow[], label: string): MaintenanceTier[] {
  const tiers: MaintenanceTier[] = [];
  let previousRate = new Decimal(0);
  let previousAmount = new Decimal(0);
  let previousCap: Decimal | null = new Decimal(0);
  for (const [index, row] of rows.entries()) {
    const floor = new Decimal(row.floor);
    const rate = new Decimal(row.maintenanceMarginRate);
    if (previousCap === null || !floor.eq(previousCap)) {
      throw new RangeError(
        `${label} tier ${index + 1}: floor ${row.floor} does not continue the previous cap`,
      );
    }
    const amount = floor.mul(rate.minus(previousRate)).plus(previousAmount);
    if (row.maintenanceAmount !== undefined && amount.minus(row.maintenanceAmount).abs().gt(1e-9)) {
      throw new RangeError(
        `${label} tier ${index + 1}: published maintenance amount ${row.maintenanceAmount} disagrees with the recursion (${amount.toString()})`,
      );
    }
    const cap = row.cap === null ? null : new Decimal(row.cap);
    tiers.push({
      floor,
      cap,
      maintenanceMarginRate: rate,
      maintenanceAmount: amount,
      maxLeverage: row.maxLeverage,
    });
    previousRate = rate;
    previousAmount = amount;
    previousCap = cap;
  }
  return tiers;
}

/** The tier whose (floor, cap] holds `notional` (the first tier for 0; the top tier above every cap). */
export function tierForNotional(
  tiers: readonly MaintenanceTier[],
  notional: Decimal,
): MaintenanceTier {
  const first = tiers[0];
  if (!first) throw new RangeError('tierForNotional requires at least one tier');
  for (const tier of tiers) {
    if (tier.cap === null || notional.lte(tier.cap)) return tier;
  }
  return tiers[tiers.length - 1] ?? first;
}

/** Whether `notional` lies in the tier's (floor, cap] (0 belongs to a tier whose floor is 0). */
export function tierContains(tier: MaintenanceTier, notional: Decimal): boolean {
  const aboveFloor = tier.floor.isZero() ? notional.gte(0) : notional.gt(tier.floor);
  return aboveFloor && (tier.cap === null || notional.lte(tier.cap));
}

/** MM = notional × MMR − maintenance amount, for the tier that holds the notional. */
export function tieredMaintenanceMargin(
  tiers: readonly MaintenanceTier[],
  notional: Decimal,
): Decimal {
  const tier = tierForNotional(tiers, notional);
  return notional.mul(tier.maintenanceMarginRate).minus(tier.maintenanceAmount);
}
