import type { RiskReport, TradeWarning } from '../engine';
import { accountLabeller, type AccountNameSources } from '../connections/account-names';
import { tradeWarningWords } from '../format/trade-warning-words';

/**
 * The pre-trade warnings as a trading page receives them: each in a trader's words with the
 * names the trader gave the accounts (trade-warning-words.ts), and the other account of a
 * "first to die" warning named by that name instead of its id, so a page learns no other
 * account's identifier (page-risk-view.ts keeps the same rule for legs).
 */
export function warningsForPage(
  warnings: readonly TradeWarning[],
  report: RiskReport,
  names: AccountNameSources,
): TradeWarning[] {
  const labeller = accountLabeller(names);
  const labelOf = (accountId: string) => {
    const account = report.accounts.find((entry) => entry.id === accountId);
    return account === undefined ? 'another account' : labeller(account);
  };
  return warnings.map((warning) => {
    const message = tradeWarningWords(warning, labelOf);
    return warning.kind === 'first-to-die'
      ? {
          ...warning,
          message,
          other: { ...warning.other, accountId: labelOf(warning.other.accountId) },
        }
      : { ...warning, message };
  });
}
