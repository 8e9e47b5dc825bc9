import type {
  CcxtExchange,
  PortfolioFileAccount,
  VenueAccountsSnapshot,
  VenueAdapter,
} from '../api/venue-api-types';
import {
  hyperliquidStateHasPositions,
  hyperliquidStateIsEmpty,
  readHyperliquidAccount,
} from './hyperliquid-account';
import { readHyperliquidAccountMode } from './hyperliquid-account-mode';
import { hyperliquidAddress } from './hyperliquid-address';
import { readHyperliquidCollateralToken, readHyperliquidMeta } from './hyperliquid-meta';
import { readHyperliquidPerpDexs } from './hyperliquid-perp-dexs';
import { readHyperliquidSpotTotals } from './hyperliquid-spot-state';
import { readHyperliquidTokenNames } from './hyperliquid-spot-tokens';
import {
  readHyperliquidUnifiedAccount,
  type HyperliquidUnifiedDex,
} from './hyperliquid-unified-account';
import { HYPERLIQUID_VENUE } from './hyperliquid-venue';
import { PayloadReader } from '../api/payload-reader';
import Decimal from 'decimal.js';

/**
 * Hyperliquid through ccxt (class `hyperliquid`, https://api.hyperliquid.xyz), read by public
 * wallet address: linear perpetuals, cross and isolated, on the first perp dex (USDC) and on every
 * builder-deployed (HIP-3) dex, each in its own collateral. Nothing secret is held, so there is
 * no key check.
 *
 * Public requests to the info endpoint through ccxt's implicit `publicPostInfo`
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint and its
 * "Perpetuals" and "Spot" pages):
 * 1. `{type: "userAbstraction", user}`: the account's mode (hyperliquid-account-mode.ts): standard
 *    or unified account; portfolio margin and dex abstraction are refused by name;
 * 2. `{type: "perpDexs"}`: the builder-deployed dexes (hyperliquid-perp-dexs.ts);
 * 3. `{type: "clearinghouseState", user}` for the first dex and `{…, dex}` for each other;
 * 4. unified accounts only: `{type: "spotClearinghouseState", user}`, the balance of each
 *    collateral token (hyperliquid-spot-state.ts), right after the dexes' states: the spot total
 *    holds the cross positions' P&L at the time it is read, and the account's equity is that
 *    total less the P&L at the states' time plus the P&L at the metas' marks, so a price move
 *    between the two reads would count twice; ccxt spaces requests by weight, and the metas come
 *    after, seconds later on an account with many dexes;
 * 5. `{type: "spotMeta"}` once when a HIP-3 dex holds anything: the collateral token's name
 *    (USDC, USDH…; hyperliquid-spot-tokens.ts), which is also the quote and settlement of ccxt's
 *    symbol for the dex's markets (`FLX-TSLA/USDH:USDH`);
 * 6. `{type: "metaAndAssetCtxs"}` (with `dex` for a HIP-3 dex, as ccxt 4.5.84's
 *    fetchHip3Markets sends it) for each dex that holds anything: marks, max leverage, the dex's
 *    margin tables and its `collateralToken`.
 * A standard account: each dex is margined on its own, so each dex that holds anything is one
 * account (hyperliquid-account.ts), `accountId` for the first dex and `accountId:<dex>` for the
 * others (`hl:xyz`). A unified account: one account per collateral token, across the dexes that
 * use it and hold a position (hyperliquid-unified-account.ts), `accountId` for USDC (the first
 * dex's) and `accountId:<token>` for the others (`hl:USDH`); USDC's is there, positions or not,
 * when its balance is not zero, as a standard first dex's is. The snapshot says so
 * (`unifiedAccount`), so that a page read does not take its place (with-page-accounts.ts).
 * The ids do not carry over between modes: `accountId` is the first dex's account in one and the
 * pooled USDC account in the other, `hl:flx` (a dex) becomes `hl:USDH` (a token), so switching
 * modes breaks the accounts' history and alert continuity.
 * The first dex is USDC-margined ("USDC margining, USDT denominated linear contracts",
 * https://hyperliquid.gitbook.io/hyperliquid-docs/trading/contract-specifications).
 *
 * ccxt's loadMarkets is not used: in 4.5.84 it loads at most ten HIP-3 dexes unless told which
 * (`options.fetchMarkets.hip3`), leaves the margin tables out, and its `fetchPositions` reads one
 * dex at a time and leaves the mark price and maintenance margin undefined (hyperliquid.js
 * parsePosition).
 * The symbols are ccxt's all the same (lib/engine/product/hyperliquid-market-name.ts).
 * Hyperliquid does not paginate these answers. hyperliquid-account.ts says how a state becomes
 * an account.
 *
 * Tier tables: Hyperliquid publishes its margin tables (hyperliquid-meta.ts turns them into tier
 * rows), but Margin Lens's Hyperliquid rules take no tables (lib/engine/margin/venue-rules.ts) and
 * the portfolio parser refuses a Hyperliquid table, so none is emitted: each position carries its
 * tier in force instead (hyperliquid-account.ts), which is exact at its current size.
 */
export const hyperliquidAdapter: VenueAdapter = {
  venue: 'hyperliquid',
  credentialKind: 'address',
  needsPassword: false,
  hostPermissions: HYPERLIQUID_VENUE.apiHosts,

  async fetchAccounts(exchange: CcxtExchange, accountId: string): Promise<VenueAccountsSnapshot> {
    const user = hyperliquidAddress((exchange as { walletAddress?: string }).walletAddress);
    const info = publicPostInfo(exchange);
    const mode = readHyperliquidAccountMode(
      await info({ type: 'userAbstraction', user }),
      new PayloadReader('hyperliquid', 'POST /info {"type":"userAbstraction"}'),
    );
    const builderDexes = readHyperliquidPerpDexs(
      await info({ type: 'perpDexs' }),
      new PayloadReader('hyperliquid', 'POST /info {"type":"perpDexs"}'),
    );
    const states: DexState[] = [];
    for (const dex of [FIRST_DEX, ...builderDexes]) {
      const state = await info({ type: 'clearinghouseState', user, ...dexField(dex) });
      states.push({ dex, state, reader: readerFor('clearinghouseState', dex) });
    }
    const accounts =
      mode === 'unified'
        ? await unifiedAccounts(info, user, accountId, states)
        : await standardAccounts(info, accountId, states);
    return { accounts, tierTables: [], ...(mode === 'unified' && { unifiedAccount: true }) };
  },
};

/** A standard account: each dex that holds anything, on its own. */
async function standardAccounts(
  info: Info,
  accountId: string,
  states: readonly DexState[],
): Promise<PortfolioFileAccount[]> {
  const held = states.filter(({ state, reader }) => !hyperliquidStateIsEmpty(state, reader));
  const tokenNames = await builderTokenNames(info, held);
  const accounts: PortfolioFileAccount[] = [];
  for (const { dex, state, reader } of held) {
    const { assets, collateralToken, metaReader } = await dexMeta(info, dex);
    const account = readHyperliquidAccount(
      {
        accountId: dex === FIRST_DEX ? accountId : `${accountId}:${dex}`,
        state,
        assets,
        ...(dex !== FIRST_DEX && {
          dex,
          collateral: collateralName(
            builderCollateralToken(collateralToken, metaReader),
            tokenNames,
            metaReader,
          ),
        }),
      },
      reader,
    );
    if (account !== undefined) accounts.push(account);
  }
  return accounts;
}

/**
 * A unified account: one account per collateral token, across the dexes using it that hold a
 * position (a dex's own summary is not meaningful in this mode, so a position is what says a dex
 * is used), on the token's spot balance.
 */
async function unifiedAccounts(
  info: Info,
  user: string,
  accountId: string,
  states: readonly DexState[],
): Promise<PortfolioFileAccount[]> {
  const spotReader = new PayloadReader(
    'hyperliquid',
    'POST /info {"type":"spotClearinghouseState"}',
  );
  // Read before spotMeta and the metas, next to the dexes' states (see the module's doc, 4).
  const totals = readHyperliquidSpotTotals(
    await info({ type: 'spotClearinghouseState', user }),
    spotReader,
  );
  const held = states.filter(({ state, reader }) => hyperliquidStateHasPositions(state, reader));
  const tokenNames = await builderTokenNames(info, held);
  const byToken = new Map<number, { name: string; dexes: HyperliquidUnifiedDex[] }>();
  for (const { dex, state, reader } of held) {
    const { assets, collateralToken, metaReader } = await dexMeta(info, dex);
    const token =
      dex === FIRST_DEX ? FIRST_DEX_TOKEN : builderCollateralToken(collateralToken, metaReader);
    const name =
      dex === FIRST_DEX ? FIRST_DEX_COLLATERAL : collateralName(token, tokenNames, metaReader);
    const group = byToken.get(token) ?? { name, dexes: [] };
    group.dexes.push({ dex, state, assets, reader });
    byToken.set(token, group);
  }
  const usdc = totals.get(FIRST_DEX_TOKEN);
  const groups = [...byToken];
  if (!byToken.has(FIRST_DEX_TOKEN) && usdc !== undefined && !new Decimal(usdc).isZero())
    groups.unshift([FIRST_DEX_TOKEN, { name: FIRST_DEX_COLLATERAL, dexes: [] }]);
  return groups.map(([token, { name, dexes }]) =>
    readHyperliquidUnifiedAccount(
      {
        accountId: token === FIRST_DEX_TOKEN ? accountId : `${accountId}:${name}`,
        collateral: name,
        spotTotal: totals.get(token),
        dexes,
      },
      spotReader,
    ),
  );
}

/** spotMeta's token names, read once when a HIP-3 dex holds anything. */
async function builderTokenNames(
  info: Info,
  held: readonly DexState[],
): Promise<ReadonlyMap<number, string>> {
  if (!held.some((entry) => entry.dex !== FIRST_DEX)) return new Map<number, string>();
  return readHyperliquidTokenNames(
    await info({ type: 'spotMeta' }),
    new PayloadReader('hyperliquid', 'POST /info {"type":"spotMeta"}'),
  );
}

async function dexMeta(
  info: Info,
  dex: string,
): Promise<{
  assets: ReturnType<typeof readHyperliquidMeta>;
  collateralToken: number | undefined;
  metaReader: PayloadReader;
}> {
  const metaReader = readerFor('metaAndAssetCtxs', dex);
  const meta = await info({ type: 'metaAndAssetCtxs', ...dexField(dex) });
  return {
    assets: readHyperliquidMeta(meta, metaReader),
    // The first dex's is USDC (FIRST_DEX_COLLATERAL), whatever its meta says.
    collateralToken:
      dex === FIRST_DEX ? undefined : readHyperliquidCollateralToken(meta, metaReader),
    metaReader,
  };
}

type Info = (body: object) => Promise<unknown>;

/** The first perp dex: the info endpoint's `dex` default, the empty string. */
const FIRST_DEX = '';
/**
 * The first dex's collateral, USDC, token 0 in spotMeta ("USDC margining, USDT denominated linear
 * contracts", https://hyperliquid.gitbook.io/hyperliquid-docs/trading/contract-specifications).
 */
const FIRST_DEX_COLLATERAL = 'USDC';
const FIRST_DEX_TOKEN = 0;

interface DexState {
  readonly dex: string;
  readonly state: unknown;
  readonly reader: PayloadReader;
}

function dexField(dex: string): { dex?: string } {
  return dex === FIRST_DEX ? {} : { dex };
}

function readerFor(type: string, dex: string): PayloadReader {
  const body = dex === FIRST_DEX ? `{"type":"${type}"}` : `{"type":"${type}","dex":"${dex}"}`;
  return new PayloadReader('hyperliquid', `POST /info ${body}`);
}

/** A HIP-3 dex's collateral token, its meta's `collateralToken`, which must be there. */
function builderCollateralToken(
  collateralToken: number | undefined,
  metaReader: PayloadReader,
): number {
  if (collateralToken === undefined)
    metaReader.fail('[0] collateralToken', "is missing: a HIP-3 dex's collateral must be named");
  return collateralToken;
}

/** A HIP-3 dex's collateral token by name, from spotMeta. */
function collateralName(
  collateralToken: number,
  tokenNames: ReadonlyMap<number, string>,
  metaReader: PayloadReader,
): string {
  const name = tokenNames.get(collateralToken);
  if (name === undefined)
    metaReader.fail('[0] collateralToken', `${collateralToken} is not among spotMeta's tokens`);
  return name;
}

function publicPostInfo(exchange: CcxtExchange): Info {
  const method = (exchange as unknown as Record<string, unknown>).publicPostInfo;
  if (typeof method !== 'function')
    throw new TypeError('ccxt hyperliquid has no method publicPostInfo');
  return (body) => (method as (body: object) => Promise<unknown>).call(exchange, body);
}
