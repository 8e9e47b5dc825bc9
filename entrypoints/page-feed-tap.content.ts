import { defineContentScript } from 'wxt/utils/define-content-script';
import { openPageFeedChannel } from '@/lib/page-feed/page-feed-channel';
import { PAGE_FEED_MATCHES, pageFeedVenueOf } from '@/lib/page-feed/page-feed-sites';
import { installPageFeedTap } from '@/lib/page-feed/page-feed-tap';

// The page-feed tap, in the page's own world at document_start (page-feed-tap.ts): observes the
// Deribit and Hyperliquid web apps' own traffic and forwards the account messages over a private
// port (page-feed-channel.ts) to the page-feed content script. Sends nothing, changes nothing.
// Detectable by a page that looks: another realm's Function.prototype.toString (a fresh iframe's)
// shows the wrapped WebSocket/fetch as Proxies (page-feed-tap.ts, "Known traces"; README).
// Not in the Firefox (MV2) build, which has no MAIN-world content scripts (README).
export default defineContentScript({
  matches: [...PAGE_FEED_MATCHES],
  world: 'MAIN',
  runAt: 'document_start',
  exclude: ['firefox'],
  main() {
    try {
      const venue = pageFeedVenueOf(location.origin);
      if (venue === undefined) return;
      // Captured before any page script exists.
      const { apply } = Reflect;
      const postMessage = MessagePort.prototype.postMessage;
      let port: MessagePort | undefined;
      installPageFeedTap(window, venue, (message) => {
        if (port !== undefined) apply(postMessage, port, [message]);
      });
      openPageFeedChannel({ target: window, document, MessageChannel, MessageEvent }, (opened) => {
        port = opened;
      });
    } catch {
      // Nothing of ours may ever reach the page.
    }
  },
});
