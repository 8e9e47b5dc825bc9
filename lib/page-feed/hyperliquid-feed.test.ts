import { describe, expect, it } from 'vitest';
import {
  HYPERLIQUID_PAGE_ADDRESS,
  HYPERLIQUID_PAGE_STATE,
  hyperliquidActiveAssetDataPush,
  hyperliquidClearinghousePush,
  hyperliquidPush,
  hyperliquidWebData2Push,
  hyperliquidWebData3Push,
} from '../../test/fake-exchange/page-feed/page-feed-messages';
import { HYPERLIQUID_META_AND_ASSET_CTXS } from '../../test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-meta';
import { PayloadReader } from '../venues/api/payload-reader';
import { readHyperliquidAccount } from '../venues/hyperliquid/hyperliquid-account';
import { readHyperliquidMeta } from '../venues/hyperliquid/hyperliquid-meta';
import { createHyperliquidFeed } from './hyperliquid-feed';
import type { TappedMessage } from './tapped-message';

/**
 * The Hyperliquid page feed on messages in Hyperliquid's documented formats (each builder in
 * test/fake-exchange/page-feed/page-feed-messages.ts names its page), for the same fake account
 * the address adapter reads (test/fake-exchange/api/fixtures/hyperliquid/), so the page's account
 * can be compared with the address read (hyperliquid-adapter.test.ts).
 */
const ADDRESS = HYPERLIQUID_PAGE_ADDRESS;
const OTHER = '0x00000000000000000000000000000000000000aa';
const socket = (text: string): TappedMessage => ({ site: 'hyperliquid', kind: 'socket', text });
const info = (state: unknown, user = ADDRESS, dex = ''): TappedMessage => ({
  site: 'hyperliquid',
  kind: 'info',
  user,
  dex,
  text: JSON.stringify(state),
});
/** A feed whose page has named its own address (webData3, subscribed for the connected wallet). */
function ownedFeed(owner = ADDRESS) {
  const feed = createHyperliquidFeed();
  expect(feed.receive(socket(hyperliquidWebData3Push(owner)))).toEqual({ ok: true });
  return feed;
}

/** What the address adapter makes of the same state, under the page's account id. */
function addressRead() {
  return readHyperliquidAccount(
    {
      accountId: `hyperliquid-page-${ADDRESS}`,
      state: HYPERLIQUID_PAGE_STATE,
      assets: readHyperliquidMeta(
        HYPERLIQUID_META_AND_ASSET_CTXS,
        new PayloadReader('hyperliquid', 'test'),
      ),
    },
    new PayloadReader('hyperliquid', 'test'),
  );
}

describe('Hyperliquid page feed: the account from the page’s own traffic', () => {
  it('reads a POST /info clearinghouseState answer as the address adapter does', () => {
    const feed = ownedFeed();
    expect(feed.receive(info(HYPERLIQUID_PAGE_STATE))).toEqual({ ok: true });
    const [snapshot, ...others] = feed.snapshots();
    expect(others).toEqual([]);
    // Marks from positionValue / |szi| are the asset contexts' marks; below each coin's first
    // tier the position's maxLeverage is its tier in force: the same account.
    const expected = addressRead();
    const fromPage = snapshot?.accounts[0];
    expect(snapshot?.identity).toBe(ADDRESS);
    expect(snapshot?.pending).toEqual([]);
    expect({
      ...fromPage,
      positions: fromPage?.positions.map((position) => ({
        ...position,
        markPrice: Number(position.markPrice),
      })),
    }).toEqual({
      ...expected,
      positions: expected?.positions.map((position) => ({
        ...position,
        markPrice: Number(position.markPrice),
      })),
    });
  });

  it('reads webData2 with the universe’s marks and margin tables, exactly as the adapter', () => {
    const feed = createHyperliquidFeed();
    expect(feed.receive(socket(hyperliquidWebData2Push()))).toEqual({ ok: true });
    expect(feed.snapshots()).toEqual([
      { identity: ADDRESS, accounts: [addressRead()], pending: [], prices: {} },
    ]);
  });

  it('reads clearinghouseState pushes, and takes a newer activeAssetData mark', () => {
    const feed = ownedFeed();
    expect(feed.receive(socket(hyperliquidClearinghousePush()))).toEqual({ ok: true });
    expect(feed.receive(socket(hyperliquidActiveAssetDataPush('101000.0')))).toEqual({ ok: true });
    const btc = feed
      .snapshots()[0]
      ?.accounts[0]?.positions.find((position) => position.symbol === 'BTC/USDC:USDC');
    expect(btc?.markPrice).toBe('101000.0');
  });

  it('sends nothing before the page names its own address: another address’s state is never the trader’s', () => {
    const feed = createHyperliquidFeed();
    // The app fetches the states of addresses it displays (vaults, explorer, leaderboard).
    expect(feed.receive(info(HYPERLIQUID_PAGE_STATE, OTHER))).toEqual({ ok: true });
    expect(
      feed.receive(socket(hyperliquidClearinghousePush(HYPERLIQUID_PAGE_STATE, OTHER))),
    ).toEqual({ ok: true });
    const allDexs = hyperliquidPush('allDexsClearinghouseState', {
      user: ADDRESS,
      clearinghouseStates: [['', HYPERLIQUID_PAGE_STATE]],
    });
    expect(feed.receive(socket(allDexs))).toEqual({ ok: true });
    expect(feed.receive(info(HYPERLIQUID_PAGE_STATE, ADDRESS))).toEqual({ ok: true });
    expect(feed.snapshots()).toEqual([]);
    // webData3 names the page's own address: its state, fetched before, is read; OTHER never is.
    expect(feed.receive(socket(hyperliquidWebData3Push(ADDRESS)))).toEqual({ ok: true });
    expect(feed.snapshots().map((snapshot) => snapshot.identity)).toEqual([ADDRESS]);
    feed.receive(info(HYPERLIQUID_PAGE_STATE, OTHER));
    expect(feed.snapshots().map((snapshot) => snapshot.identity)).toEqual([ADDRESS]);
  });

  it('takes the owner from webData2 or activeAssetData too, the latest when the wallet changes', () => {
    const byWebData2 = createHyperliquidFeed();
    byWebData2.receive(info(HYPERLIQUID_PAGE_STATE, OTHER));
    byWebData2.receive(socket(hyperliquidWebData2Push(HYPERLIQUID_PAGE_STATE, ADDRESS)));
    expect(byWebData2.snapshots().map((snapshot) => snapshot.identity)).toEqual([ADDRESS]);

    const byOrderForm = createHyperliquidFeed();
    byOrderForm.receive(info(HYPERLIQUID_PAGE_STATE, ADDRESS));
    byOrderForm.receive(info(HYPERLIQUID_PAGE_STATE, OTHER));
    expect(byOrderForm.snapshots()).toEqual([]);
    byOrderForm.receive(socket(hyperliquidActiveAssetDataPush('101000.0', 'BTC', OTHER)));
    expect(byOrderForm.snapshots().map((snapshot) => snapshot.identity)).toEqual([OTHER]);
    // The trader switched wallets in the page: only the new one.
    byOrderForm.receive(socket(hyperliquidWebData3Push(ADDRESS)));
    expect(byOrderForm.snapshots().map((snapshot) => snapshot.identity)).toEqual([ADDRESS]);
  });

  it('refuses by name an account whose margin is pooled beyond one dex', () => {
    // Read per dex, a unified account's balance looks near zero: a liquidation that is not there.
    // The address adapter computes it from the spot state, which the feed does not read.
    const modes = [
      [{ abstraction: 'unifiedAccount' }, 'the page reader does not read that balance'],
      [{ abstraction: 'dexAbstraction' }, 'dex abstraction mode'],
      [{ dexAbstractionEnabled: true }, 'dex abstraction mode'],
      [{ abstraction: 'portfolioMargin' }, 'portfolio margin mode'],
    ] as const;
    for (const [mode, words] of modes) {
      const feed = createHyperliquidFeed();
      feed.receive(info(HYPERLIQUID_PAGE_STATE));
      expect(feed.receive(socket(hyperliquidWebData3Push(ADDRESS, mode)))).toEqual({ ok: true });
      const [snapshot] = feed.snapshots();
      expect(snapshot?.accounts).toEqual([]);
      expect(snapshot?.pending).toEqual([expect.stringContaining(words)]);
    }
    // A standard account ("disabled", or the mode left out) is read per dex.
    for (const mode of [{ abstraction: 'disabled' }, { dexAbstractionEnabled: false }, {}]) {
      const feed = createHyperliquidFeed();
      feed.receive(info(HYPERLIQUID_PAGE_STATE));
      feed.receive(socket(hyperliquidWebData3Push(ADDRESS, mode)));
      const [account, ...more] = feed.snapshots()[0]?.accounts ?? [];
      expect(more).toEqual([]);
      expect(account?.positions.map((position) => position.symbol)).toEqual(
        addressRead()?.positions.map((position) => position.symbol),
      );
    }
    // The mode is the owner's: a switch to another wallet without a webData3 reads it normally,
    // and a malformed mode is refused naming the field.
    const feed = createHyperliquidFeed();
    feed.receive(socket(hyperliquidWebData3Push(ADDRESS, { abstraction: 'unifiedAccount' })));
    feed.receive(info(HYPERLIQUID_PAGE_STATE, OTHER));
    feed.receive(socket(hyperliquidActiveAssetDataPush('101000.0', 'BTC', OTHER)));
    expect(feed.snapshots()[0]?.accounts).toHaveLength(1);
    expect(feed.receive(socket(hyperliquidWebData3Push(ADDRESS, { abstraction: 7 })))).toEqual({
      ok: false,
      problem: expect.stringContaining('data userState abstraction') as unknown,
    });
  });

  it('names a HIP-3 dex holding positions instead of dropping it', () => {
    const feed = ownedFeed();
    const push = hyperliquidPush('allDexsClearinghouseState', {
      user: ADDRESS,
      clearinghouseStates: [
        ['', HYPERLIQUID_PAGE_STATE],
        ['xyz', HYPERLIQUID_PAGE_STATE],
      ],
    });
    expect(feed.receive(socket(push))).toEqual({ ok: true });
    const [snapshot] = feed.snapshots();
    expect(snapshot?.accounts).toHaveLength(1);
    expect(snapshot?.pending).toEqual(['dex "xyz": positions on HIP-3 dexes are not read yet']);
  });

  it('says when only a HIP-3 dex was seen', () => {
    const feed = ownedFeed();
    feed.receive(socket(hyperliquidClearinghousePush(HYPERLIQUID_PAGE_STATE, ADDRESS, 'xyz')));
    expect(feed.snapshots()[0]?.pending).toEqual([
      'dex "xyz": positions on HIP-3 dexes are not read yet',
      'the main dex clearinghouseState has not been seen yet',
    ]);
  });
});

describe('Hyperliquid page feed: malformed or forged messages are refused, naming the field', () => {
  it('refuses a position size that is not a decimal string', () => {
    const feed = createHyperliquidFeed();
    const [btc, ...rest] = HYPERLIQUID_PAGE_STATE.assetPositions;
    const bad = {
      ...HYPERLIQUID_PAGE_STATE,
      assetPositions: [{ ...btc, position: { ...btc?.position, szi: 'half' } }, ...rest],
    };
    expect(feed.receive(socket(hyperliquidClearinghousePush(bad)))).toEqual({
      ok: false,
      problem:
        'hyperliquid page clearinghouseState: data clearinghouseState assetPositions[0] "BTC" szi must be a decimal string, got "half"',
    });
    expect(feed.snapshots()).toEqual([]);
  });

  it('refuses a user that is not an address, an unknown channel and text that is not JSON', () => {
    const feed = createHyperliquidFeed();
    expect(
      feed.receive(socket(hyperliquidClearinghousePush(HYPERLIQUID_PAGE_STATE, 'alice'))),
    ).toEqual({
      ok: false,
      problem:
        'hyperliquid page clearinghouseState: data user must be an address (0x and 40 hexadecimal digits)',
    });
    expect(feed.receive(socket(hyperliquidPush('userFills', { user: ADDRESS })))).toEqual({
      ok: false,
      problem: 'hyperliquid page userFills: channel is not a channel the page feed reads',
    });
    expect(feed.receive(socket('not json'))).toEqual({
      ok: false,
      problem: 'hyperliquid page websocket: message is not JSON',
    });
    expect(feed.receive({ site: 'deribit', kind: 'notification', text: '{}' })).toEqual({
      ok: false,
      problem: 'not a Hyperliquid message',
    });
  });

  it('refuses a state without its margin summary', () => {
    const feed = createHyperliquidFeed();
    const bad: Record<string, unknown> = { ...HYPERLIQUID_PAGE_STATE };
    delete bad.marginSummary;
    expect(feed.receive(info(bad))).toEqual({
      ok: false,
      problem:
        'hyperliquid page POST /info clearinghouseState: answer marginSummary must be an object, got nothing',
    });
  });

  it('refuses webData2 whose universe does not read', () => {
    const feed = createHyperliquidFeed();
    const push = JSON.parse(hyperliquidWebData2Push()) as { data: Record<string, unknown> };
    push.data.assetCtxs = [];
    expect(feed.receive(socket(JSON.stringify(push)))).toEqual({
      ok: false,
      problem: expect.stringMatching(/^hyperliquid page webData2: \[1\] holds 0 asset contexts/),
    });
    expect(feed.snapshots()).toEqual([]);
  });
});
