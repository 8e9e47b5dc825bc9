/**
 * How close to liquidation a leg is, as a level a glance reads (colour and word), from its
 * distance in horizon σ (daily σ for the default 24 h horizon) or, without a volatility, in %.
 *
 * Bands: under 1σ a one-in-three day move liquidates (critical); 1–2σ a move seen about once a
 * month (danger); 2–3σ a few times a year (caution); 3σ and beyond, safe for a day, not forever.
 * The % bands are the σ bands at a 4% daily volatility (BTC's order of magnitude): 4%, 8%, 12%.
 */
export const DangerLevel = {
  critical: 'critical',
  danger: 'danger',
  caution: 'caution',
  safe: 'safe',
  none: 'none',
} as const;
export type DangerLevel = (typeof DangerLevel)[keyof typeof DangerLevel];

const SIGMA_BANDS = [1, 2, 3] as const;
const PERCENT_BANDS = [0.04, 0.08, 0.12] as const;
const LEVELS = [DangerLevel.critical, DangerLevel.danger, DangerLevel.caution] as const;

/** The level of a leg: `none` when it cannot be liquidated (no liquidation price). */
export function dangerLevel(distance: {
  readonly sigma: number | null;
  readonly pct: number | null;
}): DangerLevel {
  const [value, bands] =
    distance.sigma !== null
      ? [distance.sigma, SIGMA_BANDS]
      : distance.pct !== null
        ? [Math.abs(distance.pct), PERCENT_BANDS]
        : [null, SIGMA_BANDS];
  if (value === null || Number.isNaN(value)) return DangerLevel.none;
  const band = bands.findIndex((limit) => value < limit);
  return band < 0 ? DangerLevel.safe : (LEVELS[band] ?? DangerLevel.safe);
}

/** The worst of several levels (critical first); `none` for none. */
export function worstLevel(levels: readonly DangerLevel[]): DangerLevel {
  const order: readonly DangerLevel[] = [...LEVELS, DangerLevel.safe, DangerLevel.none];
  return order.find((level) => levels.includes(level)) ?? DangerLevel.none;
}

/** The words beside the colour: never colour alone. */
export const DANGER_WORDS: Readonly<Record<DangerLevel, string>> = {
  critical: 'Critical',
  danger: 'Danger',
  caution: 'Caution',
  safe: 'Safe today',
  none: 'No liquidation',
};

/** Where a distance sits on the gauge (0 = at liquidation, 1 = 4σ or 16% and beyond). */
export function gaugeFraction(distance: {
  readonly sigma: number | null;
  readonly pct: number | null;
}): number | null {
  if (distance.sigma !== null) return Math.min(1, Math.max(0, distance.sigma / 4));
  if (distance.pct !== null) return Math.min(1, Math.max(0, Math.abs(distance.pct) / 0.16));
  return null;
}

/**
 * How near a leg is to liquidation as one number for sorting legs on different underlyings: its
 * distance in horizon σ, or without a volatility its % distance in σ at the % bands' 4% a day;
 * +Infinity when it cannot be liquidated.
 */
export function nearness(distance: {
  readonly sigma: number | null;
  readonly pct: number | null;
}): number {
  if (distance.sigma !== null && !Number.isNaN(distance.sigma)) return distance.sigma;
  if (distance.pct !== null && !Number.isNaN(distance.pct))
    return Math.abs(distance.pct) / (PERCENT_BANDS[0] / SIGMA_BANDS[0]);
  return Number.POSITIVE_INFINITY;
}

/** Margin-ratio bands (maintenance margin ÷ equity; the venue liquidates at about 100%). */
const RATIO_BANDS = [0.3, 0.5, 0.8] as const;

/**
 * The level of an account's margin ratio: critical from 80% (a fifth of the buffer left),
 * danger from 50%, caution from 30%; an account with no equity left (+Infinity, NaN) is critical.
 */
export function marginRatioLevel(ratio: number): DangerLevel {
  if (!(ratio < RATIO_BANDS[2])) return DangerLevel.critical;
  if (ratio >= RATIO_BANDS[1]) return DangerLevel.danger;
  if (ratio >= RATIO_BANDS[0]) return DangerLevel.caution;
  return DangerLevel.safe;
}
