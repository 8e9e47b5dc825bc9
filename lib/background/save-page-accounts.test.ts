import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RESIDUAL_HISTORY } from '../engine';
import {
  deribitAccountSummaryResult,
  deribitOptionBook,
  deribitPortfolioNotification,
  deribitPositions,
  deribitResponse,
  HYPERLIQUID_PAGE_ADDRESS,
  HYPERLIQUID_PAGE_STATE,
  hyperliquidWebData3Push,
} from '../../test/fake-exchange/page-feed/page-feed-messages';
import { createDeribitFeed } from '../page-feed/deribit-feed';
import { createHyperliquidFeed } from '../page-feed/hyperliquid-feed';
import type { PageFeedSnapshot } from '../page-feed/page-feed-snapshot';
import { pageAccountsConfirmedItem, pageAccountsItem } from '../storage/page-accounts-item';
import { VENUE_ADAPTERS } from '../venues/api/venue-adapters';
import { createBackgroundServices } from './background-services';
import { handleMessage } from './handle-message';
import { PAGE_ACCOUNTS_WRITE_INTERVAL_MS } from './save-page-accounts';

/**
 * `savePageAccounts` through the background's message handler, with WXT's fake browser: the
 * venue comes from the sender's origin, the snapshot is checked again, stored, and the popup's
 * report then holds the account, marked as read from the page.
 */
const NOW = Date.UTC(2026, 10, 24, 12);
/** The background's clock; `wait` moves it and runs the timers due. */
let clock = NOW;
async function wait(ms: number): Promise<void> {
  clock += ms;
  await vi.advanceTimersByTimeAsync(ms);
}
const services = () =>
  createBackgroundServices({
    adapters: VENUE_ADAPTERS,
    openExchange: () => {
      throw new Error('no venue is connected in these tests');
    },
    openPublic: () => {
      throw new Error('no market data in these tests');
    },
    hasHostAccess: async () => false,
    onRefreshMinutesChanged: async () => {},
    now: () => clock,
    loadResidualHistory: async () => RESIDUAL_HISTORY,
    version: '0.1.0',
  });

const extension = {
  id: 'test-extension',
  origin: 'chrome-extension://test-extension',
  contentOrigins: [
    'https://www.deribit.com',
    'https://app.hyperliquid.xyz',
    'https://www.binance.com',
  ],
};
const popup = { id: 'test-extension', origin: extension.origin };
const deribitPage = { id: 'test-extension', origin: 'https://www.deribit.com', tab: { id: 3 } };
const hyperliquidPage = {
  id: 'test-extension',
  url: 'https://app.hyperliquid.xyz/trade/BTC',
  tab: { id: 4 },
};
const binancePage = { id: 'test-extension', origin: 'https://www.binance.com', tab: { id: 5 } };

function deribitSnapshot(): PageFeedSnapshot {
  const feed = createDeribitFeed();
  const respond = (method: string, result: unknown, currency: string | null, kind: string | null) =>
    feed.receive({
      site: 'deribit',
      kind: 'response',
      method: method as 'private/get_positions',
      currency,
      instrumentKind: kind,
      text: deribitResponse(1, result),
    });
  respond('private/get_account_summary', deribitAccountSummaryResult('BTC'), 'BTC', null);
  feed.receive({
    site: 'deribit',
    kind: 'notification',
    text: deribitPortfolioNotification('BTC'),
  });
  respond('private/get_positions', deribitPositions('BTC'), 'BTC', null);
  respond('public/get_book_summary_by_currency', deribitOptionBook('BTC'), 'BTC', 'option');
  const [snapshot] = feed.snapshots();
  if (snapshot === undefined) throw new Error('no snapshot');
  return snapshot;
}

function hyperliquidSnapshot(): PageFeedSnapshot {
  const feed = createHyperliquidFeed();
  // The page names its own address (hyperliquid-feed.ts reads nothing before).
  feed.receive({ site: 'hyperliquid', kind: 'socket', text: hyperliquidWebData3Push() });
  feed.receive({
    site: 'hyperliquid',
    kind: 'info',
    user: HYPERLIQUID_PAGE_ADDRESS,
    dex: '',
    text: JSON.stringify(HYPERLIQUID_PAGE_STATE),
  });
  const [snapshot] = feed.snapshots();
  if (snapshot === undefined) throw new Error('no snapshot');
  return snapshot;
}

const message = (snapshot: PageFeedSnapshot) => ({ type: 'savePageAccounts', ...snapshot });

beforeEach(() => {
  fakeBrowser.reset();
  clock = NOW;
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** How many times the stored page reads were rewritten. */
function countPageAccountWrites(): () => number {
  const set = vi.spyOn(fakeBrowser.storage.local, 'set');
  return () =>
    set.mock.calls.filter(([items]) => Object.keys(items as object).includes('pageAccounts'))
      .length;
}

describe('savePageAccounts', () => {
  it('stores a Deribit page’s account, which the popup’s report then holds, marked as read from the page', async () => {
    const background = services();
    const saved = await handleMessage(
      message(deribitSnapshot()),
      deribitPage,
      extension,
      background.risk,
      background.accounts,
    );
    expect(saved).toEqual({ ok: true, value: { saved: 1, pending: [] } });
    const [entry] = await pageAccountsItem.getValue();
    expect(entry).toMatchObject({
      venue: 'deribit',
      identity: '58214',
      readAt: new Date(NOW).toISOString(),
      prices: { BTC: '100000' },
    });
    const risk = await handleMessage(
      { type: 'getPortfolioRisk' },
      popup,
      extension,
      background.risk,
      background.accounts,
    );
    if (!risk.ok || !('report' in risk.value)) throw new Error(JSON.stringify(risk));
    expect(risk.value.source).toBe('connected');
    expect(risk.value.report.accounts.map((account) => account.id)).toEqual([
      'deribit-page-58214:BTC',
    ]);
    expect(risk.value.connections).toEqual([
      expect.objectContaining({
        connection: expect.objectContaining({
          id: 'page-deribit-58214',
          label: 'Deribit (read from the page)',
          credentialKind: 'page',
        }),
        freshness: 'fresh',
        dataAgeSeconds: 0,
        accountIds: ['deribit-page-58214:BTC'],
        positionCount: 4,
      }),
    ]);
  });

  it('derives the venue from the sender’s origin: a Hyperliquid account from a Deribit page is refused', async () => {
    const background = services();
    const answer = await handleMessage(
      message(hyperliquidSnapshot()),
      deribitPage,
      extension,
      background.risk,
      background.accounts,
    );
    expect(answer).toEqual({
      ok: false,
      error: 'refused: a Deribit page names its account by a number',
    });
    const forged = { ...message(hyperliquidSnapshot()), identity: '58214' };
    expect(
      await handleMessage(forged, deribitPage, extension, background.risk, background.accounts),
    ).toEqual({
      ok: false,
      error: 'refused: accounts[0] is a hyperliquid account, sent from a deribit page',
    });
    expect(await pageAccountsItem.getValue()).toEqual([]);
  });

  it('takes a Hyperliquid page’s account by its sender URL, and refuses pages that read no accounts', async () => {
    const background = services();
    const saved = await handleMessage(
      message(hyperliquidSnapshot()),
      hyperliquidPage,
      extension,
      background.risk,
      background.accounts,
    );
    expect(saved).toEqual({ ok: true, value: { saved: 1, pending: [] } });
    expect(
      await handleMessage(
        message(hyperliquidSnapshot()),
        binancePage,
        extension,
        background.risk,
        background.accounts,
      ),
    ).toEqual({ ok: false, error: 'refused: this page does not read accounts' });
    // Not from a tab at a content-script origin: not even parsed for a venue.
    expect(
      await handleMessage(
        message(hyperliquidSnapshot()),
        { id: 'test-extension', origin: 'https://evil.example', tab: { id: 1 } },
        extension,
        background.risk,
        background.accounts,
      ),
    ).toEqual({
      ok: false,
      error: 'refused: a unknown sender may not request savePageAccounts',
    });
  });

  it('refuses an account id that is not the one of the identity sent', async () => {
    const background = services();
    const snapshot = deribitSnapshot();
    const renamed = {
      ...message(snapshot),
      accounts: snapshot.accounts.map((account) => ({ ...account, id: 'binance-main' })),
    };
    expect(
      await handleMessage(renamed, deribitPage, extension, background.risk, background.accounts),
    ).toEqual({
      ok: false,
      error: 'refused: accounts[0] id must be "deribit-page-58214:BTC", once',
    });
  });

  it('replaces the earlier read of the same account', async () => {
    const background = services();
    const send = (snapshot: PageFeedSnapshot) =>
      handleMessage(
        message(snapshot),
        deribitPage,
        extension,
        background.risk,
        background.accounts,
      );
    await send({ ...deribitSnapshot(), identity: null, accounts: [], pending: ['BTC: waiting'] });
    await wait(PAGE_ACCOUNTS_WRITE_INTERVAL_MS);
    await send(deribitSnapshot());
    const entries = await pageAccountsItem.getValue();
    expect(entries.map((entry) => [entry.identity, entry.accounts.length])).toEqual([['58214', 1]]);
  });

  it('writes a tab’s reads at most once per interval, the latest of them; another tab has its own', async () => {
    const background = services();
    const writes = countPageAccountWrites();
    const send = (snapshot: PageFeedSnapshot, sender = deribitPage) =>
      handleMessage(message(snapshot), sender, extension, background.risk, background.accounts);
    const priced = (price: number) => ({ ...deribitSnapshot(), prices: { BTC: String(price) } });
    const answers = [send(priced(100_000))];
    await vi.advanceTimersByTimeAsync(0);
    expect(writes()).toBe(1);
    // A page sending as fast as it likes: four more within the interval.
    for (const price of [100_001, 100_002, 100_003, 100_004]) answers.push(send(priced(price)));
    const otherTab = await send(priced(99_000), { ...deribitPage, tab: { id: 7 } });
    expect(otherTab).toEqual({ ok: true, value: { saved: 1, pending: [] } });
    expect(writes()).toBe(2);
    await wait(PAGE_ACCOUNTS_WRITE_INTERVAL_MS - 1);
    expect(writes()).toBe(2);
    await wait(1);
    // One more write, of the latest; every request answered with what was stored.
    expect(writes()).toBe(3);
    expect(await Promise.all(answers)).toEqual(
      Array.from({ length: 5 }, () => ({ ok: true, value: { saved: 1, pending: [] } })),
    );
    expect((await pageAccountsItem.getValue()).map((entry) => entry.prices)).toEqual([
      { BTC: '100004' },
    ]);
  });

  it('does not rewrite an unchanged read: its confirmation keeps it fresh, and the figures are not recomputed', async () => {
    const background = services();
    const writes = countPageAccountWrites();
    const send = () =>
      handleMessage(
        message(deribitSnapshot()),
        deribitPage,
        extension,
        background.risk,
        background.accounts,
      );
    const risk = async () => {
      const answer = await handleMessage(
        { type: 'getPortfolioRisk' },
        popup,
        extension,
        background.risk,
        background.accounts,
      );
      if (!answer.ok || !('report' in answer.value)) throw new Error(JSON.stringify(answer));
      return answer.value;
    };
    await send();
    const first = await risk();
    // The page's heartbeat 150 s later: the same content.
    await wait(150_000);
    expect(await send()).toEqual({ ok: true, value: { saved: 1, pending: [] } });
    expect(writes()).toBe(1);
    expect((await pageAccountsItem.getValue())[0]?.readAt).toBe(new Date(NOW).toISOString());
    expect(await pageAccountsConfirmedItem.getValue()).toEqual({
      'deribit:58214': new Date(NOW + 150_000).toISOString(),
    });
    // 200 s after the content, 50 s after its confirmation: fresh, and the same risk state.
    await wait(50_000);
    const later = await risk();
    expect(later.computedAt).toBe(first.computedAt);
    expect(later.connections).toEqual([
      expect.objectContaining({ freshness: 'fresh', dataAgeSeconds: 50 }),
    ]);
    // Without a confirmation it goes stale after 3 minutes.
    await wait(140_000);
    expect((await risk()).connections).toEqual([
      expect.objectContaining({ freshness: 'stale', dataAgeSeconds: 190 }),
    ]);
  });
});
