import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES, accountAlertRules, type AlertRules } from './alert-rules';
import { parseAlertRules } from './parse-alert-rules';

const clone = (): Record<string, unknown> =>
  JSON.parse(JSON.stringify(DEFAULT_ALERT_RULES)) as Record<string, unknown>;

describe('parseAlertRules', () => {
  it('reads the defaults back as they are', () => {
    expect(parseAlertRules(clone())).toEqual({ rules: DEFAULT_ALERT_RULES });
  });

  it('reads overrides, checks off (null) and a number for the margin ratio', () => {
    const rules: AlertRules = {
      ...DEFAULT_ALERT_RULES,
      accounts: { ...DEFAULT_ALERT_RULES.accounts, liquidationProbability: null },
      accountOverrides: {
        'binanceusdm-main': { liquidationDistancePct: 0.1, marginRatio: 0.6 },
        hyperliquid: { muted: true },
      },
      portfolio: { stressLossOfEquity: null },
      reminderMinutes: 0,
    };
    expect(parseAlertRules(JSON.parse(JSON.stringify(rules)))).toEqual({ rules });
  });

  it.each([
    [{ enabled: 'yes' }, 'alert rules: enabled must be true or false'],
    [{ clearMargin: 2 }, 'alert rules: clearMargin must be a number from 0 to 1'],
    [
      { reminderMinutes: 1.5 },
      'alert rules: reminderMinutes must be a whole number from 0 to 10080',
    ],
    [{ extra: 1 }, 'alert rules: rules: unexpected field "extra"'],
    [
      { accounts: { ...DEFAULT_ALERT_RULES.accounts, liquidationDistancePct: 0 } },
      'alert rules: accounts.liquidationDistancePct must be a number above 0 and at most 1 or null (off)',
    ],
    [
      { accounts: { ...DEFAULT_ALERT_RULES.accounts, liquidationProbability: 1 } },
      'alert rules: accounts.liquidationProbability must be a number above 0 and below 1 or null (off)',
    ],
    [
      { accounts: { ...DEFAULT_ALERT_RULES.accounts, marginRatio: 'binance' } },
      'alert rules: accounts.marginRatio must be a number above 0 and below 1, "venue" or null (off)',
    ],
    [
      { accounts: { ...DEFAULT_ALERT_RULES.accounts, staleMinutes: 0 } },
      'alert rules: accounts.staleMinutes must be a whole number from 1 to 1440 or null (off)',
    ],
    [
      { accounts: { liquidationDistancePct: 0.05 } },
      'alert rules: accounts.liquidationDistanceSigma is missing',
    ],
    [
      { accountOverrides: { main: { muted: 'no' } } },
      'alert rules: accountOverrides["main"].muted must be true or false',
    ],
    [
      { accountOverrides: { main: { secret: 1 } } },
      'alert rules: accountOverrides["main"]: unexpected field "secret"',
    ],
    [
      { accountOverrides: { '': {} } },
      'alert rules: accountOverrides[""]: an account id is 1–200 printable characters',
    ],
    [
      { portfolio: {} },
      'alert rules: portfolio.stressLossOfEquity must be a number above 0 and at most 10 or null (off)',
    ],
  ])('refuses %j naming the field', (change, message) => {
    expect(parseAlertRules({ ...clone(), ...change })).toEqual({ error: message });
  });

  it('never echoes a refused value', () => {
    const parsed = parseAlertRules({ ...clone(), enabled: 'sk-live-123' });
    expect(JSON.stringify(parsed)).not.toContain('sk-live-123');
  });

  it('refuses more than 200 account overrides', () => {
    const accountOverrides = Object.fromEntries(
      Array.from({ length: 201 }, (_, i) => [`a${i}`, {}]),
    );
    expect(parseAlertRules({ ...clone(), accountOverrides })).toEqual({
      error: 'alert rules: accountOverrides: at most 200 accounts',
    });
  });
});

describe('accountAlertRules', () => {
  it('takes the defaults, an override field by field, and nothing for a muted account', () => {
    const rules: AlertRules = {
      ...DEFAULT_ALERT_RULES,
      accountOverrides: {
        main: { liquidationDistancePct: 0.1, liquidationProbability: null },
        quiet: { muted: true, liquidationDistancePct: 0.2 },
      },
    };
    expect(accountAlertRules(rules, 'other')).toEqual(DEFAULT_ALERT_RULES.accounts);
    expect(accountAlertRules(rules, 'main')).toEqual({
      ...DEFAULT_ALERT_RULES.accounts,
      liquidationDistancePct: 0.1,
      liquidationProbability: null,
    });
    expect(accountAlertRules(rules, 'quiet')).toBeNull();
    expect(accountAlertRules({ ...rules, enabled: false }, 'other')).toBeNull();
  });
});
