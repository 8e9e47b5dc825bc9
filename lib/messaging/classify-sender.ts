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
  readonly tab?: unknown;
}

/** Who this extension is, and the origins its content scripts run on. */
export interface ExtensionIdentity {
  readonly id: string;
  /** This extension's own origin, e.g. chrome-extension://<id>. */
  readonly origin: string;
  /** Origins of the content scripts' match patterns, e.g. https://www.binance.com. */
  readonly contentOrigins: readonly string[];
}

/**
 * A message from our own origin is from one of our pages; one from a tab whose origin is one our
 * content scripts match is from a content script; anything else is unknown and refused.
 */
export function classifySender(sender: SenderInfo, extension: ExtensionIdentity): SenderClass {
  if (sender.id !== extension.id) return SenderClass.unknown;
  const origin = sender.origin ?? (sender.url === undefined ? undefined : originOf(sender.url));
  if (origin === extension.origin) return SenderClass.extensionPage;
  if (sender.tab !== undefined && origin !== undefined && extension.contentOrigins.includes(origin))
    return SenderClass.contentScript;
  return SenderClass.unknown;
}

/** The origin of a match pattern with a literal host (`https://www.binance.com/*`); null for wildcard hosts. */
export function matchPatternOrigin(pattern: string): string | null {
  const match = /^(https?):\/\/([^/*]+)\//.exec(pattern);
  return match ? `${match[1] ?? ''}://${match[2] ?? ''}` : null;
}

/**
 * Which requests each class of sender may make. Content scripts only read their page's risk, ask
 * what an order would do, and hand over the accounts their page received (for the venue of their
 * own origin only, save-page-accounts.ts).
 */
const ALLOWED: Readonly<Record<SenderClass, readonly RequestType[]>> = {
  // Our own pages may ask anything; keys and accounts are handled only for them.
  [SenderClass.extensionPage]: Object.values(RequestType),
  [SenderClass.contentScript]: [
    RequestType.getPageRisk,
    RequestType.getTradeImpact,
    RequestType.savePageAccounts,
  ],
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
