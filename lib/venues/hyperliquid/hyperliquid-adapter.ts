import type {
  CcxtExchange,
  PortfolioFileAccount,
  VenueAccountsSnapshot,
  VenueAdapter,
} from '../api/venue-api-types';
import { hyperliquidStateIsEmpty, readHyperliquidAccount } from './hyperliquid-account';
import { refuseUnmodelledHyperliquidMode } from './hyperliquid-account-mode';
import { hyperliquidAddress } from './hyperliquid-address';
import { readHyperliquidCollateralToken, readHyperliquidMeta } from './hyperliquid-meta';
import { readHyperliquidPerpDexs } from './hyperliquid-perp-dexs';
import { readHyperliquidTokenNames } from './hyperliquid-spot-tokens';
import { HYPERLIQUID_VENUE } from './hyperliquid-venue';
import { PayloadReader } from '../api/payload-reader';

/**
 * Hyperliquid through ccxt (class `hyperliquid`, https://api.hyperliquid.xyz), read by public
 * wallet address: linear perpetuals, cross and isolated, on the first perp dex (USDC) and on every
 * builder-deployed (HIP-3) dex, each in its own collateral. Nothing secret is held, so there is
 * no key check.
 *
 * Public requests to the info endpoint through ccxt's implicit `publicPostInfo`
 * (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint and its
 * "Perpetuals" and "Spot" pages):
 * 1. `{type: "userAbstraction", user}`: an account in portfolio margin, unified account or dex
 *    abstraction mode is refused by name (hyperliquid-account-mode.ts says why);
 * 2. `{type: "perpDexs"}`: the builder-deployed dexes (hyperliquid-perp-dexs.ts);
 * 3. `{type: "clearinghouseState", user}` for the first dex and `{…, dex}` for each other: each
 *    dex is margined on its own, so each dex that holds anything is one account, `accountId`
 *    for the first dex and `accountId:<dex>` for the others (`hl:xyz`);
 * 4. `{type: "metaAndAssetCtxs"}` (with `dex` for a HIP-3 dex, as ccxt 4.5.84's
 *    fetchHip3Markets sends it) for each dex that holds anything: marks, max leverage, the dex's
 *    margin tables and its `collateralToken`;
 * 5. `{type: "spotMeta"}` once when a HIP-3 dex holds anything: the collateral token's name
 *    (USDC, USDH…; hyperliquid-spot-tokens.ts), which is also the quote and settlement of ccxt's
 *    symbol for the dex's markets (`FLX-TSLA/USDH:USDH`).
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
    refuseUnmodelledHyperliquidMode(
      await info({ type: 'userAbstraction', user }),
      new PayloadReader('hyperliquid', 'POST /info {"type":"userAbstraction"}'),
    );
    const builderDexes = readHyperliquidPerpDexs(
      await info({ type: 'perpDexs' }),
      new PayloadReader('hyperliquid', 'POST /info {"type":"perpDexs"}'),
    );
    const held: HeldDex[] = [];
    for (const dex of [FIRST_DEX, ...builderDexes]) {
      const reader = readerFor('clearinghouseState', dex);
      const state = await info({ type: 'clearinghouseState', user, ...dexField(dex) });
      if (!hyperliquidStateIsEmpty(state, reader)) held.push({ dex, state, reader });
    }
    const tokenNames = held.some((entry) => entry.dex !== FIRST_DEX)
      ? readHyperliquidTokenNames(
          await info({ type: 'spotMeta' }),
          new PayloadReader('hyperliquid', 'POST /info {"type":"spotMeta"}'),
        )
      : new Map<number, string>();
    const accounts: PortfolioFileAccount[] = [];
    for (const { dex, state, reader } of held) {
      const metaReader = readerFor('metaAndAssetCtxs', dex);
      const meta = await info({ type: 'metaAndAssetCtxs', ...dexField(dex) });
      const account = readHyperliquidAccount(
        {
          accountId: dex === FIRST_DEX ? accountId : `${accountId}:${dex}`,
          state,
          assets: readHyperliquidMeta(meta, metaReader),
          ...(dex !== FIRST_DEX && {
            dex,
            collateral: collateralName(
              readHyperliquidCollateralToken(meta, metaReader),
              tokenNames,
              metaReader,
            ),
          }),
        },
        reader,
      );
      if (account !== undefined) accounts.push(account);
    }
    return { accounts, tierTables: [] };
  },
};

/** The first perp dex: the info endpoint's `dex` default, the empty string. */
const FIRST_DEX = '';

interface HeldDex {
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

/** A HIP-3 dex's collateral token by name, from its meta's `collateralToken` and spotMeta. */
function collateralName(
  collateralToken: number | undefined,
  tokenNames: ReadonlyMap<number, string>,
  metaReader: PayloadReader,
): string {
  if (collateralToken === undefined)
    metaReader.fail('[0] collateralToken', "is missing: a HIP-3 dex's collateral must be named");
  const name = tokenNames.get(collateralToken);
  if (name === undefined)
    metaReader.fail('[0] collateralToken', `${collateralToken} is not among spotMeta's tokens`);
  return name;
}

function publicPostInfo(exchange: CcxtExchange): (body: object) => Promise<unknown> {
  const method = (exchange as unknown as Record<string, unknown>).publicPostInfo;
  if (typeof method !== 'function')
    throw new TypeError('ccxt hyperliquid has no method publicPostInfo');
  return (body) => (method as (body: object) => Promise<unknown>).call(exchange, body);
}
