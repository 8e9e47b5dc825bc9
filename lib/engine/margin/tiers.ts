import Decimal from 'decimal.js';

/**
 * Tiered maintenance margin in the "maintenance amount" (Binance `cum`) / "MM deduction"
 * (Bybit) form, methodology §0:
 *
 *   MM = notional × MMR_tier − cum_tier,  cum_n = floor_n × (MMR_n − MMR_{n−1}) + cum_{n−1}, cum_1 = 0
 *
 * which equals the marginal-slice sum Σ slice_k × MMR_k, so MM is continuous in notional.
 * A tier covers notionals in (floor, cap]; the top tier's cap may be Infinity. Venues whose tiers
 * charge the tier's rate on the whole position (OKX) use the `flat` form below, amounts 0.
 * Units: notional and amounts in the settlement asset (floor and cap in base units where a venue
 * tiers by position size, tier-table.ts); rates are fractions.
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
 * How a venue's tiers turn a position into maintenance margin:
 * - `deduction`: MM = size × MMR_tier − amount_tier with the amount by the recursion above, so MM is
 *   continuous (Binance maintenance amount, Bybit MM deduction);
 * - `flat`: MM = notional × MMR_tier for the whole position, no amount (OKX position tiers).
 */
export const TierForm = { deduction: 'deduction', flat: 'flat' } as const;
export type TierForm = (typeof TierForm)[keyof typeof TierForm];

/**
 * The position fields that carry the tier in force on a venue whose tiers read in `form`: the
 * rate alone where tiers have no amount, the rate and its amount otherwise (account-schema.ts
 * checks a file by the same rule).
 */
export function tierInForceFields(form: TierForm): string {
  return form === TierForm.flat
    ? 'maintenanceMarginRate'
    : 'maintenanceMarginRate and maintenanceAmount';
}

/** One problem with a published row: its index (0-based), the field, and what is wrong. */
export interface TierRowProblem {
  readonly index: number;
  readonly field: 'floor' | 'cap' | 'maintenanceMarginRate' | 'maintenanceAmount';
  readonly message: string;
}

/**
 * Every problem in published rows, in order: a floor that does not continue the previous cap (the
 * first floor must be 0), a cap not above its floor or a `null` cap before the last row, a rate
 * outside [0, 1), and a published maintenance amount that disagrees with the form (the recursion
 * within 1e-9 for `deduction`, 0 for `flat`) — a transcription error in a table.
 */
export function tierRowProblems(rows: readonly TierRow[], form: TierForm): TierRowProblem[] {
  const problems: TierRowProblem[] = [];
  let previousRate = new Decimal(0);
  let previousAmount = new Decimal(0);
  let previousCap: Decimal | null = new Decimal(0);
  for (const [index, row] of rows.entries()) {
    const floor = new Decimal(row.floor);
    const rate = new Decimal(row.maintenanceMarginRate);
    const cap = row.cap === null ? null : new Decimal(row.cap);
    if (previousCap === null || !floor.eq(previousCap)) {
      problems.push({
        index,
        field: 'floor',
        message: `${row.floor} does not continue the previous cap (${previousCap === null ? 'none: the previous tier has no bound' : previousCap.toString()})`,
      });
    }
    if (cap !== null && cap.lte(floor)) {
      problems.push({
        index,
        field: 'cap',
        message: `${row.cap} is not above the floor ${row.floor}`,
      });
    }
    if (rate.lt(0) || rate.gte(1)) {
      problems.push({
        index,
        field: 'maintenanceMarginRate',
        message: `is a fraction in [0, 1) (0.005 for 0.5%), got ${row.maintenanceMarginRate}`,
      });
    }
    const amount =
      form === TierForm.flat
        ? new Decimal(0)
        : floor.mul(rate.minus(previousRate)).plus(previousAmount);
    if (row.maintenanceAmount !== undefined && amount.minus(row.maintenanceAmount).abs().gt(1e-9)) {
      problems.push({
        index,
        field: 'maintenanceAmount',
        message:
          form === TierForm.flat
            ? `must be 0: these tiers have no maintenance amount (MM = notional × MMR), got ${row.maintenanceAmount}`
            : `published maintenance amount ${row.maintenanceAmount} disagrees with the recursion (${amount.toString()})`,
      });
    }
    previousRate = rate;
    previousAmount = amount;
    previousCap = cap;
  }
  return problems;
}

/**
 * Builds tiers from published rows, computing each maintenance amount by the recursion (`deduction`
 * form) or setting it to 0 (`flat` form). buildTiers rejects rows with any {@link tierRowProblems}.
 */
export function buildTiers(
  rows: readonly TierRow[],
  label: string,
  form: TierForm = TierForm.deduction,
): MaintenanceTier[] {
  const [problem] = tierRowProblems(rows, form);
  if (problem) {
    const row = rows[problem.index];
    const text =
      problem.field === 'floor'
        ? `floor ${row?.floor ?? ''} does not continue the previous cap`
        : problem.field === 'maintenanceAmount' && form === TierForm.deduction
          ? problem.message
          : `${problem.field} ${problem.message}`;
    throw new RangeError(`${label} tier ${problem.index + 1}: ${text}`);
  }
  if (rows.length === 0) throw new RangeError(`${label}: a tier table needs at least one tier`);
  const tiers: MaintenanceTier[] = [];
  let previousRate = new Decimal(0);
  let previousAmount = new Decimal(0);
  for (const row of rows) {
    const floor = new Decimal(row.floor);
    const rate = new Decimal(row.maintenanceMarginRate);
    const amount =
      form === TierForm.flat
        ? new Decimal(0)
        : floor.mul(rate.minus(previousRate)).plus(previousAmount);
    tiers.push({
      floor,
      cap: row.cap === null ? null : new Decimal(row.cap),
      maintenanceMarginRate: rate,
      maintenanceAmount: amount,
      maxLeverage: row.maxLeverage,
    });
    previousRate = rate;
    previousAmount = amount;
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
