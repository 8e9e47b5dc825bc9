import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_ALERT_RULES } from '../alerts/alert-rules';
import { EMPTY_ALERT_STATE } from '../alerts/alert-state';
import { alertRulesItem, readAlertRules } from './alert-rules-item';
import { alertStateItem, readAlertState } from './alert-state-item';

describe('alert storage items', () => {
  beforeEach(() => fakeBrowser.reset());

  it('gives the default rules until saved, and keeps saved ones with their version', async () => {
    expect(await readAlertRules()).toEqual({ rules: DEFAULT_ALERT_RULES, problem: null });
    const rules = { ...DEFAULT_ALERT_RULES, reminderMinutes: 30 };
    await alertRulesItem.setValue(rules);
    expect(await readAlertRules()).toEqual({ rules, problem: null });
    expect(await fakeBrowser.storage.local.get(['alertRules$'])).toEqual({ alertRules$: { v: 1 } });
  });

  it('uses the defaults, and says why, when the stored rules cannot be read', async () => {
    await fakeBrowser.storage.local.set({ alertRules: { enabled: 'yes' } });
    expect(await readAlertRules()).toEqual({
      rules: DEFAULT_ALERT_RULES,
      problem:
        'The saved alert rules could not be read (alert rules: portfolio must be an object); the defaults are in use until you save.',
    });
  });

  it('keeps the alert state, and starts afresh from a value of another shape', async () => {
    expect(await readAlertState()).toEqual(EMPTY_ALERT_STATE);
    const state = { ...EMPTY_ALERT_STATE, sequence: 7 };
    await alertStateItem.setValue(state);
    expect(await readAlertState()).toEqual(state);
    await fakeBrowser.storage.local.set({ alertState: { active: {}, sequence: 'x' } });
    expect(await readAlertState()).toEqual(EMPTY_ALERT_STATE);
  });
});
