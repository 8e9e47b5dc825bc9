import { defineContentScript } from 'wxt/utils/define-content-script';
import { sendRequest } from '@/lib/messaging/send-request';
import { checkPageSnapshot } from '@/lib/page-feed/check-page-snapshot';
import { createDeribitFeed } from '@/lib/page-feed/deribit-feed';
import { createHyperliquidFeed } from '@/lib/page-feed/hyperliquid-feed';
import { openPageFeedChannel } from '@/lib/page-feed/page-feed-channel';
import { PAGE_FEED_MATCHES, pageFeedVenueOf } from '@/lib/page-feed/page-feed-sites';
import { createSnapshotSender } from '@/lib/page-feed/snapshot-sender';
import { parseTappedMessage } from '@/lib/page-feed/tapped-message';

// The page-feed reader, in the content script's isolated world at document_start: takes the
// port from the tap (page-feed-tap.content.ts, page-feed-channel.ts), turns the venue's messages
// into account snapshots (deribit-feed.ts, hyperliquid-feed.ts), checks them against the
// portfolio file's schema and sends them to the background, which derives the venue from this
// tab's origin. Uses no storage and touches no page element.
// Test URLs: https://www.deribit.com/futures/BTC-PERPETUAL, https://app.hyperliquid.xyz/trade/BTC
export default defineContentScript({
  matches: [...PAGE_FEED_MATCHES],
  runAt: 'document_start',
  exclude: ['firefox'],
  noScriptStartedPostMessage: true,
  main(ctx) {
    const venue = pageFeedVenueOf(location.origin);
    if (venue === undefined) return;
    const feed = venue === 'deribit' ? createDeribitFeed() : createHyperliquidFeed();
    const sender = createSnapshotSender({
      now: () => Date.now(),
      setTimer: (callback, delayMs) => ctx.setTimeout(callback, delayMs),
      build: () => {
        const asOf = new Date().toISOString();
        return feed.snapshots().map((snapshot) => checkPageSnapshot(snapshot, asOf));
      },
      send: (snapshot) =>
        sendRequest({
          type: 'savePageAccounts',
          identity: snapshot.identity,
          accounts: snapshot.accounts,
          pending: snapshot.pending,
          prices: snapshot.prices,
        }),
    });
    openPageFeedChannel({ target: window, document, MessageChannel, MessageEvent }, (port) => {
      port.onmessage = (event: MessageEvent) => {
        const message = parseTappedMessage(event.data, venue);
        if (message !== undefined && feed.receive(message).ok) sender.changed();
      };
      ctx.onInvalidated(() => port.close());
    });
  },
});
