import { formatMoney, formatPercent } from '../format/format-figures';
import { VENUE_DESCRIPTORS } from '../venues/venue-descriptors';
import { venueName } from '../connections/account-names';
import { AlertKind, type AlertCheck } from './alert-check';
import { accountLabelOf } from './alert-input';
import { accountName } from './alert-names';
import { accountAlertRules, DEFAULT_MARGIN_WARNING } from './alert-rules';
import { positionTarget, type CheckContext } from './check-context';
import { beyondThreshold } from './hysteresis';

/**
 * Margin-ratio alerts, one per account: it holds when the account's margin ratio (maintenance
 * margin / equity; every supported venue liquidates at 100%) reaches its level: the trader's own
 * number, or with the rule `venue` the venue's published warning level (its descriptor's
 * `marginWarning`, e.g. Binance's margin call at 80%), or Margin Lens's 80% where the venue
 * publishes none, and the message says whose level it is. An account with no equity left has an
 * infinite ratio (it holds). Clicking opens the page of the account's position nearest to
 * liquidation.
 */
export interface MarginRatioLevel {
  /** The ratio, a fraction. */
  readonly ratio: number;
  /** Whose level it is: the trader's rule, the venue's warning, or Margin Lens's default. */
  readonly setBy: 'rule' | 'venue' | 'default';
}

export function marginRatioLevel(rule: number | 'venue', venue: string): MarginRatioLevel {
  if (rule !== 'venue') return { ratio: rule, setBy: 'rule' };
  const warning = VENUE_DESCRIPTORS.find((descriptor) => descriptor.id === venue)?.marginWarning;
  return warning !== undefined && warning.ratio !== null
    ? { ratio: warning.ratio, setBy: 'venue' }
    : { ratio: DEFAULT_MARGIN_WARNING, setBy: 'default' };
}

export function marginRatioChecks(context: CheckContext): AlertCheck[] {
  const labelOf = accountLabelOf(context.input);
  const checks: AlertCheck[] = [];
  for (const account of context.report.accounts) {
    const rules = accountAlertRules(context.rules, account.id);
    if (rules === null || rules.marginRatio === null) continue;
    const key = `${AlertKind.marginRatio}|${account.id}`;
    const level = marginRatioLevel(rules.marginRatio, account.venue);
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
      message: `Margin ratio ${formatPercent(ratio, 1)}: maintenance margin ${formatMoney(account.maintenanceMargin, account.settle)} of ${formatMoney(account.equity, account.settle)} equity; ${whose}, liquidation at 100%.`,
      context: 'Margin ratio = maintenance margin ÷ equity.',
      target: positionTarget(account.venue, account.liquidation.nearestSymbol),
    });
  }
  return checks;
}
