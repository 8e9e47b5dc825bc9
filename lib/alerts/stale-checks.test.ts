import { describe, expect, it } from 'vitest';
import { Freshness } from '../connections/connection-types';
import { DEFAULT_ALERT_RULES } from './alert-rules';
import { connection, hedgeInput, hedgeReport } from './alert-fixtures';
import { staleChecks, staleKey } from './stale-checks';

/** 2026-11-24 12:00 UTC: two hours after the fixtures' connections were added. */
const NOW = Date.parse('2026-11-24T12:00:00Z');

const input = (views: ReturnType<typeof connection>[]) =>
  hedgeInput(hedgeReport(), { connections: views });

describe('staleChecks', () => {
  it('warns when a connection’s figures are stale and older than the rule, saying why', () => {
    const [check] = staleChecks(
      input([connection('bybit-hedge', 'bybit', 'hedge', ['bybit-hedge'], Freshness.stale, 1320)]),
      DEFAULT_ALERT_RULES,
      NOW,
    );
    expect(check?.key).toBe(staleKey('bybit-hedge'));
    expect(check?.holds).toBe(true);
    expect(check?.titles).toEqual({
      alert: 'Figures not refreshed: Bybit (hedge)',
      reminder: 'Figures still not refreshed: Bybit (hedge)',
      safe: 'Figures current again: Bybit (hedge)',
    });
    expect(check?.message).toBe('Last read 22 min ago. Last read failed: the venue is down.');
    expect(check?.target).toEqual({ kind: 'options' });
  });

  it('does not hold for stale figures younger than the rule, nor for fresh ones', () => {
    const young = staleChecks(
      input([connection('b', 'bybit', 'hedge', ['bybit-hedge'], Freshness.stale, 600)]),
      DEFAULT_ALERT_RULES,
      NOW,
    );
    expect(young[0]?.holds).toBe(false);
    const fresh = staleChecks(
      input([connection('b', 'bybit', 'hedge', ['bybit-hedge'])]),
      DEFAULT_ALERT_RULES,
      NOW,
    );
    expect(fresh[0]?.holds).toBe(false);
    expect(fresh[0]?.message).toBe('Read again just now.');
  });

  it('takes the shortest time its accounts ask for; none when all are muted', () => {
    const view = connection('b', 'bybit', 'hedge', ['a', 'b'], Freshness.stale, 400);
    const rules = {
      ...DEFAULT_ALERT_RULES,
      accountOverrides: { a: { staleMinutes: 5 }, b: { staleMinutes: null } },
    };
    expect(staleChecks(input([view]), rules, NOW)[0]?.holds).toBe(true);
    const muted = {
      ...DEFAULT_ALERT_RULES,
      accountOverrides: { a: { muted: true }, b: { muted: true } },
    };
    expect(staleChecks(input([view]), muted, NOW)).toEqual([]);
  });

  it('warns of a connection never read once it is older than the rule', () => {
    const never = {
      ...connection('n', 'bybit', 'new', [], Freshness.missing),
      dataAgeSeconds: null,
    };
    const [check] = staleChecks(input([never]), DEFAULT_ALERT_RULES, NOW);
    expect(check?.key).toBe(staleKey('n'));
    expect(check?.holds).toBe(true);
    expect(check?.titles.alert).toBe('Figures never read: Bybit (new)');
    expect(check?.message).toBe(
      'Never read since it was added 2 h 0 min ago. Last read failed: the venue is down.',
    );
    // Added a minute ago: not yet.
    const justAdded = Date.parse('2026-11-24T10:01:00Z');
    expect(staleChecks(input([never]), DEFAULT_ALERT_RULES, justAdded)[0]?.holds).toBe(false);
  });

  it('leaves out accounts read from a venue’s page', () => {
    const page = connection('p', 'hyperliquid', 'Hyperliquid page', ['p'], Freshness.stale, 9000);
    const pageView = {
      ...page,
      connection: { ...page.connection, credentialKind: 'page' as const },
    };
    expect(staleChecks(input([pageView]), DEFAULT_ALERT_RULES, NOW)).toEqual([]);
  });
});
