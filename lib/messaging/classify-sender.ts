import { RequestType } from './protocol';

/**
 * Who sent a message, decided once, in one place, from what the browser itself sets on the
 * sender: the extension id, and the origin of the frame that sent it (`sender.origin`, or the
 * origin of `sender.url` where the browser gives no origin). A message from our own origin comes
 * from one of our pages (popup, options), in a tab or not; a message from a web origin comes
 * from a content script on that page and is untrusted (a compromised page can forge anything a
 * content script can send). Anything else is refused.
 */
export const SenderClass = {
  extensionPage: 'extension-page',
  contentScript: 'content-script',
  unknown: 'unknown',
} as const;
export type SenderClass = (typeof SenderClass)[keyof typeof SenderClass];

export interface SenderInfo {
  readonly id?: string;
  readonly origin?: string;
  readonly url?: string;
}

/** `extensionOrigin` is this extension's own origin, e.g. `chrome-extension://<id>` or `moz-extension://<uuid>`. */
export function classifySender(
  sender: SenderInfo,
  extensionId: string,
  extensionOrigin: string,
): SenderClass {
  if (sender.id !== extensionId) return SenderClass.unknown;
  const origin = sender.origin ?? (sender.url === undefined ? undefined : originOf(sender.url));
  if (origin === extensionOrigin) return SenderClass.extensionPage;
  if (origin?.startsWith('https://') || origin?.startsWith('http://'))
    return SenderClass.contentScript;
  return SenderClass.unknown;
}

/** Which requests each class of sender may make. Content scripts only read their symbol's risk. */
const ALLOWED: Readonly<Record<SenderClass, readonly RequestType[]>> = {
  [SenderClass.extensionPage]: [RequestType.getPortfolioRisk, RequestType.getSymbolRisk],
  [SenderClass.contentScript]: [RequestType.getSymbolRisk],
  [SenderClass.unknown]: [],
};

export function senderMayRequest(senderClass: SenderClass, type: RequestType): boolean {
  return ALLOWED[senderClass].includes(type);
}

/**
 * The origin of a URL as `scheme://host`. `URL.origin` is "null" for non-special schemes such as
 * chrome-extension: in some engines (Node), so it is built from the parts instead.
 */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.host === '' ? undefined : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}
