import type { AccountMargin, PositionMargin } from './margin-types';

/**
 * An account's margin summary from its figures: initial margin = Σ positions' initial margin
 * (null when any is unknown), margin ratio = maintenance margin / equity (∞ when equity ≤ 0
 * and MM > 0; 0 with nothing to maintain). Units: the account's settlement asset.
 */
export function accountMarginOf(figures: {
  readonly accountId: string;
  readonly venue: string;
  readonly settle: string;
  readonly walletBalance: number;
  readonly equity: number;
  readonly maintenanceMargin: number;
  readonly positions: readonly PositionMargin[];
}): AccountMargin {
  const { equity, maintenanceMargin: maintenance, positions } = figures;
  const initials = positions.map((position) => position.initialMargin);
  return {
    ...figures,
    initialMargin: initials.some((value) => value === null)
      ? null
      : initials.reduce<number>((sum, value) => sum + (value ?? 0), 0),
    marginRatio: equity > 0 ? maintenance / equity : maintenance > 0 ? Number.POSITIVE_INFINITY : 0,
  };
}
