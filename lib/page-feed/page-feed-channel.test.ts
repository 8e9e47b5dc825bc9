import { describe, expect, it } from 'vitest';
import { openPageFeedChannel, type PageFeedChannelScope } from './page-feed-channel';
import { PAGE_FEED_HANDSHAKE_EVENT } from './page-feed-sites';

/**
 * The port handshake on Node's own EventTarget and MessageChannel (the same DOM semantics:
 * synchronous dispatch, cancelable events, transferable ports). Node's MessageEvent drops
 * `cancelable` from its init, so a MessageEvent-shaped Event stands in for it here. Across real
 * page worlds, with the browser's MessageEvent, it is checked in Chromium
 * (test/e2e/page-feed.e2e.test.ts).
 */
class PortEvent extends Event {
  readonly ports: readonly MessagePort[];
  constructor(type: string, init: { ports?: MessagePort[]; cancelable?: boolean } = {}) {
    super(type, { cancelable: init.cancelable ?? false });
    this.ports = init.ports ?? [];
  }
}
const MessageEventLike = PortEvent as unknown as typeof MessageEvent;

function scope(): PageFeedChannelScope {
  return {
    target: new EventTarget(),
    document: new EventTarget(),
    MessageChannel,
    MessageEvent: MessageEventLike,
  };
}

function nextMessage(port: MessagePort): Promise<unknown> {
  return new Promise((resolve) => {
    port.onmessage = (event) => resolve(event.data);
  });
}

describe('page-feed channel handshake', () => {
  it('hands one port to each side, whichever starts first, and stops listening', async () => {
    const shared = scope();
    let first: MessagePort | undefined;
    let second: MessagePort | undefined;
    expect(openPageFeedChannel(shared, (port) => (first = port))).toBe('waiting');
    expect(first).toBeUndefined();
    expect(openPageFeedChannel(shared, (port) => (second = port))).toBe('connected');
    if (first === undefined || second === undefined) throw new Error('no ports');
    const arrived = nextMessage(second);
    first.postMessage({ site: 'deribit', kind: 'notification', text: '{}' });
    expect(await arrived).toEqual({ site: 'deribit', kind: 'notification', text: '{}' });

    // A later handshake (a page script's) reaches no listener of ours.
    let taken = false;
    const late = new MessageChannel();
    const heard = !shared.target.dispatchEvent(
      new MessageEventLike(PAGE_FEED_HANDSHAKE_EVENT, { ports: [late.port2], cancelable: true }),
    );
    expect(heard).toBe(false);
    expect(openPageFeedChannel(shared, () => (taken = true))).toBe('waiting');
    expect(taken).toBe(false);
    first.close();
    second.close();
    late.port1.close();
  });

  it('stops waiting at DOMContentLoaded', () => {
    const shared = scope();
    let port: MessagePort | undefined;
    expect(openPageFeedChannel(shared, (opened) => (port = opened))).toBe('waiting');
    shared.document.dispatchEvent(new Event('DOMContentLoaded'));
    const channel = new MessageChannel();
    const heard = !shared.target.dispatchEvent(
      new MessageEventLike(PAGE_FEED_HANDSHAKE_EVENT, { ports: [channel.port2], cancelable: true }),
    );
    expect(heard).toBe(false);
    expect(port).toBeUndefined();
    channel.port1.close();
  });

  it('takes no handshake without exactly one port (a CustomEvent of the same type, say)', () => {
    const shared = scope();
    let port: MessagePort | undefined;
    openPageFeedChannel(shared, (opened) => (port = opened));
    expect(
      shared.target.dispatchEvent(
        new CustomEvent(PAGE_FEED_HANDSHAKE_EVENT, { cancelable: true, detail: {} }),
      ),
    ).toBe(true);
    expect(
      shared.target.dispatchEvent(
        new MessageEventLike(PAGE_FEED_HANDSHAKE_EVENT, { cancelable: true }),
      ),
    ).toBe(true);
    expect(port).toBeUndefined();
    shared.document.dispatchEvent(new Event('DOMContentLoaded'));
  });
});
