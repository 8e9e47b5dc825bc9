import type { AlertKind } from '../alerts/alert-check';
import type { AlertRules } from '../alerts/alert-rules';
import type { AlertNotification } from '../alerts/alert-state';
import { parseAlertRules } from '../alerts/parse-alert-rules';
import { onlyKeys } from './only-keys';

/**
 * The alert requests of the protocol (protocol.ts lists them with the others): the popup reads
 * the alert history, the options page reads and saves the rules. Our own pages only: content
 * scripts may not send them (classify-sender.ts allows them only the page requests).
 */
export const AlertRequestType = {
  getAlertHistory: 'getAlertHistory',
  getAlertRules: 'getAlertRules',
  saveAlertRules: 'saveAlertRules',
} as const;
export type AlertRequestType = (typeof AlertRequestType)[keyof typeof AlertRequestType];

export type AlertRequest =
  | { readonly type: typeof AlertRequestType.getAlertHistory }
  | { readonly type: typeof AlertRequestType.getAlertRules }
  | { readonly type: typeof AlertRequestType.saveAlertRules; readonly rules: AlertRules };

/** An alert that holds now, as the popup lists it. */
export interface ActiveAlertView {
  readonly key: string;
  readonly kind: AlertKind;
  /** What it is about ("Bybit (hedge) BTC perp short"). */
  readonly subject: string;
  /** ISO-8601: since when it holds. */
  readonly since: string;
  readonly title: string;
  /** The latest figures, in words. */
  readonly message: string;
}

/** What the popup's alert history shows (components/AlertHistory.tsx). */
export interface AlertHistoryView {
  /** Whether alerts are on (off: the popup says so, and where to turn them on). */
  readonly enabled: boolean;
  /** Alerts that hold now, the most recent first. */
  readonly active: readonly ActiveAlertView[];
  /** Every notification decided, newest first (at most 100: alert-state.ts). */
  readonly history: readonly AlertNotification[];
}

/** An account the rules can be set for, as the options page lists it. */
export interface AlertRulesAccount {
  /** The report's account id (the key of `accountOverrides`). */
  readonly id: string;
  /** "Binance USDⓈ-M futures (Main)". */
  readonly name: string;
  /** The margin ratio the rule `venue` means for it, and whose level that is. */
  readonly venueMarginWarning: { readonly ratio: number; readonly setBy: 'venue' | 'default' };
}

/** What the options page's alert section shows. */
export interface AlertRulesView {
  readonly rules: AlertRules;
  /** The rules on install, shown beside each field. */
  readonly defaults: AlertRules;
  /** The accounts of the current portfolio (none for the demo). */
  readonly accounts: readonly AlertRulesAccount[];
  /** Why the saved rules are not in use (damaged), or null. */
  readonly problem: string | null;
}

export interface AlertResponseMap {
  readonly getAlertHistory: AlertHistoryView;
  readonly getAlertRules: AlertRulesView;
  readonly saveAlertRules: AlertRulesView;
}

/**
 * Receiver-side validation of an alert request: exact keys, the rules checked field by field
 * (parse-alert-rules.ts); undefined for a type that is not an alert request.
 */
export function parseAlertRequest(
  record: Record<string, unknown>,
): { request: AlertRequest } | { error: string } | undefined {
  switch (record.type) {
    case AlertRequestType.getAlertHistory:
    case AlertRequestType.getAlertRules:
      return onlyKeys(record, ['type']) ?? { request: { type: record.type } };
    case AlertRequestType.saveAlertRules: {
      const extra = onlyKeys(record, ['type', 'rules']);
      if (extra) return extra;
      const parsed = parseAlertRules(record.rules);
      if ('error' in parsed) return { error: `saveAlertRules: ${parsed.error}` };
      return { request: { type: AlertRequestType.saveAlertRules, rules: parsed.rules } };
    }
    default:
      return undefined;
  }
}
