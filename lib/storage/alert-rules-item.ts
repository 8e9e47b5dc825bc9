import { defineVersionedItem } from './versioned-item';
import { DEFAULT_ALERT_RULES, type AlertRules } from '../alerts/alert-rules';
import { parseAlertRules } from '../alerts/parse-alert-rules';

/**
 * The trader's alert rules (lib/alerts/alert-rules.ts), in `local:` storage; the defaults until
 * the trader saves their own. Versioned: a change of shape adds a version and a migration here.
 * Read through {@link readAlertRules}, which checks what is stored every time.
 */
export const alertRulesItem = defineVersionedItem<AlertRules>('local:alertRules', {
  fallback: DEFAULT_ALERT_RULES,
  version: 1,
  // An (empty) migrations map makes WXT record the version beside the value (`alertRules$`).
  migrations: {},
});

/**
 * The stored rules, checked (parse-alert-rules.ts); when they cannot be read (damaged, or
 * written by a version that shaped them otherwise), the defaults with the reason, so the
 * options page can say so instead of alerts stopping silently.
 */
export async function readAlertRules(): Promise<{ rules: AlertRules; problem: string | null }> {
  const parsed = parseAlertRules(await alertRulesItem.getValue());
  return 'error' in parsed
    ? {
        rules: DEFAULT_ALERT_RULES,
        problem: `The saved alert rules could not be read (${parsed.error}); the defaults are in use until you save.`,
      }
    : { rules: parsed.rules, problem: null };
}
