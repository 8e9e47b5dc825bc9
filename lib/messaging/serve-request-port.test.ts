import { afterEach, describe, expect, it } from 'vitest';
import { servePortRequests, type ServedPort } from './serve-request-port';

/** A port as the background gets it, which the page may disconnect at any time. */
function fakePort() {
  let listener: ((message: unknown) => void) | undefined;
  const posted: unknown[] = [];
  let connected = true;
  const port: ServedPort = {
    onMessage: { addListener: (added) => (listener = added) },
    postMessage(message) {
      if (!connected) throw new Error('Attempting to use a disconnected port object');
      posted.push(message);
    },
  };
  return {
    port,
    posted,
    receive: (message: unknown) => listener?.(message),
    disconnect: () => (connected = false),
  };
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);
afterEach(() => {
  unhandled.length = 0;
});

describe('servePortRequests', () => {
  it('answers each request under its id, and ignores messages without one', async () => {
    const { port, posted, receive } = fakePort();
    servePortRequests(port, async (request) => ({ ok: true, value: request as never }));
    receive({ id: 1, request: { type: 'getPortfolioRisk' } });
    receive({ request: 'no id' });
    receive(null);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(posted).toEqual([
      { id: 1, response: { ok: true, value: { type: 'getPortfolioRisk' } } },
    ]);
  });

  it('drops the answer of a page that went away meanwhile, leaving no unhandled rejection', async () => {
    const { port, posted, receive, disconnect } = fakePort();
    let release: () => void = () => undefined;
    servePortRequests(
      port,
      () =>
        new Promise((resolve) => {
          release = () => resolve({ ok: false, error: 'late' });
        }),
    );
    receive({ id: 2, request: { type: 'getPageRisk' } });
    disconnect();
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(posted).toEqual([]);
    expect(unhandled).toEqual([]);
  });
});
