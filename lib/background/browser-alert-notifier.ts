import { browser } from 'wxt/browser';
import type { AlertNotifier } from './alert-service';

/**
 * The alerts' notifications through the browser (`notifications` permission): a basic
 * notification with the extension's icon, the title, the figures as the message and the context
 * line; an alert stays until the trader acts (where the browser allows).
 * A venue's trading page opens in a new tab; the popup opens as the toolbar popup where the
 * browser allows it, else in a tab; the settings as the options page.
 */
export function browserAlertNotifier(): AlertNotifier {
  return {
    async showing() {
      return Object.keys(await browser.notifications.getAll());
    },
    async show(notification) {
      // An alert stays until the trader acts on it (a warning that times out unseen is no
      // warning); "back to safe" is news and goes by itself. Firefox takes only the basic
      // fields (its notifications have no context line, priority or sticking).
      const urgent = notification.moment !== 'safe';
      await browser.notifications.create(notification.id, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: notification.title,
        message: notification.message,
        ...(!import.meta.env.FIREFOX && {
          ...(notification.context !== '' && { contextMessage: notification.context }),
          priority: urgent ? 2 : 0,
          requireInteraction: urgent,
        }),
      });
    },
    async close(id) {
      await browser.notifications.clear(id);
    },
    async open(target) {
      if (target.kind === 'options') {
        await browser.runtime.openOptionsPage();
        return;
      }
      if (target.kind === 'page') {
        await browser.tabs.create({ url: target.url });
        return;
      }
      // The toolbar popup where the browser opens it without a click on the toolbar (Chrome
      // 127+ with a window focused); else the popup's page in a tab.
      try {
        await browser.action.openPopup();
      } catch {
        await browser.tabs.create({ url: browser.runtime.getURL('/popup.html') });
      }
    },
  };
}
