import { Freshness } from '../connections/connection-types';
import { AlertKind, type AlertCheck } from './alert-check';
import { accountName, durationText } from './alert-names';
import { accountAlertRules, type AlertRules } from './alert-rules';
import type { AlertInput } from './alert-input';

/**
 * Stale-data alerts, one per connection: it holds when the connection's figures are stale (the
 * last read failed, the vault is locked, or reads fell behind: connection-freshness.ts) and older
 * than the rule's minutes. The rule is its accounts': the shortest time any of them asks for (a
 * connection not yet read has no account: the defaults); none when all its accounts are muted.
 * A connection never read successfully (`missing`) is alerted too, "never read", once it has
 * existed longer than the rule's minutes (its age counts from its creation).
 * It clears as soon as a read succeeds (fresh figures need no margin). Accounts read from a
 * venue's page are left out: they go stale whenever the page is closed. Clicking opens the
 * settings, where the connection says what to do. Evaluated even when the portfolio cannot be
 * used, so that alerts never stop silently.
 */
export function staleKey(connectionId: string): string {
  return `${AlertKind.stale}|${connectionId}`;
}

export function staleChecks(input: AlertInput, rules: AlertRules, nowMs: number): AlertCheck[] {
  if (!rules.enabled) return [];
  const checks: AlertCheck[] = [];
  for (const view of input.connections) {
    // A page read is stale whenever its tab is closed, by design (with-page-accounts.ts).
    if (view.connection.credentialKind === 'page') continue;
    const accountRules =
      view.accountIds.length === 0
        ? [rules.accounts]
        : view.accountIds.map((id) => accountAlertRules(rules, id));
    const minutes = accountRules
      .map((rule) => rule?.staleMinutes ?? null)
      .filter((value): value is number => value !== null);
    if (minutes.length === 0) continue;
    const limitSeconds = Math.min(...minutes) * 60;
    const never = view.freshness === Freshness.missing;
    const created = Date.parse(view.connection.createdAt);
    const age = never
      ? Number.isFinite(created)
        ? Math.max(0, (nowMs - created) / 1000)
        : 0
      : (view.dataAgeSeconds ?? 0);
    const name = accountName(view.connection.venue, view.connection.label);
    checks.push({
      key: staleKey(view.connection.id),
      kind: AlertKind.stale,
      accountId: null,
      subject: name,
      holds: (never || view.freshness === Freshness.stale) && age > limitSeconds,
      titles: {
        alert: never ? `Figures never read: ${name}` : `Figures not refreshed: ${name}`,
        reminder: `Figures still not refreshed: ${name}`,
        safe: `Figures current again: ${name}`,
      },
      message: never
        ? `Never read since it was added ${durationText(age)} ago. ${view.staleReason ?? ''}`.trim()
        : view.freshness === Freshness.stale
          ? `Last read ${durationText(age)} ago. ${view.staleReason ?? ''}`.trim()
          : 'Read again just now.',
      context: 'Alerts on its positions use the last figures read until it is read again.',
      target: { kind: 'options' },
    });
  }
  return checks;
}
