import type { PortAnswer, PortRequest } from './request-port';

/**
 * The background's side of the request port (request-port.ts): each `{id, request}` that arrives
 * on `port` is answered by `answer` (the same handler as `runtime.sendMessage`'s, from the port's
 * sender) and posted back under its id. A page can go away while its request is being answered:
 * posting on a disconnected port throws ("Attempting to use a disconnected port object"), and
 * nobody is waiting for that answer any more, so it is dropped there rather than left as an
 * unhandled rejection in the service worker. Messages without a numeric id are ignored.
 */
export interface ServedPort {
  readonly onMessage: { addListener(listener: (message: unknown) => void): void };
  postMessage(message: unknown): void;
}

export function servePortRequests(
  port: ServedPort,
  answer: (request: unknown) => Promise<PortAnswer['response']>,
): void {
  port.onMessage.addListener((message: unknown) => {
    const { id, request } = (message ?? {}) as Partial<PortRequest>;
    if (typeof id !== 'number') return;
    void answer(request).then((response) => {
      try {
        port.postMessage({ id, response } satisfies PortAnswer);
      } catch {
        // The port closed while the request was answered: the page went away.
      }
    });
  });
}
