// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AlertNotification } from '../lib/alerts/alert-state';
import type { AlertHistoryView } from '../lib/messaging/alert-requests';
import { AlertHistory } from './AlertHistory';

afterEach(cleanup);

const NOW = Date.parse('2026-11-24T12:30:00Z');

const sent = (
  n: number,
  moment: AlertNotification['moment'],
  minutesAgo: number,
): AlertNotification => ({
  id: `margin-lens-${n}`,
  kind: moment === 'event' ? 'broken-hedge' : 'liquidation',
  moment,
  title:
    moment === 'safe'
      ? 'Back to safe: Bybit (hedge) BTC perp short'
      : moment === 'event'
        ? 'Hedge broken on BTC'
        : 'Near liquidation: Bybit (hedge) BTC perp short',
  message: '3.1% (1.2 daily σ) from liquidation at 99,525.00, if the price rises.',
  context: '',
  target: { kind: 'popup' },
  at: new Date(NOW - minutesAgo * 60_000).toISOString(),
});

const view = (overrides: Partial<AlertHistoryView> = {}): AlertHistoryView => ({
  enabled: true,
  active: [
    {
      key: 'liquidation|bybit-hedge|BTC/USDT:USDT|short',
      kind: 'liquidation',
      subject: 'Bybit (hedge) BTC perp short',
      since: '2026-11-24T12:08:00.000Z',
      title: 'Near liquidation: Bybit (hedge) BTC perp short',
      message:
        '2.0% (0.8 daily σ) from liquidation at 99,525.00, if the price rises; 24.0% (22.7–25.3%) chance within 24 h.',
    },
  ],
  history: [sent(3, 'event', 2), sent(2, 'alert', 22), sent(1, 'safe', 95)],
  ...overrides,
});

describe('AlertHistory', () => {
  it('shows what holds now with its latest figures, then what was sent, newest first', () => {
    render(<AlertHistory view={view()} now={NOW} />);
    const [active] = screen.getAllByTestId('alert-active');
    expect(active?.textContent).toBe(
      'Near liquidation: Bybit (hedge) BTC perp short2.0% (0.8 daily σ) from liquidation at 99,525.00, if the price rises; 24.0% (22.7–25.3%) chance within 24 h.since 22 min ago',
    );
    const entries = screen.getAllByTestId('alert-entry');
    expect(entries.map((entry) => entry.dataset.moment)).toEqual(['event', 'alert', 'safe']);
    expect(entries[0]?.textContent).toBe(
      'Event · 2 min agoHedge broken on BTC3.1% (1.2 daily σ) from liquidation at 99,525.00, if the price rises.',
    );
    expect(entries[2]?.querySelector('.alerts__when')?.textContent).toBe(
      'Back to safe · 1 h 35 min ago',
    );
  });

  it('says when nothing holds and nothing was sent', () => {
    render(<AlertHistory view={view({ active: [], history: [] })} now={NOW} />);
    expect(screen.getByTestId('alerts-quiet').textContent).toBe(
      'Nothing is beyond your alert rules now.',
    );
    expect(screen.getByTestId('alerts-none-sent').textContent).toBe('No notification sent yet.');
  });

  it('shows the first few, the rest behind "Show all"', () => {
    const history = Array.from({ length: 8 }, (_, i) => sent(8 - i, 'alert', i));
    render(<AlertHistory view={view({ history })} now={NOW} limit={5} />);
    expect(screen.getAllByTestId('alert-entry')).toHaveLength(5);
    fireEvent.click(screen.getByTestId('alerts-show-all'));
    expect(screen.getAllByTestId('alert-entry')).toHaveLength(8);
    expect(screen.getByTestId('alerts-show-all').textContent).toBe('Show fewer');
  });

  it('says when alerts are off, and leads to the rules', () => {
    const onOpenSettings = vi.fn();
    render(
      <AlertHistory
        view={view({ enabled: false, active: [] })}
        now={NOW}
        onOpenSettings={onOpenSettings}
      />,
    );
    expect(screen.getByTestId('alerts-off').textContent).toBe(
      'Alerts are off: nothing is watched. Turn them on in the settings',
    );
    expect(screen.queryByTestId('alert-active')).toBeNull();
    fireEvent.click(screen.getByText('Turn them on in the settings'));
    expect(onOpenSettings).toHaveBeenCalledOnce();
  });
});
