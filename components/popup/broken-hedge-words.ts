import type { BrokenHedgeLeg, RiskReport } from '../../lib/engine';
import { venueName } from '../../lib/connections/account-names';
import {
  formatChance,
  formatMoney,
  formatPercent,
  formatPrice,
} from '../../lib/format/format-figures';
import { instrumentName } from '../../lib/format/instrument-name';
import { dangerLevel, type DangerLevel } from '../../lib/overlay/danger-level';

/**
 * One leg of a hedge that can be liquidated on its own (the report's `brokenHedges`), in a
 * trader's words: which leg, where and how likely it dies, what the book is down when it does
 * (the leg's loss less what its hedge gained on the way: the venue's fee), and how much riskier
 * the book is afterwards, its other side unhedged (the ES before and after, a day in a hundred).
 */
export interface BrokenHedgeWords {
  readonly key: string;
  readonly level: DangerLevel;
  /** "Bybit (bybit-hedge) BTC perp short": the account as the popup names it, then the leg. */
  readonly who: string;
  /** "liquidated at 99,326.00 (+4.5%), 4.9% (4.3–5.4%) chance in 24 h". */
  readonly when: string;
  /** "The leg loses 3,793.97 USD and its hedge gains 3,414.77 on the way: the book is down 379.20 USD, what Bybit keeps." */
  readonly atOnce: string;
  /** "Then the rest is unhedged: a bad day (1 in 100) costs 6,931.91 USD, against 0.00 USD now." */
  readonly after: string;
  readonly esNow: number;
  readonly esAfter: number;
}

export function brokenHedgeWords(
  report: RiskReport,
  leg: BrokenHedgeLeg,
  accountLabel: (accountId: string) => string,
): BrokenHedgeWords {
  const account = report.accounts.find((candidate) => candidate.id === leg.accountId);
  const positions = (account?.positions ?? []).filter((position) =>
    leg.symbols.includes(position.symbol),
  );
  const sigmas = positions
    .map((position) => position.liquidationDistanceVolUnits)
    .filter((value): value is number => value !== null);
  const level = dangerLevel({
    sigma: sigmas.length > 0 ? Math.min(...sigmas) : null,
    pct: leg.move,
  });
  const venue = venueName(leg.venue);
  const instruments = [...new Set(leg.symbols.map(instrumentName))].join(', ');
  const horizon = report.portfolio.horizonHours;
  const chance =
    leg.probability === null
      ? 'chance not computed'
      : `${formatChance(leg.probability)} chance in ${horizon} h`;
  const move =
    leg.liquidationPassed === true
      ? 'due now'
      : `${leg.move > 0 ? '+' : '−'}${formatPercent(Math.abs(leg.move), 1)}`;
  const bookDown = leg.lossIfLiquidated - leg.restOfBookMovePnl;
  const keeps =
    leg.liquidationFee.sourceKind === 'venue-rule'
      ? `what ${venue} keeps`
      : `the margin left at liquidation, which ${venue} is taken to keep`;
  return {
    key: `${leg.accountId}|${leg.underlying}|${leg.side}`,
    level,
    who: `${accountLabel(leg.accountId)} ${instruments} ${leg.side}`,
    when: `liquidated at ${formatPrice(leg.liquidationPrice)} (${move}), ${chance}`,
    atOnce: `The leg loses ${formatMoney(leg.lossIfLiquidated, 'USD')} and its hedge gains ${formatMoney(Math.max(0, leg.restOfBookMovePnl))} on the way: the book is down ${formatMoney(bookDown, 'USD')}, ${keeps}.`,
    after: `Then the other side is unhedged: a bad day (1 in 100) costs ${formatMoney(leg.esAfter, 'USD')}, against ${formatMoney(leg.esNow, 'USD')} now.`,
    esNow: leg.esNow,
    esAfter: leg.esAfter,
  };
}
