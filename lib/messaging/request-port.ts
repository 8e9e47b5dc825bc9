import { browser } from 'wxt/browser';
import type { Request, Response, ResponseMap } from './protocol';

/**
 * Requests over one long-lived port instead of one `runtime.sendMessage` each: a keystroke's
 * pre-trade check then costs one message each way on an open channel, not a channel opened and
 * closed per request (the difference is most of the input-to-figures time after the page has
 * been idle). The background answers port messages exactly as it answers `sendMessage` (same
 * validation, same sender classification, from the port's sender). Reconnects when the port
 * closes (a restarted service worker); a request sent into a closed port fails with a reason.
 */
export const REQUEST_PORT_NAME = 'margin-lens-requests';

/** One message on the port: a request with its id, or the answer to that id. */
export interface PortRequest {
  readonly id: number;
  readonly request: unknown;
}
export interface PortAnswer {
  readonly id: number;
  readonly response: Response<Request['type']>;
}

export interface RequestPort {
  send<R extends Request>(request: R): Promise<ResponseMap[R['type']]>;
  close(): void;
}

export function openRequestPort(): RequestPort {
  let port: ReturnType<typeof browser.runtime.connect> | null = null;
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  const failAll = (reason: string) => {
    for (const waiting of pending.values()) waiting.reject(new Error(reason));
    pending.clear();
  };
  const connect = () => {
    const opened = browser.runtime.connect({ name: REQUEST_PORT_NAME });
    opened.onMessage.addListener((message: unknown) => {
      const { id, response } = message as PortAnswer;
      const waiting = pending.get(id);
      if (waiting === undefined) return;
      pending.delete(id);
      if (response.ok) waiting.resolve(response.value);
      else waiting.reject(new Error(response.error));
    });
    opened.onDisconnect.addListener(() => {
      port = null;
      failAll('The Margin Lens background restarted; the figures will follow.');
    });
    return opened;
  };
  return {
    send(request) {
      port ??= connect();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        try {
          port?.postMessage({ id, request } satisfies PortRequest);
        } catch (error) {
          pending.delete(id);
          port = null;
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    },
    close() {
      port?.disconnect();
      port = null;
      failAll('closed');
    },
  };
}
