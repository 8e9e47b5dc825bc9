import Decimal from 'decimal.js';
import { PayloadReader } from '../venues/api/payload-reader';
import { readHyperliquidAccount } from '../venues/hyperliquid/hyperliquid-account';
import { unmodelledHyperliquidModeReason } from '../venues/hyperliquid/hyperliquid-account-mode';
import { readHyperliquidMeta, type HyperliquidAsset } from '../venues/hyperliquid/hyperliquid-meta';
import {
  pageAccountId,
  problemOf,
  type FeedReceipt,
  type PageFeed,
  type PageFeedSnapshot,
} from './page-feed-snapshot';
import { PageFeedVenue } from './page-feed-sites';
import type { TappedMessage } from './tapped-message';

/**
 * Hyperliquid's page traffic → the account of each address the page shows, in the portfolio
 * file's format, through the address adapter's own mapping (hyperliquid-account.ts): the same
 * balance, isolated margins, venue-reported figures and tier in force. Pure: no DOM, no clock.
 *
 * Messages read (hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket/subscriptions;
 * a push is `{"channel": …, "data": …}`):
 * - `clearinghouseState` `{dex, user, clearinghouseState}`, and `POST /info`
 *   `{"type":"clearinghouseState", user, dex?}` answers (the state itself,
 *   …/api/info-endpoint/perpetuals#retrieve-users-perpetuals-account-summary): `marginSummary`,
 *   `crossMaintenanceMarginUsed`, `assetPositions[].position{coin, szi, leverage, entryPx,
 *   positionValue, unrealizedPnl, liquidationPx, marginUsed, maxLeverage}`.
 * - `allDexsClearinghouseState` `{user, clearinghouseStates: [[dex, state]]}`: every dex at once.
 * - `webData2` `{user, clearinghouseState, meta, assetCtxs, …}`: the state, the page's own
 *   address, and the perpetual universe with marks and margin tables (read as the adapter reads
 *   `metaAndAssetCtxs`). Deprecated by Hyperliquid for webData3 and component subscriptions.
 * - `webData3` `{userState: {user, abstraction?, dexAbstractionEnabled?, …}, perpDexStates}`:
 *   no positions; it names the page's own address and its account mode (`abstraction`:
 *   "dexAbstraction", "unifiedAccount", "portfolioMargin" or "disabled"; the fields as the
 *   nktkas/hyperliquid SDK types the event, src/api/subscription/_methods/webData3.ts). Portfolio
 *   margin and dex abstraction are refused by name, as the address adapter refuses them
 *   (hyperliquid-account-mode.ts). A unified account is refused too, for a reason of the feed's
 *   own ({@link UNIFIED_ACCOUNT_NOT_READ}): its balance is the spot clearinghouse state's, which
 *   the feed does not read, and read per dex it would look near zero and show liquidations that
 *   are not there. Until a webData3 has said the mode (a page that sends only webData2), the
 *   account is read as a standard one; beside an address connection whose last read was unified,
 *   such a read is left out (lib/connections/with-page-accounts.ts).
 * - `activeAssetData` `{user, coin, leverage, maxTradeSzs, availableToTrade, markPx}`: a newer
 *   mark for that coin.
 *
 * Whose account: the page's own address only, and nothing before the page has named it. The app
 * fetches the clearinghouse state of any address it displays (a vault, an explorer or
 * leaderboard view, another trader's profile), so a `clearinghouseState` push, an
 * `allDexsClearinghouseState` push or a `POST /info` answer never says whose the page is. The
 * owner is the `user` of the user-scoped subscriptions the app makes for the connected wallet
 * alone: `webData2` and `webData3` (the trading page's aggregate of the wallet's own data) and
 * `activeAssetData` (the order form's leverage and available-to-trade for the wallet that trades:
 * …/websocket/subscriptions, `activeAssetData` requires the trading `user` and `coin`); the
 * latest of them wins (a wallet switched in the page). Until one has come, no snapshot is made;
 * the states of up to {@link MAX_KEPT_USERS} addresses are kept meanwhile, so the owner's own,
 * fetched before it was named, is read as soon as it is. The background keeps one Hyperliquid page
 * read (page-accounts-item.ts). Main dex only: a HIP-3 dex holding positions is named in
 * `pending`.
 *
 * Marks: each coin's newest of the state's own `positionValue / |szi|`, webData2's asset context
 * `markPx` and activeAssetData's `markPx`. The balance is the state's deposit (`accountValue` less
 * unrealized P&L), so revaluing at a newer mark stays consistent. Tiers: from webData2's margin
 * tables when one was seen; otherwise each position carries only its own `maxLeverage` (the
 * first tier, hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers), exact below the
 * first tier's cap; a position above it would be given too little maintenance margin. The key
 * adapter reads the tables from `metaAndAssetCtxs`, which the page feed does not tap.
 */
/**
 * Why the page's unified account is not read: the address adapter computes it from the spot
 * clearinghouse state (hyperliquid-unified-account.ts), which this feed does not tap.
 */
const UNIFIED_ACCOUNT_NOT_READ =
  "hyperliquid: the account is in unified account mode, where one balance per collateral token, kept in the spot clearinghouse state, backs every dex's cross positions; the page reader does not read that balance, and each dex's own state does not show it, so read from the page the account would show liquidations that are not there; add the address in the options (Wallet address) to have it computed";

/** Addresses whose states are kept. */
const MAX_KEPT_USERS = 4;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const DEX = /^[A-Za-z0-9_:.-]{0,40}$/;
const MAIN_DEX = '';

interface Seen<T> {
  readonly value: T;
  /** Order of arrival (higher is newer). */
  readonly sequence: number;
}

interface UserStates {
  /** dex ('' = main) → its clearinghouse state. */
  readonly states: Map<string, Seen<Record<string, unknown>>>;
  sequence: number;
}

export function createHyperliquidFeed(): PageFeed {
  let sequence = 0;
  let owner: string | null = null;
  const users = new Map<string, UserStates>();
  let universe: Seen<ReadonlyMap<string, HyperliquidAsset>> | undefined;
  const marks = new Map<string, Seen<string>>();
  /** The account mode the latest webData3 said, and whose. */
  let ownerMode: { readonly user: string; readonly mode: string } | undefined;

  function receive(message: TappedMessage): FeedReceipt {
    try {
      if (message.site !== PageFeedVenue.hyperliquid) return refused('not a Hyperliquid message');
      sequence += 1;
      if (message.kind === 'info') {
        const reader = new PayloadReader('hyperliquid', 'page POST /info clearinghouseState');
        const state = readState(parseJson(message.text, reader), 'answer', reader);
        setStates(address(message.user, 'request user', reader), [[message.dex, state]], false);
      } else readPush(message.text);
      return { ok: true };
    } catch (error) {
      return refused(problemOf(error));
    }
  }

  function readPush(text: string): void {
    const reader = new PayloadReader('hyperliquid', 'page websocket');
    const push = reader.object(parseJson(text, reader), 'message');
    const channel = reader.text(push.channel, 'channel');
    const at = new PayloadReader('hyperliquid', `page ${channel.slice(0, 40)}`);
    const data = at.object(push.data, 'data');
    switch (channel) {
      case 'clearinghouseState': {
        const dex = at.string(data.dex, 'data dex');
        if (!DEX.test(dex)) at.fail('data dex', 'is not a dex name');
        const state = readState(data.clearinghouseState, 'data clearinghouseState', at);
        setStates(address(data.user, 'data user', at), [[dex, state]], false);
        return;
      }
      case 'allDexsClearinghouseState': {
        const user = address(data.user, 'data user', at);
        const entries = at
          .array(data.clearinghouseStates, 'data clearinghouseStates')
          .map((raw, index): [string, Record<string, unknown>] => {
            const where = `data clearinghouseStates[${index}]`;
            const pair = at.array(raw, where);
            const dex = at.string(pair[0], `${where} [0]`);
            if (pair.length !== 2 || !DEX.test(dex)) at.fail(where, 'must be [dex, state]');
            return [dex, readState(pair[1], `${where} [1]`, at)];
          });
        setStates(user, entries, true);
        return;
      }
      case 'webData2': {
        const user = address(data.user, 'data user', at);
        const state = readState(data.clearinghouseState, 'data clearinghouseState', at);
        const assets = readHyperliquidMeta([data.meta, data.assetCtxs], at);
        owner = user;
        setStates(user, [[MAIN_DEX, state]], false);
        universe = { value: assets, sequence };
        return;
      }
      case 'webData3': {
        const userState = at.object(data.userState, 'data userState');
        const user = address(userState.user, 'data userState user', at);
        const mode =
          userState.abstraction === undefined
            ? undefined
            : at.matching(
                userState.abstraction,
                /^[A-Za-z]{1,40}$/,
                'an account mode',
                'data userState abstraction',
              );
        const dexAbstraction =
          userState.dexAbstractionEnabled === undefined
            ? false
            : at.boolean(userState.dexAbstractionEnabled, 'data userState dexAbstractionEnabled');
        owner = user;
        ownerMode = {
          user,
          mode: dexAbstraction && mode === undefined ? 'dexAbstraction' : (mode ?? 'default'),
        };
        return;
      }
      case 'activeAssetData': {
        const user = address(data.user, 'data user', at);
        const coin = at.text(data.coin, 'data coin');
        const markPrice = at.decimalString(data.markPx, `data "${coin}" markPx`, 'positive');
        owner = user;
        marks.set(coin, { value: markPrice, sequence });
        return;
      }
      default:
        at.fail('channel', 'is not a channel the page feed reads');
    }
  }

  function setStates(
    user: string,
    entries: readonly (readonly [string, Record<string, unknown>])[],
    wholeUser: boolean,
  ): void {
    let entry = users.get(user);
    if (entry === undefined) {
      entry = { states: new Map(), sequence };
      users.set(user, entry);
    }
    if (wholeUser) entry.states.clear();
    for (const [dex, state] of entries) entry.states.set(dex, { value: state, sequence });
    entry.sequence = sequence;
    // Bounded: the addresses seen last (and the page's own).
    const evictable = [...users]
      .filter(([address]) => address !== owner)
      .sort((a, b) => a[1].sequence - b[1].sequence);
    while (users.size > MAX_KEPT_USERS && evictable.length > 0)
      users.delete(evictable.shift()?.[0] ?? '');
  }

  function snapshots(): PageFeedSnapshot[] {
    // Nothing until the page has named its own address (see the module's doc).
    return owner !== null && users.has(owner) ? [snapshotOf(owner)] : [];
  }

  function snapshotOf(user: string): PageFeedSnapshot {
    const mode = ownerMode?.user === user ? ownerMode.mode : undefined;
    const unmodelled =
      mode === 'unifiedAccount' ? UNIFIED_ACCOUNT_NOT_READ : unmodelledHyperliquidModeReason(mode);
    if (unmodelled !== undefined)
      return { identity: user, accounts: [], pending: [unmodelled], prices: {} };
    const states = users.get(user)?.states ?? new Map<string, Seen<Record<string, unknown>>>();
    const pending: string[] = [];
    for (const [dex, state] of states)
      if (dex !== MAIN_DEX && positionsOf(state.value).length > 0)
        pending.push(`dex "${dex}": positions on HIP-3 dexes are not read yet`);
    const main = states.get(MAIN_DEX);
    if (main === undefined) {
      pending.push('the main dex clearinghouseState has not been seen yet');
      return { identity: user, accounts: [], pending, prices: {} };
    }
    const reader = new PayloadReader('hyperliquid', 'page clearinghouseState');
    try {
      const account = readHyperliquidAccount(
        {
          accountId: pageAccountId(PageFeedVenue.hyperliquid, user),
          state: main.value,
          assets: assetsFor(main, reader),
        },
        reader,
      );
      return {
        identity: user,
        accounts: account === undefined ? [] : [account],
        pending,
        prices: {},
      };
    } catch (error) {
      pending.push(problemOf(error));
      return { identity: user, accounts: [], pending, prices: {} };
    }
  }

  /** Each held coin's newest mark and, when the universe was seen, its margin tiers. */
  function assetsFor(
    main: Seen<Record<string, unknown>>,
    reader: PayloadReader,
  ): Map<string, HyperliquidAsset> {
    const assets = new Map<string, HyperliquidAsset>();
    positionsOf(main.value).forEach((raw, index) => {
      const where = `assetPositions[${index}]`;
      const position = reader.object(reader.object(raw, where).position, `${where} position`);
      const coin = reader.text(position.coin, `${where} position coin`);
      const size = new Decimal(reader.decimalString(position.szi, `${where} "${coin}" szi`));
      if (size.isZero()) return;
      const value = new Decimal(
        reader.decimalString(
          position.positionValue,
          `${where} "${coin}" positionValue`,
          'positive',
        ),
      );
      const known = universe?.value.get(coin);
      // Newest first; of marks that came in one message, the venue's own markPx.
      const candidates: Seen<string>[] = [];
      if (known !== undefined && universe !== undefined)
        candidates.push({ value: known.markPrice, sequence: universe.sequence });
      const pushed = marks.get(coin);
      if (pushed !== undefined) candidates.push(pushed);
      candidates.push({
        value: value.div(size.abs()).toSignificantDigits(12).toFixed(),
        sequence: main.sequence,
      });
      const newest = candidates.reduce((a, b) => (b.sequence > a.sequence ? b : a));
      assets.set(coin, {
        coin,
        markPrice: newest.value,
        maxLeverage:
          known?.maxLeverage ??
          Number(reader.numericDecimal(position.maxLeverage, `${where} "${coin}" maxLeverage`)),
        tiers: known?.tiers ?? [],
      });
    });
    return assets;
  }

  return { receive, snapshots };
}

/** A clearinghouse state's outline, checked on arrival (hyperliquid-account.ts reads it in full). */
function readState(raw: unknown, where: string, reader: PayloadReader): Record<string, unknown> {
  const state = reader.object(raw, where);
  const summary = reader.object(state.marginSummary, `${where} marginSummary`);
  reader.decimalString(summary.accountValue, `${where} marginSummary accountValue`);
  reader.decimalString(state.crossMaintenanceMarginUsed, `${where} crossMaintenanceMarginUsed`);
  reader.array(state.assetPositions, `${where} assetPositions`).forEach((entry, index) => {
    const place = `${where} assetPositions[${index}]`;
    const position = reader.object(reader.object(entry, place).position, `${place} position`);
    const coin = reader.text(position.coin, `${place} position coin`);
    reader.decimalString(position.szi, `${place} "${coin.slice(0, 20)}" szi`);
    reader.decimalString(position.positionValue, `${place} "${coin.slice(0, 20)}" positionValue`);
  });
  return state;
}

function positionsOf(state: Record<string, unknown>): readonly unknown[] {
  const list = state.assetPositions;
  return Array.isArray(list) ? list : [];
}

function address(value: unknown, where: string, reader: PayloadReader): string {
  if (typeof value !== 'string' || !ADDRESS.test(value))
    reader.fail(where, 'must be an address (0x and 40 hexadecimal digits)');
  return value.toLowerCase();
}

function parseJson(text: string, reader: PayloadReader): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return reader.fail('message', 'is not JSON');
  }
}

function refused(problem: string): FeedReceipt {
  return { ok: false, problem };
}
