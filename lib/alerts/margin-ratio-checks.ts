import { formatMoney, formatPercent } from '../format/format-figures';
import type { AccountReport } from '../engine';
import { venueMarginRatio } from '../venues/venue-margin-ratio';
import { venueName } from '../connections/account-names';
import { AlertKind, type AlertCheck } from './alert-check';
import { accountLabelOf } from './alert-input';
import { accountName } from './alert-names';
import { accountAlertRules, DEFAULT_MARGIN_WARNING } from './alert-rules';
import { positionTarget, type CheckContext } from './check-context';
import { beyondThreshold } from './hysteresis';

/**
 * Margin-ratio alerts, one per account: it holds when the account's margin ratio (maintenance
 * margin / equity) reaches its level: the trader's own number, or with the rule `venue` the
 * venue's published warning level, or Margin Lens's 80% where the venue publishes none, and the
 * message says whose level it is and where the venue liquidates. The per-venue facts (warning and
 * liquidation line, by margin mode: Binance portfolio margin has no margin call at 80% and
 * liquidates at 1/1.05 = 95.2%) are venue-margin-ratio.ts `venueMarginRatio`, as the popup's. An account with no equity left has an
 * infinite ratio (it holds). Clicking opens the page of the account's position nearest to
 * liquidation.
 */
export interface MarginRatioLevel {
  /** The ratio, a fraction. */
  readonly ratio: number;
  /** Whose level it is: the trader's rule, the venue's warning, or Margin Lens's default. */
  readonly setBy: 'rule' | 'venue' | 'default';
}

export function marginRatioLevel(
  rule: number | 'venue',
  venue: string,
  marginMode: string,
): MarginRatioLevel {
  if (rule !== 'venue') return { ratio: rule, setBy: 'rule' };
  const { warning } = venueMarginRatio(venue, marginMode);
  return warning !== null
    ? { ratio: warning, setBy: 'venue' }
    : { ratio: DEFAULT_MARGIN_WARNING, setBy: 'default' };
}

/** The account's margin mode as the popup reads it (its first position's); '' without positions. */
export function accountMarginMode(account: Pick<AccountReport, 'positions'>): string {
  return account.positions[0]?.marginMode ?? '';
}

export function marginRatioChecks(context: CheckContext): AlertCheck[] {
  const labelOf = accountLabelOf(context.input);
  const checks: AlertCheck[] = [];
  for (const account of context.report.accounts) {
    const rules = accountAlertRules(context.rules, account.id);
    if (rules === null || rules.marginRatio === null) continue;
    const key = `${AlertKind.marginRatio}|${account.id}`;
    const marginMode = accountMarginMode(account);
    const level = marginRatioLevel(rules.marginRatio, account.venue, marginMode);
    const { liquidation } = venueMarginRatio(account.venue, marginMode);
    const ratio = account.equity > 0 ? account.marginRatio : Number.POSITIVE_INFINITY;
    const name = accountName(account.venue, labelOf(account));
    const whose =
      level.setBy === 'venue'
        ? `${venueName(account.venue)} warns at ${formatPercent(level.ratio, 0)}`
        : level.setBy === 'default'
          ? `Margin Lens warns at ${formatPercent(level.ratio, 0)} (the venue publishes no warning level)`
          : `your alert is at ${formatPercent(level.ratio, 0)}`;
    checks.push({
      key,
      kind: AlertKind.marginRatio,
      accountId: account.id,
      subject: name,
      holds: beyondThreshold(
        { value: ratio, threshold: level.ratio, side: 'above' },
        context.wasActive(key),
        context.rules.clearMargin,
      ),
      titles: {
        alert: `Margin ratio high: ${name}`,
        reminder: `Margin ratio still high: ${name}`,
        safe: `Margin ratio back down: ${name}`,
      },
      message: `Margin ratio ${formatPercent(ratio, 1)}: maintenance margin ${formatMoney(account.maintenanceMargin, account.settle)} of ${formatMoney(account.equity, account.settle)} equity; ${whose}, liquidation at ${formatPercent(liquidation, liquidation === 1 ? 0 : 1)}.`,
      context: 'Margin ratio = maintenance margin ÷ equity.',
      target: positionTarget(account.venue, account.liquidation.nearestSymbol),
    });
  }
  return checks;
}
