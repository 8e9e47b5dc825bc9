import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES } from '../alerts/alert-rules';
import { SenderClass, senderMayRequest } from './classify-sender';
import { AlertRequestType, parseAlertRequest } from './alert-requests';
import { parseRequest } from './parse-request';
import { RequestType } from './protocol';

describe('alert requests', () => {
  it('reads the history and rules requests, exactly', () => {
    expect(parseAlertRequest({ type: 'getAlertHistory' })).toEqual({
      request: { type: 'getAlertHistory' },
    });
    expect(parseAlertRequest({ type: 'getAlertRules' })).toEqual({
      request: { type: 'getAlertRules' },
    });
    expect(parseAlertRequest({ type: 'getAlertHistory', all: true })).toEqual({
      error: 'getAlertHistory: unexpected field "all"',
    });
    expect(parseAlertRequest({ type: 'getConnections' })).toBeUndefined();
  });

  it('checks the rules a page saves, naming the field', () => {
    const rules = JSON.parse(JSON.stringify(DEFAULT_ALERT_RULES)) as unknown;
    expect(parseAlertRequest({ type: 'saveAlertRules', rules })).toEqual({
      request: { type: 'saveAlertRules', rules: DEFAULT_ALERT_RULES },
    });
    expect(
      parseAlertRequest({
        type: 'saveAlertRules',
        rules: { ...DEFAULT_ALERT_RULES, reminderMinutes: -1 },
      }),
    ).toEqual({
      error: 'saveAlertRules: alert rules: reminderMinutes must be a whole number from 0 to 10080',
    });
  });

  it('is part of the one protocol, for our own pages only', () => {
    for (const type of Object.values(AlertRequestType)) {
      expect(Object.values(RequestType)).toContain(type);
      expect(senderMayRequest(SenderClass.extensionPage, type)).toBe(true);
      expect(senderMayRequest(SenderClass.contentScript, type)).toBe(false);
    }
    expect(parseRequest({ type: 'getAlertHistory' })).toEqual({
      request: { type: 'getAlertHistory' },
    });
  });
});
