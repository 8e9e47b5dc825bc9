/**
 * What warns the trader, and how: thresholds for every account (with per-account overrides) and
 * for the whole portfolio, the hysteresis margin a crossing must be undone by before it clears,
 * and how long before an alert that still holds is repeated.
 *
 * Units: distances and probabilities are fractions (0.05 = 5%); a distance in σ is in horizon
 * standard deviations of the underlying (daily σ at the report's default 24 h horizon, as the
 * overlay shows it); a margin ratio is maintenance margin / equity (liquidation at 1); times are
 * minutes. A threshold of null turns its check off.
 */
export interface AccountAlertRules {
  /** Warn when a position's liquidation price is nearer its mark than this fraction (0.05 = 5%). */
  readonly liquidationDistancePct: number | null;
  /** Warn when a position's liquidation price is nearer than this many horizon σ. */
  readonly liquidationDistanceSigma: number | null;
  /** Warn when the chance of liquidation within the report's horizon is above this fraction. */
  readonly liquidationProbability: number | null;
  /**
   * Warn when the account's margin ratio reaches this fraction; `venue`: the venue's own warning
   * level (its descriptor's `marginWarning`), or {@link DEFAULT_MARGIN_WARNING} where it has none.
   */
  readonly marginRatio: number | 'venue' | null;
  /** Warn when a connected account's figures have not been refreshed for this many minutes. */
  readonly staleMinutes: number | null;
  /** Warn when a leg of a hedge across accounts is liquidated or shrinks, leaving the other alone. */
  readonly brokenHedge: boolean;
}

/** One account's own rules: any field given replaces the default; `muted` silences the account. */
export type AccountAlertOverride = Partial<AccountAlertRules> & { readonly muted?: boolean };

export interface AlertRules {
  /** Off: no alert is raised and those showing are taken down. */
  readonly enabled: boolean;
  /** The rules every account follows unless it has its own. */
  readonly accounts: AccountAlertRules;
  /** By report account id (the id the popup and the options page list accounts by). */
  readonly accountOverrides: Readonly<Record<string, AccountAlertOverride>>;
  readonly portfolio: {
    /** Warn when the worst stress scenario would lose more than this fraction of equity. */
    readonly stressLossOfEquity: number | null;
  };
  /**
   * Hysteresis: an alert clears only when its value is back past the threshold by this factor
   * (hysteresis.ts): 0.2 clears a 5% distance at 6% and a 10% chance at 8.3%.
   */
  readonly clearMargin: number;
  /** Repeat an alert that still holds after this many minutes; 0: never. */
  readonly reminderMinutes: number;
}

/**
 * Margin Lens's own margin-ratio warning where a venue publishes none: 80%, Binance's margin
 * call level (lib/venues/binance/binance-venues.ts), a fifth of the maintenance margin left.
 */
export const DEFAULT_MARGIN_WARNING = 0.8;

/**
 * The rules on install. Distances: 5% or 2 daily σ, whichever is nearer to liquidation, is the
 * overlay's "danger" band (lib/overlay/danger-level.ts: under 2σ a move seen about once a month
 * liquidates); a 10% chance within a day; the venue's margin call; a quarter of an hour without
 * fresh figures (the vault's default idle lock is 15 minutes: a locked vault is said within one
 * more); a stress scenario that would take all the equity (the grid holds March 2020's −39% BTC
 * day: half the equity is crossed by almost any leveraged book, which would make the alert
 * noise); a reminder each hour while a liquidation or margin alert holds.
 */
export const DEFAULT_ALERT_RULES: AlertRules = {
  enabled: true,
  accounts: {
    liquidationDistancePct: 0.05,
    liquidationDistanceSigma: 2,
    liquidationProbability: 0.1,
    marginRatio: 'venue',
    staleMinutes: 15,
    brokenHedge: true,
  },
  accountOverrides: {},
  portfolio: { stressLossOfEquity: 1 },
  clearMargin: 0.2,
  reminderMinutes: 60,
};

/** The rules one account follows: its override over the defaults; null when it is muted or alerts are off. */
export function accountAlertRules(rules: AlertRules, accountId: string): AccountAlertRules | null {
  if (!rules.enabled) return null;
  const override = rules.accountOverrides[accountId];
  if (override === undefined) return rules.accounts;
  if (override.muted === true) return null;
  return {
    liquidationDistancePct:
      override.liquidationDistancePct !== undefined
        ? override.liquidationDistancePct
        : rules.accounts.liquidationDistancePct,
    liquidationDistanceSigma:
      override.liquidationDistanceSigma !== undefined
        ? override.liquidationDistanceSigma
        : rules.accounts.liquidationDistanceSigma,
    liquidationProbability:
      override.liquidationProbability !== undefined
        ? override.liquidationProbability
        : rules.accounts.liquidationProbability,
    marginRatio:
      override.marginRatio !== undefined ? override.marginRatio : rules.accounts.marginRatio,
    staleMinutes:
      override.staleMinutes !== undefined ? override.staleMinutes : rules.accounts.staleMinutes,
    brokenHedge: override.brokenHedge ?? rules.accounts.brokenHedge,
  };
}
