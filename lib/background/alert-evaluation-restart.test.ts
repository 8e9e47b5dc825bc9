import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  restoreStorage,
  runUntilStopped,
  stoppableStorage,
  storageSnapshot,
  type StoppableStorage,
  type StorageSnapshot,
} from '../../test/lifecycle/stoppable-storage';
import { chance, hedgeInput, hedgeReport, withPosition } from '../alerts/alert-fixtures';
import type { AlertInput } from '../alerts/alert-input';
import type { AlertNotification } from '../alerts/alert-state';
import type { AlertNotifier } from './alert-service';

/**
 * Issue 13, service-worker lifecycle: the worker stopped at every storage write of an alert
 * evaluation (test/lifecycle/stoppable-storage.ts), then a new worker (fresh modules over the
 * same storage) evaluating as the browser would run it: once at start, and at the next alarm.
 * Each notification decided is shown exactly once across the stop: the decision (the outbox) is
 * stored before the browser is asked to show anything, so a stop before that write decides
 * again and a stop after it delivers what was decided; a notification whose id shows already is
 * not shown again.
 */
const T0 = Date.parse('2026-11-24T12:00:00Z');

/** The Bybit short `pct` from liquidation at 99,525. */
const shortAt = (pct: number): AlertInput =>
  hedgeInput(
    withPosition(hedgeReport(), 'bybit-hedge', 'BTC/USDT:USDT', {
      liquidationPrice: 99_525,
      liquidationDistancePct: pct,
      liquidationDirection: 'up',
      liquidationDistanceVolUnits: pct / 0.026,
      liquidationProbability: chance(0.01),
    }),
  );

/** The browser's notifications: what shows, and every call to show one. */
function browserNotifications() {
  const showing = new Map<string, AlertNotification>();
  const shown: string[] = [];
  return {
    showing,
    shown,
    /** The notifier of one worker; a stopped worker asks the browser nothing more. */
    notifierFor(storage: StoppableStorage): AlertNotifier {
      return {
        showing: async () => [...showing.keys()],
        show: async (notification) => {
          if (storage.stopped) return new Promise(() => {});
          showing.set(notification.id, notification);
          shown.push(notification.title);
        },
        close: async (id) => {
          if (storage.stopped) return new Promise(() => {});
          showing.delete(id);
        },
        open: async () => {},
      };
    },
  };
}

async function newWorker(notifier: AlertNotifier, input: AlertInput, now: number) {
  vi.resetModules();
  const { createAlertService } = await import('./alert-service');
  const errors: unknown[] = [];
  const alerts = createAlertService({
    notifier,
    currentInput: async () => input,
    now: () => now,
    log: (_message, error) => errors.push(error),
  });
  return { alerts, errors };
}

describe('a worker stopped at any write of an alert evaluation', () => {
  let storage: StoppableStorage;
  beforeEach(() => {
    fakeBrowser.reset();
    storage = stoppableStorage();
  });
  afterEach(() => storage.release());

  /**
   * From `before` (storage and notifications showing), evaluates `input` once uninterrupted for
   * the reference, then once per write index k, stopped at write k and restarted.
   */
  async function everyStop(
    before: StorageSnapshot,
    showingBefore: readonly AlertNotification[],
    input: AlertInput,
  ) {
    const reference = browserNotifications();
    showingBefore.forEach((n) => reference.showing.set(n.id, n));
    await restoreStorage(storage, before);
    const run = await newWorker(reference.notifierFor(storage), input, T0 + 60_000);
    await runUntilStopped(storage, () => run.alerts.evaluate(input));
    const writes = storage.writes;
    expect(run.errors).toEqual([]);

    const cases: { stopAt: number; shown: string[]; showing: string[] }[] = [];
    for (let stopAt = 1; stopAt <= writes; stopAt++) {
      const browser = browserNotifications();
      showingBefore.forEach((n) => browser.showing.set(n.id, n));
      await restoreStorage(storage, before);
      const stopping = await newWorker(browser.notifierFor(storage), input, T0 + 60_000);
      storage.stopAtWrite(stopAt);
      const { ended } = await runUntilStopped(storage, () => stopping.alerts.evaluate(input));
      expect({ stopAt, ended, stopped: storage.stopped }).toEqual({
        stopAt,
        ended: false,
        stopped: true,
      });
      storage.restart();
      // The new worker evaluates at start, then at the next alarm, on the same risk state.
      const restarted = await newWorker(browser.notifierFor(storage), input, T0 + 120_000);
      await restarted.alerts.evaluate();
      await restarted.alerts.evaluate();
      expect(restarted.errors).toEqual([]);
      const showing = [...browser.showing.values()].map((notification) => notification.title);
      cases.push({ stopAt, shown: browser.shown, showing });
    }
    return { writes, reference, cases };
  }

  it('shows a crossing exactly once, whichever write the worker stopped at', async () => {
    const { writes, reference, cases } = await everyStop(
      await storageSnapshot(),
      [],
      shortAt(0.031),
    );
    expect(reference.shown).toHaveLength(1);
    expect(reference.shown[0]).toContain('Near liquidation: Bybit (hedge) BTC perp short');
    // The state with its outbox (and its version mark, in the same write), then the state with
    // its outbox emptied.
    expect(writes).toBe(2);
    for (const { stopAt, shown, showing } of cases)
      expect({ stopAt, shown, showing }).toEqual({
        stopAt,
        shown: reference.shown,
        showing: [...reference.showing.values()].map((notification) => notification.title),
      });
  });

  it('takes the alert down and says "back to safe" exactly once, whichever write it stopped at', async () => {
    // The state after the crossing was shown, the notification still showing.
    const first = browserNotifications();
    await restoreStorage(storage, { local: {}, session: {} });
    const crossing = await newWorker(first.notifierFor(storage), shortAt(0.031), T0);
    await crossing.alerts.evaluate(shortAt(0.031));
    const before = await storageSnapshot();
    const showingBefore = [...first.showing.values()];
    expect(showingBefore).toHaveLength(1);

    const { writes, reference, cases } = await everyStop(before, showingBefore, shortAt(0.09));
    expect(reference.shown).toHaveLength(1);
    expect(reference.shown[0]).toContain('Back to safe: Bybit (hedge) BTC perp short');
    // The alert itself was taken down: only "back to safe" shows.
    expect([...reference.showing.values()].map((n) => n.title)).toEqual(reference.shown);
    // The state with its outbox, then with its outbox emptied.
    expect(writes).toBe(2);
    for (const { stopAt, shown, showing } of cases)
      expect({ stopAt, shown, showing }).toEqual({
        stopAt,
        shown: reference.shown,
        showing: [...reference.showing.values()].map((notification) => notification.title),
      });
  });
});
