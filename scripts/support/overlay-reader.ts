import { Window } from 'happy-dom';
import type { Page } from 'playwright-core';

/**
 * Reads the Margin Lens overlay out of its closed shadow root, as a trader's DevTools would: the
 * page's own scripts cannot reach a closed root, but the DevTools protocol can (`pierce: true`).
 * Returns the overlay's markup parsed into a document to query by data-testid, or null when the
 * overlay is not mounted. Used by `npm start` and the end-to-end tests.
 */
interface CdpNode {
  readonly localName?: string;
  readonly backendNodeId: number;
  readonly children?: readonly CdpNode[];
  readonly shadowRoots?: readonly CdpNode[];
}

export async function readOverlay(page: Page): Promise<Document | null> {
  const session = await page.context().newCDPSession(page);
  try {
    const { root } = (await session.send('DOM.getDocument', { depth: -1, pierce: true })) as {
      root: CdpNode;
    };
    const host = find(root, (node) => node.localName === 'margin-lens-overlay');
    // WXT's shadow root holds the injected style element and the overlay's container.
    const content = host?.shadowRoots?.[0]?.children?.find((child) => child.localName !== 'style');
    if (!content) return null;
    const { outerHTML } = (await session.send('DOM.getOuterHTML', {
      backendNodeId: content.backendNodeId,
    })) as { outerHTML: string };
    const window = new Window();
    return new window.DOMParser().parseFromString(outerHTML, 'text/html') as unknown as Document;
  } finally {
    await session.detach();
  }
}

/** The text of `[data-testid=testId]` inside `[data-account=accountId]` (or anywhere when no account). */
export function overlayText(
  document: Document | null,
  testId: string,
  accountId?: string,
): string | null {
  const scope =
    accountId === undefined ? document : document?.querySelector(`[data-account="${accountId}"]`);
  return scope?.querySelector(`[data-testid="${testId}"]`)?.textContent ?? null;
}

function find(node: CdpNode, predicate: (node: CdpNode) => boolean): CdpNode | undefined {
  if (predicate(node)) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const found = find(child, predicate);
    if (found) return found;
  }
  return undefined;
}

/** Where the overlay's box is drawn in the page (CSS pixels), or null when it is not mounted. */
export async function overlayBox(
  page: Page,
): Promise<{ x: number; y: number; width: number; height: number } | null> {
  const session = await page.context().newCDPSession(page);
  try {
    const { root } = (await session.send('DOM.getDocument', { depth: -1, pierce: true })) as {
      root: CdpNode;
    };
    const host = find(root, (node) => node.localName === 'margin-lens-overlay');
    const box = host && find(host, (node) => node.localName === 'aside');
    if (!box) return null;
    const { model } = (await session.send('DOM.getBoxModel', {
      backendNodeId: box.backendNodeId,
    })) as { model: { border: number[]; width: number; height: number } };
    const [x = 0, y = 0] = model.border;
    return { x, y, width: model.width, height: model.height };
  } finally {
    await session.detach();
  }
}
