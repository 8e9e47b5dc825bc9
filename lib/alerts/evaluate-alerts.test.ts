import { describe, expect, it } from 'vitest';
import { Freshness } from '../connections/connection-types';
import type { RiskReport } from '../engine';
import { DEFAULT_ALERT_RULES } from './alert-rules';
import { chance, connection, hedgeInput, hedgeReport, withPosition } from './alert-fixtures';
import { ALERT_HISTORY_LIMIT, EMPTY_ALERT_STATE, type AlertState } from './alert-state';
import { alertNotificationId, evaluateAlerts } from './evaluate-alerts';
import { liquidationKey } from './liquidation-checks';

const T0 = Date.parse('2026-11-24T12:00:00Z');
/** The n-th notification id of a state started at T0. */
const id = (n: number) => alertNotificationId(T0.toString(36), n);
const MINUTE = 60_000;
const SHORT = liquidationKey('bybit-hedge', 'BTC/USDT:USDT', 'short');

/** The Bybit short `pct` from liquidation at 99,525 (σ = pct / 2.6%), with a 1% chance. */
const shortAt = (pct: number, report: RiskReport = hedgeReport()) =>
  withPosition(report, 'bybit-hedge', 'BTC/USDT:USDT', {
    liquidationPrice: 99_525,
    liquidationDistancePct: pct,
    liquidationDirection: 'up',
    liquidationDistanceVolUnits: pct / 0.026,
    liquidationProbability: chance(0.01),
  });

/** Evaluates in turn, each a minute after the last, from the empty state. */
function run(reports: readonly RiskReport[], start: AlertState = EMPTY_ALERT_STATE) {
  const states: AlertState[] = [];
  let state = start;
  reports.forEach((report, index) => {
    state = evaluateAlerts(state, hedgeInput(report), DEFAULT_ALERT_RULES, T0 + index * MINUTE);
    states.push(state);
  });
  return states;
}

const titles = (state: AlertState) => state.outbox.create.map((n) => n.title);

describe('evaluateAlerts', () => {
  it('alerts once per crossing, stays quiet while it holds, says "back to safe" past the margin', () => {
    const [first, nearer, inBand, safe] = run([
      shortAt(0.031),
      shortAt(0.02),
      shortAt(0.059),
      shortAt(0.07),
    ]);
    if (!first || !nearer || !inBand || !safe) throw new Error('four states');
    expect(first.outbox.create).toEqual([
      {
        id: id(1),
        kind: 'liquidation',
        moment: 'alert',
        title: 'Near liquidation: Bybit (hedge) BTC perp short',
        message:
          '3.1% (1.2 daily σ) from liquidation at 99,525.00, if the price rises; 1.0% (0.2–1.8%) chance within 24 h.',
        context: "daily σ = a typical day's move of the price.",
        target: { kind: 'page', url: 'https://www.bybit.com/trade/usdt/BTCUSDT' },
        at: '2026-11-24T12:00:00.000Z',
      },
    ]);
    expect(first.active[SHORT]).toMatchObject({
      since: '2026-11-24T12:00:00.000Z',
      notificationId: id(1),
      connectionId: 'bybit-hedge',
      subject: 'Bybit (hedge) BTC perp short',
    });
    // Nearer still: nothing new, the figures kept up to date for the popup.
    expect(nearer.outbox).toEqual(first.outbox);
    expect(nearer.active[SHORT]?.message).toMatch(/^2\.0% \(0\.8 daily σ\)/);
    // 5.9% is back over 5% but not past 6% (and 2.27σ not past 2.4σ): still holds.
    expect(inBand.outbox).toEqual(first.outbox);
    expect(safe.outbox.create.slice(1)).toEqual([
      expect.objectContaining({
        id: id(2),
        moment: 'safe',
        title: 'Back to safe: Bybit (hedge) BTC perp short',
        message:
          '7.0% (2.7 daily σ) from liquidation at 99,525.00, if the price rises; 1.0% (0.2–1.8%) chance within 24 h.',
      }),
    ]);
    expect(safe.outbox.clear).toEqual([id(1)]);
    expect(safe.active).toEqual({});
    expect(safe.history.map((entry) => entry.id)).toEqual([id(2), id(1)]);
  });

  it('is idempotent: evaluating the stored state again on the same figures decides nothing new', () => {
    const [first] = run([shortAt(0.031)]);
    if (!first) throw new Error('one state');
    const delivered = { ...first, outbox: { create: [], clear: [] } };
    const again = evaluateAlerts(
      delivered,
      hedgeInput(shortAt(0.031)),
      DEFAULT_ALERT_RULES,
      T0 + 5 * MINUTE,
    );
    expect(again.outbox).toEqual({ create: [], clear: [] });
    expect(again.sequence).toBe(1);
    // And the same arguments give the same state (ids included).
    expect(
      evaluateAlerts(EMPTY_ALERT_STATE, hedgeInput(shortAt(0.031)), DEFAULT_ALERT_RULES, T0),
    ).toEqual(first);
  });

  it('never reuses an id after a state reset (a new epoch), while an old one may still show', () => {
    const [first] = run([shortAt(0.031)]);
    if (!first) throw new Error('one state');
    // The stored state is lost (reset to empty) an hour later; the old sticky notification shows.
    const reset = evaluateAlerts(
      EMPTY_ALERT_STATE,
      hedgeInput(shortAt(0.031)),
      DEFAULT_ALERT_RULES,
      T0 + 60 * MINUTE,
    );
    const [oldId] = first.outbox.create.map((n) => n.id);
    const [newId] = reset.outbox.create.map((n) => n.id);
    expect(oldId).toBe(id(1));
    expect(newId).toBe(alertNotificationId((T0 + 60 * MINUTE).toString(36), 1));
    expect(newId).not.toBe(oldId);
    // The epoch stays with the state: the next id of the same state shares it.
    expect(reset.epoch).toBe((T0 + 60 * MINUTE).toString(36));
  });

  it('reminds after the set time while it holds, replacing the notification showing', () => {
    const [first] = run([shortAt(0.031)]);
    if (!first) throw new Error('one state');
    const before = evaluateAlerts(
      first,
      hedgeInput(shortAt(0.03)),
      DEFAULT_ALERT_RULES,
      T0 + 59 * MINUTE,
    );
    expect(titles(before)).toHaveLength(1);
    const reminded = evaluateAlerts(
      first,
      hedgeInput(shortAt(0.03)),
      DEFAULT_ALERT_RULES,
      T0 + 60 * MINUTE,
    );
    expect(titles(reminded)).toEqual([
      'Near liquidation: Bybit (hedge) BTC perp short',
      'Still near liquidation: Bybit (hedge) BTC perp short',
    ]);
    expect(reminded.outbox.clear).toEqual([id(1)]);
    expect(reminded.active[SHORT]).toMatchObject({
      notificationId: id(2),
      notifiedAt: '2026-11-24T13:00:00.000Z',
    });
    const never = { ...DEFAULT_ALERT_RULES, reminderMinutes: 0 };
    expect(
      titles(evaluateAlerts(first, hedgeInput(shortAt(0.03)), never, T0 + 600 * MINUTE)),
    ).toHaveLength(1);
  });

  it('says a warned position is gone from an account read just now, and nothing of a stale one', () => {
    const [first] = run([shortAt(0.031)]);
    if (!first) throw new Error('one state');
    // The Hyperliquid long is gone too: no hedge left to break, so the position's own notice.
    const bothGone = withPosition(
      withPosition(hedgeReport(), 'bybit-hedge', 'BTC/USDT:USDT', null),
      'hyperliquid-main',
      'BTC/USDC:USDC',
      null,
    );
    const gone = evaluateAlerts(first, hedgeInput(bothGone), DEFAULT_ALERT_RULES, T0 + MINUTE);
    expect(gone.outbox.create[1]).toMatchObject({
      kind: 'position-gone',
      moment: 'event',
      title: 'Position gone: Bybit (hedge) BTC perp short',
      message:
        'It is no longer open; at the last read it was 3.1% (1.2 daily σ) from liquidation at 99,525.00, if the price rises; 1.0% (0.2–1.8%) chance within 24 h. Check on the venue whether it was liquidated.',
    });
    expect(gone.outbox.clear).toEqual([id(1)]);
    const staleInput = hedgeInput(bothGone, {
      connections: [
        connection('bybit-hedge', 'bybit', 'hedge', ['bybit-hedge'], Freshness.stale, 120),
        connection('hyperliquid', 'hyperliquid', 'hyperliquid', ['hyperliquid-main']),
      ],
    });
    const quiet = evaluateAlerts(first, staleInput, DEFAULT_ALERT_RULES, T0 + MINUTE);
    expect(titles(quiet)).toHaveLength(1);
    expect(quiet.outbox.clear).toEqual([id(1)]);
  });

  it('says a broken hedge once, instead of the vanished leg’s own notice', () => {
    const [first] = run([shortAt(0.031)]);
    if (!first) throw new Error('one state');
    const shortGone = withPosition(hedgeReport(), 'bybit-hedge', 'BTC/USDT:USDT', null);
    const broken = evaluateAlerts(first, hedgeInput(shortGone), DEFAULT_ALERT_RULES, T0 + MINUTE);
    expect(broken.outbox.create.slice(1)).toEqual([
      expect.objectContaining({
        id: id(2),
        kind: 'broken-hedge',
        title: 'Hedge broken on BTC',
        message:
          'Bybit (hedge) BTC perp short is gone, probably liquidated (at the last read it was 3.1% from liquidation at 99,525.00); Hyperliquid BTC perp long (0.2 BTC) now stands alone.',
        target: { kind: 'page', url: 'https://app.hyperliquid.xyz/trade/BTC' },
      }),
    ]);
    const after = evaluateAlerts(
      broken,
      hedgeInput(shortGone),
      DEFAULT_ALERT_RULES,
      T0 + 2 * MINUTE,
    );
    expect(after.outbox.create).toHaveLength(2);
  });

  it('watches nothing on the demo portfolio or with alerts off, taking down what shows', () => {
    const [first] = run([shortAt(0.031)]);
    if (!first) throw new Error('one state');
    for (const [input, rules] of [
      [hedgeInput(shortAt(0.031), { source: 'demo' }), DEFAULT_ALERT_RULES],
      [hedgeInput(shortAt(0.031)), { ...DEFAULT_ALERT_RULES, enabled: false }],
    ] as const) {
      const off = evaluateAlerts(first, input, rules, T0 + MINUTE);
      expect(titles(off)).toHaveLength(1);
      expect(off.outbox.clear).toEqual([id(1)]);
      expect(off.active).toEqual({});
      expect(off.legs).toBeNull();
    }
  });

  it('keeps the account alerts when the portfolio cannot be used, and still checks freshness', () => {
    const [first] = run([shortAt(0.031)]);
    if (!first) throw new Error('one state');
    const input = hedgeInput(shortAt(0.031), {
      report: null,
      connections: [
        connection('bybit-hedge', 'bybit', 'hedge', ['bybit-hedge'], Freshness.stale, 1800),
        connection('hyperliquid', 'hyperliquid', 'hyperliquid', ['hyperliquid-main']),
      ],
    });
    const unusable = evaluateAlerts(first, input, DEFAULT_ALERT_RULES, T0 + MINUTE);
    expect(unusable.active[SHORT]).toEqual(first.active[SHORT]);
    expect(titles(unusable).slice(1)).toEqual(['Figures not refreshed: Bybit (hedge)']);
    expect(unusable.legs).toEqual(first.legs);
  });

  it('keeps the outbox of a delivery not yet made, and a bounded history, newest first', () => {
    let state = EMPTY_ALERT_STATE;
    for (let i = 0; i < 60; i++) {
      state = evaluateAlerts(
        state,
        hedgeInput(shortAt(0.031)),
        DEFAULT_ALERT_RULES,
        T0 + 2 * i * MINUTE,
      );
      state = evaluateAlerts(
        state,
        hedgeInput(shortAt(0.09)),
        DEFAULT_ALERT_RULES,
        T0 + (2 * i + 1) * MINUTE,
      );
    }
    expect(state.sequence).toBe(120);
    expect(state.history).toHaveLength(ALERT_HISTORY_LIMIT);
    expect(state.history[0]).toMatchObject({ id: id(120), moment: 'safe' });
    expect(state.outbox.create).toHaveLength(120);
    expect(state.outbox.clear).toHaveLength(60);
  });
});

describe('evaluateAlerts: reminders', () => {
  it('reminds of urgent alerts only: a standing stress loss is said once', () => {
    const stressed = (report: RiskReport): RiskReport => ({
      ...report,
      portfolio: {
        ...report.portfolio,
        equity: 7000,
        stress: { ...report.portfolio.stress, worstLoss: 9000 },
      },
    });
    const first = evaluateAlerts(
      EMPTY_ALERT_STATE,
      hedgeInput(stressed(hedgeReport())),
      DEFAULT_ALERT_RULES,
      T0,
    );
    expect(titles(first)).toEqual(['Stress loss high: whole portfolio']);
    const later = evaluateAlerts(
      first,
      hedgeInput(stressed(hedgeReport())),
      DEFAULT_ALERT_RULES,
      T0 + 600 * MINUTE,
    );
    expect(titles(later)).toEqual(['Stress loss high: whole portfolio']);
  });
});
