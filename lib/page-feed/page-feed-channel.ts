import { PAGE_FEED_HANDSHAKE_EVENT } from './page-feed-sites';

/**
 * The channel between the page-feed tap (MAIN world, where the page's own scripts run) and the
 * page-feed reader (ISOLATED world, the content script): one `MessagePort` each, handed over by a
 * synchronous `dispatchEvent` at `document_start`, before any script of the page exists.
 *
 * How: each side, when it starts, makes a `MessageChannel` and dispatches a cancelable
 * `MessageEvent` of type {@link PAGE_FEED_HANDSHAKE_EVENT} on `window` carrying one of its ports
 * (DOM events, and the `MessagePort`s in an event's `ports`, are shared by every world of the
 * page; a `CustomEvent`'s `detail` would be cloned per world and cannot carry a port). If the
 * other side is already listening, it takes the port, cancels the event and stops listening, so
 * `dispatchEvent` returns false: the side that runs second initiates. Otherwise nobody heard it:
 * the side closes that channel and listens for the other side's event, until the handshake or
 * DOMContentLoaded, whichever comes first. Everything then flows over the two ports.
 *
 * Why the page can neither read nor forge what flows over it:
 * - Content scripts at `document_start` run when the document element is created, before the
 *   parser has run any script of the page (the MAIN- and ISOLATED-world scripts are injected at
 *   the same point). The event is dispatched and consumed synchronously in that moment; no page
 *   listener can exist yet, so the page never sees the event or its port.
 * - After the handshake both listeners are removed and each port is held only in the two
 *   scripts' closures: nothing is stored on `window`, the DOM or any global. A message posted on
 *   a port is delivered only to its entangled port; `window.postMessage`, `CustomEvent`s or a
 *   `MessageEvent` dispatched later by the page reach no listener of ours.
 * - The one window left: if the MAIN-world script never ran (it is not in the Firefox build at
 *   all; see README), the reader listens until DOMContentLoaded, and a page script running before
 *   then could hand it a port of its own. Its messages are still only what the reader accepts
 *   (tapped-message.ts, then the feed readers and the file schema), and the background takes a
 *   snapshot only for the venue of the tab's own origin.
 * - The tap itself runs in the page's world, so the page can observe it; what it forwards is the
 *   page's own traffic, which the page already has. It calls only built-ins it captured at
 *   `document_start` and reads only trusted events (page-feed-tap.ts).
 */
export interface PageFeedChannelScope {
  /** The window both worlds share. */
  readonly target: EventTarget;
  /** The document whose DOMContentLoaded ends the wait. */
  readonly document: EventTarget;
  readonly MessageChannel: typeof MessageChannel;
  readonly MessageEvent: typeof MessageEvent;
}

export type PageFeedChannelState = 'connected' | 'waiting';

/**
 * Opens the channel: calls `onPort` once with this side's port, at once when the other side is
 * already listening ('connected'), or when its event comes ('waiting'). Never throws.
 */
export function openPageFeedChannel(
  scope: PageFeedChannelScope,
  onPort: (port: MessagePort) => void,
): PageFeedChannelState {
  // Captured now, at document_start, before any page script could replace them.
  const { apply } = Reflect;
  const addListener = EventTarget.prototype.addEventListener;
  const removeListener = EventTarget.prototype.removeEventListener;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const Event = scope.MessageEvent;
  const channel = new scope.MessageChannel();
  const event = new Event(PAGE_FEED_HANDSHAKE_EVENT, {
    ports: [channel.port2],
    cancelable: true,
  });
  const heard = !apply(dispatch, scope.target, [event]);
  if (heard) {
    onPort(channel.port1);
    return 'connected';
  }
  channel.port1.close();
  const stop = () => {
    apply(removeListener, scope.target, [PAGE_FEED_HANDSHAKE_EVENT, listener]);
    apply(removeListener, scope.document, ['DOMContentLoaded', stop]);
  };
  const listener = (incoming: Event) => {
    try {
      const ports = incoming instanceof Event ? incoming.ports : undefined;
      const port = ports?.length === 1 ? ports[0] : undefined;
      if (port === undefined) return;
      incoming.preventDefault();
      incoming.stopImmediatePropagation();
      stop();
      onPort(port);
    } catch {
      // A malformed event is not a handshake.
    }
  };
  apply(addListener, scope.target, [PAGE_FEED_HANDSHAKE_EVENT, listener]);
  apply(addListener, scope.document, ['DOMContentLoaded', stop]);
  return 'waiting';
}
