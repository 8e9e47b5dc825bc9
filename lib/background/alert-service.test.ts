import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AlertTarget } from '../alerts/alert-check';
import {
  chance,
  hedgeInput,
  hedgeReport,
  withAccount,
  withPosition,
} from '../alerts/alert-fixtures';
import { DEFAULT_ALERT_RULES } from '../alerts/alert-rules';
import type { AlertNotification } from '../alerts/alert-state';
import { alertNotificationId, evaluateAlerts } from '../alerts/evaluate-alerts';
import { EMPTY_ALERT_STATE } from '../alerts/alert-state';
import { alertStateItem, readAlertState } from '../storage/alert-state-item';
import { createAlertService, type AlertNotifier } from './alert-service';

const T0 = Date.parse('2026-11-24T12:00:00Z');
/** The n-th notification id of a state started at T0. */
const id = (n: number) => alertNotificationId(T0.toString(36), n);

/** The Bybit short `pct` from liquidation at 99,525. */
const shortAt = (pct: number) =>
  hedgeInput(
    withPosition(hedgeReport(), 'bybit-hedge', 'BTC/USDT:USDT', {
      liquidationPrice: 99_525,
      liquidationDistancePct: pct,
      liquidationDirection: 'up',
      liquidationDistanceVolUnits: pct / 0.026,
      liquidationProbability: chance(0.01),
    }),
  );

/** Notifications as a browser keeps them: what shows, everything ever shown, what was opened. */
function fakeNotifier() {
  const showing = new Map<string, AlertNotification>();
  const shown: string[] = [];
  const opened: AlertTarget[] = [];
  const notifier: AlertNotifier = {
    showing: () => Promise.resolve([...showing.keys()]),
    show: (notification) => {
      showing.set(notification.id, notification);
      shown.push(notification.title);
      return Promise.resolve();
    },
    close: (id) => {
      showing.delete(id);
      return Promise.resolve();
    },
    open: (target) => {
      opened.push(target);
      return Promise.resolve();
    },
  };
  return { notifier, showing, shown, opened };
}

function service(notifier: AlertNotifier, input = shortAt(0.031), now = T0) {
  const errors: unknown[] = [];
  return {
    errors,
    alerts: createAlertService({
      notifier,
      currentInput: () => Promise.resolve(input),
      now: () => now,
      log: (_message, error) => errors.push(error),
    }),
  };
}

describe('the alert service', () => {
  beforeEach(() => fakeBrowser.reset());

  it('shows a crossing once, stores before it shows, and a restarted worker repeats nothing', async () => {
    const browser = fakeNotifier();
    const { alerts, errors } = service(browser.notifier);
    await alerts.evaluate(shortAt(0.031));
    await alerts.evaluate(shortAt(0.02));
    expect(browser.shown).toEqual(['Near liquidation: Bybit (hedge) BTC perp short']);
    expect([...browser.showing.keys()]).toEqual([id(1)]);
    const stored = await readAlertState();
    expect(stored.outbox).toEqual({ create: [], clear: [] });
    expect(Object.keys(stored.active)).toEqual(['liquidation|bybit-hedge|BTC/USDT:USDT|short']);
    // A new worker: the same storage, nothing in memory.
    const restarted = service(browser.notifier, shortAt(0.02), T0 + 60_000);
    await restarted.alerts.evaluate();
    expect(browser.shown).toHaveLength(1);
    await restarted.alerts.evaluate(shortAt(0.09));
    expect(browser.shown).toEqual([
      'Near liquidation: Bybit (hedge) BTC perp short',
      'Back to safe: Bybit (hedge) BTC perp short',
    ]);
    expect([...browser.showing.keys()]).toEqual([id(2)]);
    expect(errors).toEqual([]);
  });

  it('delivers what a stopped worker decided but did not show, and not twice', async () => {
    // The worker stored its decision, then stopped before the browser showed it.
    const decided = evaluateAlerts(EMPTY_ALERT_STATE, shortAt(0.031), DEFAULT_ALERT_RULES, T0);
    await alertStateItem.setValue(decided);
    const browser = fakeNotifier();
    await service(browser.notifier).alerts.evaluate(shortAt(0.031));
    expect(browser.shown).toEqual(['Near liquidation: Bybit (hedge) BTC perp short']);
    // Stopped after showing, before emptying its outbox: the id showing is not shown again.
    await alertStateItem.setValue(decided);
    await service(browser.notifier).alerts.evaluate(shortAt(0.031));
    expect(browser.shown).toHaveLength(1);
  });

  it('opens a clicked notification’s page and takes it down; an unknown one opens the popup', async () => {
    const browser = fakeNotifier();
    const { alerts } = service(browser.notifier);
    await alerts.evaluate(shortAt(0.031));
    await alerts.clicked(id(1));
    await alerts.clicked('someone-else');
    expect(browser.opened).toEqual([
      { kind: 'page', url: 'https://www.bybit.com/trade/usdt/BTCUSDT' },
      { kind: 'popup' },
    ]);
    expect(browser.showing.size).toBe(0);
  });

  it('opens only a page a site descriptor writes, whatever the stored URL says', async () => {
    const browser = fakeNotifier();
    const { alerts } = service(browser.notifier);
    await alerts.evaluate(shortAt(0.031));
    const stored = await readAlertState();
    const tamper = async (url: string) => {
      await alertStateItem.setValue({
        ...stored,
        history: stored.history.map((entry) => ({ ...entry, target: { kind: 'page', url } })),
      });
      await alerts.clicked(id(1));
    };
    await tamper('https://evil.example/trade/usdt/BTCUSDT');
    await tamper('https://www.bybit.com.evil.example/trade/usdt/BTCUSDT');
    await tamper('javascript:alert(1)');
    await tamper('https://www.bybit.com/trade/usdt/BTCUSDT');
    expect(browser.opened).toEqual([
      { kind: 'popup' },
      { kind: 'popup' },
      { kind: 'popup' },
      { kind: 'page', url: 'https://www.bybit.com/trade/usdt/BTCUSDT' },
    ]);
  });

  it('gives the options page no venue warning for a Binance portfolio-margin account', async () => {
    const pm = hedgeInput(
      withAccount(hedgeReport(), 'bybit-hedge', (account) => ({
        venue: 'binanceusdm',
        positions: account.positions.map((position) => ({
          ...position,
          marginMode: 'portfolio' as const,
        })),
      })),
    );
    const { alerts } = service(fakeNotifier().notifier, pm);
    const rules = await alerts.rules();
    expect(rules.accounts[0]?.venueMarginWarning).toEqual({ ratio: 0.8, setBy: 'default' });
  });

  it('answers the history and the rules with the accounts’ names and venue levels', async () => {
    const browser = fakeNotifier();
    const { alerts } = service(browser.notifier);
    await alerts.evaluate(shortAt(0.031));
    const history = await alerts.history();
    expect(history.enabled).toBe(true);
    expect(history.active).toEqual([
      {
        key: 'liquidation|bybit-hedge|BTC/USDT:USDT|short',
        kind: 'liquidation',
        subject: 'Bybit (hedge) BTC perp short',
        since: '2026-11-24T12:00:00.000Z',
        title: 'Near liquidation: Bybit (hedge) BTC perp short',
        message:
          '3.1% (1.2 daily σ) from liquidation at 99,525.00, if the price rises; 1.0% (0.2–1.8%) chance within 24 h.',
      },
    ]);
    expect(history.history.map((entry) => entry.id)).toEqual([id(1)]);
    const rules = await alerts.rules();
    expect(rules.accounts).toEqual([
      {
        id: 'bybit-hedge',
        name: 'Bybit (hedge)',
        venueMarginWarning: { ratio: 0.8, setBy: 'default' },
      },
      {
        id: 'hyperliquid-main',
        name: 'Hyperliquid',
        venueMarginWarning: { ratio: 0.8, setBy: 'default' },
      },
    ]);
    expect(rules.defaults).toEqual(DEFAULT_ALERT_RULES);
  });

  it('applies saved rules at once: alerts off take down what shows, without a notice', async () => {
    const browser = fakeNotifier();
    const { alerts } = service(browser.notifier);
    await alerts.evaluate(shortAt(0.031));
    const view = await alerts.saveRules({ ...DEFAULT_ALERT_RULES, enabled: false });
    expect(view.rules.enabled).toBe(false);
    expect(browser.showing.size).toBe(0);
    expect(browser.shown).toHaveLength(1);
    expect((await alerts.history()).enabled).toBe(false);
  });
});
