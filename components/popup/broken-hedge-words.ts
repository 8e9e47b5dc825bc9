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
 * (the leg's loss less what the rest of the book gained on the way; for a perfect hedge, what the
 * venue keeps), and how much riskier the book is afterwards, its other side unhedged (the ES
 * before and after: the average loss of the worst 1 in 100 days).
 */
export interface BrokenHedgeWords {
  readonly key: string;
  readonly level: DangerLevel;
  /** "Bybit (bybit-hedge) BTC perp short": the account as the popup names it, then the leg. */
  readonly who: string;
  /** "liquidated at 99,326.00 (+4.5%), 4.9% (4.3–5.4%) chance in 24 h". */
  readonly when: string;
  /** "At that price the leg has lost 3,793.97 USD, its margin (Bybit keeps 379.20 of it); the rest of the book gained 3,414.77 on the way: net, the book is down 379.20 USD." */
  readonly atOnce: string;
  /** "Then the other side is unhedged: the worst 1 in 100 days lose 6,931.91 USD on average, against 0.00 USD now." */
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
  const kept = `${venue} keeps ${formatMoney(leg.liquidationFee.amount)} of it${leg.liquidationFee.sourceKind === 'venue-rule' ? '' : ', by the general rule'}`;
  const rest =
    leg.restOfBookMovePnl >= 0
      ? `the rest of the book gained ${formatMoney(leg.restOfBookMovePnl)} on the way`
      : `the rest of the book lost ${formatMoney(-leg.restOfBookMovePnl)} on the way too`;
  return {
    key: `${leg.accountId}|${leg.underlying}|${leg.side}`,
    level,
    who: `${accountLabel(leg.accountId)} ${instruments} ${leg.side}`,
    when: `liquidated at ${formatPrice(leg.liquidationPrice)} (${move}), ${chance}`,
    atOnce: `At that price the leg has lost ${formatMoney(leg.lossIfLiquidated, 'USD')}, its margin (${kept}); ${rest}: net, the book is ${bookDown >= 0 ? 'down' : 'up'} ${formatMoney(Math.abs(bookDown), 'USD')}.`,
    after: `Then the other side is unhedged: the worst 1 in 100 days lose ${formatMoney(leg.esAfter, 'USD')} on average, against ${formatMoney(leg.esNow, 'USD')} now.`,
    esNow: leg.esNow,
    esAfter: leg.esAfter,
  };
}
