import type { CcxtExchange, VenueAccountsSnapshot, VenueAdapter } from '../api/venue-api-types';
import { readHyperliquidAccount } from './hyperliquid-account';
import { hyperliquidAddress } from './hyperliquid-address';
import { readHyperliquidMeta } from './hyperliquid-meta';
import { HYPERLIQUID_VENUE } from './hyperliquid-venue';
import { PayloadReader } from '../api/payload-reader';

/**
 * Hyperliquid through ccxt (class `hyperliquid`, https://api.hyperliquid.xyz), read by public
 * wallet address: USDC-margined linear perpetuals, cross and isolated. Nothing secret is held,
 * so there is no key check.
 *
 * Two public requests to the info endpoint, through ccxt's implicit `publicPostInfo`:
 * `{type: "metaAndAssetCtxs"}` (marks, max leverage, margin tables) and
 * `{type: "clearinghouseState", user}` (positions and margin summaries). ccxt's loadMarkets is not
 * used: in 4.5.84 it also fetches spot and HIP-3 markets, and its `fetchPositions` leaves the
 * mark price and maintenance margin empty (research/peers.md §6.2). Hyperliquid does not
 * paginate either answer. hyperliquid-account.ts says how the state becomes an account.
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
    const assets = readHyperliquidMeta(
      await info({ type: 'metaAndAssetCtxs' }),
      new PayloadReader('hyperliquid', 'POST /info {"type":"metaAndAssetCtxs"}'),
    );
    const account = readHyperliquidAccount(
      { accountId, state: await info({ type: 'clearinghouseState', user }), assets },
      new PayloadReader('hyperliquid', 'POST /info {"type":"clearinghouseState"}'),
    );
    return { accounts: account === undefined ? [] : [account], tierTables: [] };
  },
};

function publicPostInfo(exchange: CcxtExchange): (body: object) => Promise<unknown> {
  const method = (exchange as unknown as Record<string, unknown>).publicPostInfo;
  if (typeof method !== 'function')
    throw new TypeError('ccxt hyperliquid has no method publicPostInfo');
  return (body) => (method as (body: object) => Promise<unknown>).call(exchange, body);
}
