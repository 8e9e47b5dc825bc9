import { formatMoney, formatPercent } from '../format/format-figures';
import { AlertKind, type AlertCheck } from './alert-check';
import type { CheckContext } from './check-context';
import { beyondThreshold } from './hysteresis';

/**
 * The portfolio's stress alert: it holds when the worst loss of the stress grid (the report's
 * `portfolio.stress.worstLoss`, USD) is above the set share of the portfolio's equity (USD). A
 * loss with no equity left is an infinite share. Clicking opens the popup.
 */
export const STRESS_KEY = `${AlertKind.stressLoss}|portfolio`;

export function stressCheck(context: CheckContext): AlertCheck[] {
  const threshold = context.rules.portfolio.stressLossOfEquity;
  if (!context.rules.enabled || threshold === null) return [];
  const { worstLoss } = context.report.portfolio.stress;
  const { equity } = context.report.portfolio;
  const share = equity > 0 ? worstLoss / equity : worstLoss > 0 ? Number.POSITIVE_INFINITY : 0;
  return [
    {
      key: STRESS_KEY,
      kind: AlertKind.stressLoss,
      accountId: null,
      subject: 'whole portfolio',
      holds: beyondThreshold(
        { value: share, threshold, side: 'above' },
        context.wasActive(STRESS_KEY),
        context.rules.clearMargin,
      ),
      titles: {
        alert: 'Stress loss high: whole portfolio',
        reminder: 'Stress loss still high: whole portfolio',
        safe: 'Stress loss back down: whole portfolio',
      },
      message: `The worst stress scenario would lose ${formatMoney(worstLoss, 'USD')}, ${formatPercent(share, 0)} of the portfolio's ${formatMoney(equity, 'USD')} equity (your alert is at ${formatPercent(threshold, 0)}).`,
      context:
        'Stress scenarios: large joint and single-asset moves, and the worst days in history.',
      target: { kind: 'popup' },
    },
  ];
}
