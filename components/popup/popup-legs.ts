import type { AccountReport, PositionReport, Probability, RiskReport } from '../../lib/engine';
import { venueName } from '../../lib/connections/account-names';
import { instrumentNames, underlyingName, underlyingOf } from '../../lib/format/instrument-name';
import { dangerLevel, nearness, type DangerLevel } from '../../lib/overlay/danger-level';

/**
 * Every position of the report as a leg the popup shows: where it is (venue, the trader's name
 * for the account, instrument), its size and mark, its own liquidation price, the signed
 * distance to it (in % of the reference price and in horizon σ), the chance its silo is
 * liquidated within the horizon, and its danger level. Figures are the report's; nothing is
 * recomputed here.
 */
export interface PopupLeg {
  /** Unique: account, symbol and side. */
  readonly key: string;
  readonly accountId: string;
  readonly accountLabel: string;
  readonly venue: string;
  readonly venueName: string;
  readonly symbol: string;
  /** A trader's name for the instrument ("BTC perp"), disambiguated across the book. */
  readonly instrumentName: string;
  /** The base asset (BTC of BTC/USDT:USDT). */
  readonly underlying: string;
  readonly side: 'long' | 'short';
  /** Size in base units. */
  readonly quantity: number;
  readonly markPrice: number;
  readonly marginMode: PositionReport['marginMode'];
  /** Null: this leg cannot be liquidated on its own. */
  readonly liquidationPrice: number | null;
  /** (liquidation − reference) / reference: negative when the price must fall; 0 once past it (`liquidationPassed`). */
  readonly signedDistancePct: number | null;
  /** Distance in horizon σ (daily for 24 h); null without a volatility. */
  readonly sigma: number | null;
  /** The chance its silo (its own isolated margin, or the account's cross margin) is liquidated. */
  readonly probability: Probability | null;
  readonly silo: PositionReport['liquidationSilo'];
  readonly level: DangerLevel;
  /** For sorting across underlyings (danger-level.ts `nearness`). */
  readonly nearness: number;
}

export function popupLegs(
  report: RiskReport,
  labelOf: (account: AccountReport) => string,
): PopupLeg[] {
  const names = instrumentNames(
    report.accounts.flatMap((account) => account.positions.map((position) => position.symbol)),
  );
  const legs = report.accounts.flatMap((account) =>
    account.positions.map((position) => legOf(account, position, labelOf(account), names)),
  );
  return legs.sort((a, b) => a.nearness - b.nearness);
}

function legOf(
  account: AccountReport,
  position: PositionReport,
  accountLabel: string,
  names: ReadonlyMap<string, string>,
): PopupLeg {
  const price = position.liquidationPrice;
  const hasLiquidation = price !== null && Number.isFinite(price) && price > 0;
  // A leg at or past its liquidation price reads 0 (its σ ≤ 0): critical, nearest of all.
  const signedDistancePct = hasLiquidation
    ? position.liquidationPassed === true
      ? 0
      : (price - position.referencePrice) / position.referencePrice
    : null;
  const sigma = hasLiquidation ? position.liquidationDistanceVolUnits : null;
  const distance = { sigma, pct: signedDistancePct };
  return {
    key: `${account.id}|${position.symbol}|${position.side}`,
    accountId: account.id,
    accountLabel,
    venue: account.venue,
    venueName: venueName(account.venue),
    symbol: position.symbol,
    instrumentName: names.get(position.symbol) ?? position.symbol,
    underlying: underlyingName(underlyingOf(position.symbol)),
    side: position.side,
    quantity: position.quantity,
    markPrice: position.markPrice,
    marginMode: position.marginMode,
    liquidationPrice: hasLiquidation ? price : null,
    signedDistancePct,
    sigma,
    probability: position.liquidationProbability,
    silo: position.liquidationSilo,
    level: dangerLevel(distance),
    nearness: hasLiquidation ? nearness(distance) : Number.POSITIVE_INFINITY,
  };
}

/** The legs on one underlying, nearest to liquidation first. */
export interface UnderlyingGroup {
  readonly underlying: string;
  readonly legs: readonly PopupLeg[];
  /** Longs and shorts on it: a hedge whose legs can each be liquidated alone. */
  readonly hedged: boolean;
  /** The leg liquidated first (the nearest), when any can be. */
  readonly firstToDie: PopupLeg | null;
}

/** Legs grouped by underlying, the group with the nearest leg first (legs keep their order). */
export function legsByUnderlying(legs: readonly PopupLeg[]): UnderlyingGroup[] {
  const groups = new Map<string, PopupLeg[]>();
  for (const leg of [...legs].sort((a, b) => a.nearness - b.nearness))
    groups.set(leg.underlying, [...(groups.get(leg.underlying) ?? []), leg]);
  return [...groups].map(([underlying, members]) => {
    const first = members[0];
    return {
      underlying,
      legs: members,
      hedged:
        members.some((leg) => leg.side === 'long') && members.some((leg) => leg.side === 'short'),
      firstToDie: first !== undefined && first.liquidationPrice !== null ? first : null,
    };
  });
}
