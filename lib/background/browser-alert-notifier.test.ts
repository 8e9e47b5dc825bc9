import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AlertNotification } from '../alerts/alert-state';
import { browserAlertNotifier } from './browser-alert-notifier';

const notification: AlertNotification = {
  id: 'margin-lens-3',
  kind: 'liquidation',
  moment: 'alert',
  title: 'Near liquidation: Bybit (hedge) BTC perp short',
  message: '3.1% (1.2 daily σ) from liquidation at 99,525.00, if the price rises.',
  context: "daily σ = a typical day's move of the price.",
  target: { kind: 'page', url: 'https://www.bybit.com/trade/usdt/BTCUSDT' },
  at: '2026-11-24T12:00:00.000Z',
};

describe('browserAlertNotifier', () => {
  beforeEach(() => fakeBrowser.reset());

  it('shows a notification under its own id, with the icon, words and context line', async () => {
    const notifier = browserAlertNotifier();
    await notifier.show(notification);
    expect(await notifier.showing()).toEqual(['margin-lens-3']);
    expect(fakeBrowser.notifications.getAllCreateOptions()).toEqual({
      'margin-lens-3': {
        type: 'basic',
        iconUrl: `chrome-extension://${fakeBrowser.runtime.id}/icon/128.png`,
        title: 'Near liquidation: Bybit (hedge) BTC perp short',
        message: '3.1% (1.2 daily σ) from liquidation at 99,525.00, if the price rises.',
        contextMessage: "daily σ = a typical day's move of the price.",
        priority: 2,
        requireInteraction: true,
      },
    });
    await notifier.show({ ...notification, id: 'margin-lens-4', moment: 'safe', context: '' });
    expect(fakeBrowser.notifications.getAllCreateOptions()['margin-lens-4']).toEqual({
      type: 'basic',
      iconUrl: `chrome-extension://${fakeBrowser.runtime.id}/icon/128.png`,
      title: notification.title,
      message: notification.message,
      priority: 0,
      requireInteraction: false,
    });
    await notifier.close('margin-lens-3');
    expect(await notifier.showing()).toEqual(['margin-lens-4']);
  });

  it('opens a venue page in a tab, the popup in a tab where it cannot open, the settings page', async () => {
    const notifier = browserAlertNotifier();
    const created: (string | undefined)[] = [];
    fakeBrowser.tabs.onCreated.addListener((tab) => void created.push(tab.url));
    await notifier.open({ kind: 'page', url: 'https://www.bybit.com/trade/usdt/BTCUSDT' });
    await notifier.open({ kind: 'popup' });
    expect(created).toEqual([
      'https://www.bybit.com/trade/usdt/BTCUSDT',
      `chrome-extension://${fakeBrowser.runtime.id}/popup.html`,
    ]);
    const openOptionsPage = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue();
    await notifier.open({ kind: 'options' });
    expect(openOptionsPage).toHaveBeenCalledOnce();
  });
});
