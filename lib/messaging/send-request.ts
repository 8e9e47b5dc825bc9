import { browser } from 'wxt/browser';
import type { Request, ResponseMap, Response } from './protocol';

/** Sends one typed request to the background and returns its value, or throws its error text. */
export async function sendRequest<R extends Request>(request: R): Promise<ResponseMap[R['type']]> {
  const response = (await browser.runtime.sendMessage(request)) as Response<R['type']> | undefined;
  if (!response)
    throw new Error('The Margin Lens background did not answer; reload the extension.');
  if (!response.ok) throw new Error(response.error);
  return response.value;
}
